// A one-to-one RTCPeerConnection with a chat data channel, negotiated the classic way: one side calls
// (offer), the other answers. Used by the seed pages, whose protocols fix who offers; the demo page uses
// PeerLink (perfect negotiation) instead.

export class CallLink extends EventTarget {
  #pc;
  #channel = null;
  #steps = Promise.resolve(); // remote descriptions and candidates are applied in arrival order

  /**
   * @param {object} options
   * @param {string} options.peer who is on the other end (a name or an id, for logs and the UI)
   * @param {RTCIceServer[]} [options.iceServers]
   * @param {(candidate: object) => void} options.sendCandidate sends a local ICE candidate to the other side
   */
  constructor({ peer, iceServers = [], sendCandidate }) {
    super();
    this.peer = peer;
    this.#pc = new RTCPeerConnection({ iceServers });
    this.#pc.addEventListener('icecandidate', ({ candidate }) => {
      if (candidate) sendCandidate(candidate.toJSON());
    });
    this.#pc.addEventListener('connectionstatechange', () => this.#changed());
    this.#pc.addEventListener('datachannel', ({ channel }) => this.#useChannel(channel));
  }

  get connectionState() {
    return this.#pc.connectionState;
  }

  get chatState() {
    return this.#channel?.readyState ?? 'none';
  }

  /** The calling side: opens the chat channel and returns the offer to send. */
  async createOffer() {
    this.#useChannel(this.#pc.createDataChannel('chat'));
    await this.#pc.setLocalDescription(await this.#pc.createOffer());
    return this.#pc.localDescription.toJSON();
  }

  /** The called side: takes the offer and returns the answer to send. */
  answer(offer) {
    return this.#step(async () => {
      await this.#pc.setRemoteDescription(offer);
      await this.#pc.setLocalDescription(await this.#pc.createAnswer());
      return this.#pc.localDescription.toJSON();
    });
  }

  /** The calling side: takes the answer. */
  accept(answer) {
    return this.#step(() => this.#pc.setRemoteDescription(answer));
  }

  addCandidate(candidate) {
    return this.#step(() => this.#pc.addIceCandidate(candidate)).catch((error) =>
      console.warn(`call with ${this.peer}: ignoring a candidate that does not apply`, error.message));
  }

  sendChat(text) {
    if (this.chatState !== 'open') return false;
    this.#channel.send(text);
    return true;
  }

  close() {
    this.#pc.close();
    this.#changed();
  }

  #step(action) {
    const result = this.#steps.then(action);
    this.#steps = result.catch(() => {}); // a failed step is reported to its caller; later steps still run
    return result;
  }

  #useChannel(channel) {
    this.#channel = channel;
    channel.addEventListener('open', () => this.#changed());
    channel.addEventListener('close', () => this.#changed());
    channel.addEventListener('message', (event) => {
      this.dispatchEvent(new CustomEvent('chat', { detail: { text: String(event.data) } }));
    });
    this.#changed();
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}

/** The ws:// or wss:// URL of a path on this server. */
export function socketUrl(path, location = window.location) {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}
