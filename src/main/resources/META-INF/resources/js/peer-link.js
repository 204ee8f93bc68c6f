// One RTCPeerConnection to one remote peer, negotiated with the "perfect negotiation" pattern: either side may
// start a negotiation whenever it needs one (adding the camera, say); when two offers cross (glare), the polite side
// rolls its own back and answers, the impolite side ignores the incoming offer. Which side is polite is decided by
// comparing peer ids, so both sides agree without talking about it.
//
// The first negotiation is started by one side only, the initiator (the member who was already in the room and saw
// the other arrive): it opens the chat channel, the other side receives it. Letting both sides open a negotiated
// channel at once would make every first negotiation a glare; Chromium 156 sometimes never gathers candidates on the
// polite side after rolling back that first offer, and the pair stays `new` for good.

export class PeerLink extends EventTarget {
  #pc;
  #chat = null;
  #initiator;
  #answeredOnce = false;
  #heldStream = null; // the other side's first offer comes before our camera
  #signal;
  #polite;
  #makingOffer = false;
  #ignoreOffer = false;
  #inbox = Promise.resolve(); // incoming signals are applied one after another, in arrival order
  #history = []; // the last signaling steps, for the UI and for diagnosing tests
  #candidates = { sent: 0, added: 0, dropped: 0 };

  /**
   * @param {object} options
   * @param {string} options.peerId the remote peer
   * @param {string|null} options.name its display name
   * @param {boolean} options.polite whether this side yields when offers cross
   * @param {boolean} options.initiator whether this side starts the first negotiation (and opens the chat channel)
   * @param {RTCIceServer[]} options.iceServers from the server's welcome
   * @param {(type: 'offer'|'answer'|'candidate', data: object) => void} options.signal sends to the remote peer
   */
  constructor({ peerId, name, polite, initiator, iceServers, signal }) {
    super();
    this.peerId = peerId;
    this.name = name;
    this.remoteStream = new MediaStream();
    this.#polite = polite;
    this.#initiator = initiator;
    this.#signal = signal;
    this.#pc = new RTCPeerConnection({ iceServers });
    this.#pc.addEventListener('negotiationneeded', () => this.#negotiate());
    this.#pc.addEventListener('icecandidate', ({ candidate }) => {
      if (!candidate) return;
      this.#candidates.sent += 1;
      this.#signal('candidate', candidate.toJSON());
    });
    this.#pc.addEventListener('connectionstatechange', () => this.#changed());
    this.#pc.addEventListener('track', ({ track }) => {
      this.remoteStream.addTrack(track);
      track.addEventListener('ended', () => this.remoteStream.removeTrack(track));
      this.#changed();
    });
    if (initiator) this.#useChat(this.#pc.createDataChannel('chat'));
    else this.#pc.addEventListener('datachannel', ({ channel }) => this.#useChat(channel));
  }

  get polite() {
    return this.#polite;
  }

  get signalingState() {
    return this.#pc.signalingState;
  }

  get history() {
    return [...this.#history];
  }

  /** ICE details for diagnosis: states and how many candidates were sent, added, and dropped. */
  get ice() {
    const pc = this.#pc;
    return { connection: pc.iceConnectionState, gathering: pc.iceGatheringState, ...this.#candidates };
  }

  get connectionState() {
    return this.#pc.connectionState;
  }

  get chatState() {
    return this.#chat?.readyState ?? 'none';
  }

  /** Adds the local camera/microphone tracks; the negotiation this needs starts by itself. */
  addStream(stream) {
    if (!this.#initiator && !this.#answeredOnce) {
      this.#heldStream = stream; // added once the initiator's first offer is answered
      return;
    }
    const sending = new Set(this.#pc.getSenders().map((sender) => sender.track));
    for (const track of stream.getTracks()) {
      if (!sending.has(track)) this.#pc.addTrack(track, stream);
    }
  }

  sendChat(message) {
    if (this.#chat?.readyState !== 'open') return false;
    this.#chat.send(JSON.stringify(message));
    return true;
  }

  /** A relayed offer, answer or candidate from the remote peer. */
  receive(type, data) {
    if (type !== 'candidate') this.#note(`got ${data?.type} (as ${type})`);
    this.#inbox = this.#inbox
      .then(() => (type === 'candidate' ? this.#addCandidate(data) : this.#applyDescription(data)))
      .catch((error) => {
        this.#note(`failed to apply ${type}: ${error.message}`);
        console.error(`peer ${this.peerId}: could not apply ${type}`, error);
      });
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
      this.#note(`sent ${this.#pc.localDescription.type}`);
      this.#signal('offer', this.#pc.localDescription.toJSON());
    } catch (error) {
      this.#note(`failed to offer: ${error.message}`);
      console.error(`peer ${this.peerId}: could not make an offer`, error);
    } finally {
      this.#makingOffer = false;
    }
  }

  async #applyDescription(description) {
    const pc = this.#pc;
    const offerCollision = description.type === 'offer' && (this.#makingOffer || pc.signalingState !== 'stable');
    this.#ignoreOffer = !this.#polite && offerCollision;
    if (this.#ignoreOffer) {
      this.#note('ignored a crossing offer');
      return; // the impolite side keeps its own offer; the other side will answer it
    }
    await pc.setRemoteDescription(description); // on the polite side this rolls back a crossing offer
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      this.#note('sent answer');
      this.#signal('answer', pc.localDescription.toJSON());
      if (!this.#answeredOnce) {
        this.#answeredOnce = true;
        if (this.#heldStream) this.addStream(this.#heldStream);
      }
    }
  }

  async #addCandidate(candidate) {
    try {
      await this.#pc.addIceCandidate(candidate);
      this.#candidates.added += 1;
    } catch (error) {
      this.#candidates.dropped += 1;
      if (!this.#ignoreOffer) throw error; // candidates of an ignored offer are expected to fail
    }
  }

  #useChat(channel) {
    this.#chat = channel;
    channel.addEventListener('open', () => this.#changed());
    channel.addEventListener('close', () => this.#changed());
    channel.addEventListener('message', (event) => {
      this.dispatchEvent(new CustomEvent('chat', { detail: JSON.parse(event.data) }));
    });
    this.#changed();
  }

  #note(step) {
    this.#history.push(`${this.#pc.signalingState}: ${step}`);
    if (this.#history.length > 40) this.#history.shift();
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}
