// One RTCPeerConnection to one remote peer, negotiated with the "perfect negotiation" pattern: both sides may
// start a negotiation whenever they need one; when two offers cross (glare), the polite side rolls its own back and
// answers, the impolite side ignores the incoming offer. Which side is polite is decided by comparing peer ids, so
// both sides agree without talking about it.
//
// The chat runs on a pre-negotiated data channel (same id on both sides), so neither side has to "own" it.

const CHAT_CHANNEL_ID = 0;

export class PeerLink extends EventTarget {
  #pc;
  #chat;
  #signal;
  #polite;
  #makingOffer = false;
  #ignoreOffer = false;
  #inbox = Promise.resolve(); // incoming signals are applied one after another, in arrival order

  /**
   * @param {object} options
   * @param {string} options.peerId the remote peer
   * @param {string|null} options.name its display name
   * @param {boolean} options.polite whether this side yields when offers cross
   * @param {RTCIceServer[]} options.iceServers from the server's welcome
   * @param {(type: 'offer'|'answer'|'candidate', data: object) => void} options.signal sends to the remote peer
   */
  constructor({ peerId, name, polite, iceServers, signal }) {
    super();
    this.peerId = peerId;
    this.name = name;
    this.remoteStream = new MediaStream();
    this.#polite = polite;
    this.#signal = signal;
    this.#pc = new RTCPeerConnection({ iceServers });
    this.#pc.addEventListener('negotiationneeded', () => this.#negotiate());
    this.#pc.addEventListener('icecandidate', ({ candidate }) => {
      if (candidate) this.#signal('candidate', candidate.toJSON());
    });
    this.#pc.addEventListener('connectionstatechange', () => this.#changed());
    this.#pc.addEventListener('track', ({ track }) => {
      this.remoteStream.addTrack(track);
      track.addEventListener('ended', () => this.remoteStream.removeTrack(track));
      this.#changed();
    });
    this.#chat = this.#pc.createDataChannel('chat', { negotiated: true, id: CHAT_CHANNEL_ID });
    this.#chat.addEventListener('open', () => this.#changed());
    this.#chat.addEventListener('close', () => this.#changed());
    this.#chat.addEventListener('message', (event) => {
      this.dispatchEvent(new CustomEvent('chat', { detail: JSON.parse(event.data) }));
    });
  }

  get polite() {
    return this.#polite;
  }

  get connectionState() {
    return this.#pc.connectionState;
  }

  get chatState() {
    return this.#chat.readyState;
  }

  /** Adds the local camera/microphone tracks; the negotiation this needs starts by itself. */
  addStream(stream) {
    const sending = new Set(this.#pc.getSenders().map((sender) => sender.track));
    for (const track of stream.getTracks()) {
      if (!sending.has(track)) this.#pc.addTrack(track, stream);
    }
  }

  sendChat(message) {
    if (this.#chat.readyState !== 'open') return false;
    this.#chat.send(JSON.stringify(message));
    return true;
  }

  /** A relayed offer, answer or candidate from the remote peer. */
  receive(type, data) {
    this.#inbox = this.#inbox
      .then(() => (type === 'candidate' ? this.#addCandidate(data) : this.#applyDescription(data)))
      .catch((error) => console.error(`peer ${this.peerId}: could not apply ${type}`, error));
  }

  /** The type of the local and remote candidate of the pair in use, from getStats(). */
  async selectedCandidatePair() {
    const stats = await this.#pc.getStats();
    for (const report of stats.values()) {
      if (report.type === 'transport' && report.selectedCandidatePairId) {
        const pair = stats.get(report.selectedCandidatePairId);
        const local = stats.get(pair.localCandidateId);
        const remote = stats.get(pair.remoteCandidateId);
        return {
          local: { type: local.candidateType, address: local.address, protocol: local.protocol },
          remote: { type: remote.candidateType, address: remote.address, protocol: remote.protocol },
        };
      }
    }
    return null;
  }

  close() {
    this.#pc.close();
    this.#changed();
  }

  async #negotiate() {
    try {
      this.#makingOffer = true;
      await this.#pc.setLocalDescription();
      this.#signal('offer', this.#pc.localDescription.toJSON());
    } catch (error) {
      console.error(`peer ${this.peerId}: could not make an offer`, error);
    } finally {
      this.#makingOffer = false;
    }
  }

  async #applyDescription(description) {
    const pc = this.#pc;
    const offerCollision = description.type === 'offer' && (this.#makingOffer || pc.signalingState !== 'stable');
    this.#ignoreOffer = !this.#polite && offerCollision;
    if (this.#ignoreOffer) return; // the impolite side keeps its own offer; the other side will answer it
    await pc.setRemoteDescription(description); // on the polite side this rolls back a crossing offer
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      this.#signal('answer', pc.localDescription.toJSON());
    }
  }

  async #addCandidate(candidate) {
    try {
      await this.#pc.addIceCandidate(candidate);
    } catch (error) {
      if (!this.#ignoreOffer) throw error; // candidates of an ignored offer are expected to fail
    }
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}
