// A full mesh for one /signal room: one PeerLink per other member, created as members appear and closed as they
// leave. The mesh knows nothing about sockets; it is fed server frames and given a function that sends frames.

import { PeerLink } from './peer-link.js';

export class PeerMesh extends EventTarget {
  #links = new Map(); // peerId -> PeerLink
  #send;
  #room;
  #selfId;
  #iceServers;
  #localStream = null;

  /**
   * @param {object} options
   * @param {string} options.room the room this mesh lives in
   * @param {string} options.selfId our peer id (from welcome)
   * @param {RTCIceServer[]} options.iceServers from welcome
   * @param {(frame: object) => void} options.send sends a /signal frame
   * @param {MediaStream|null} options.localStream camera/microphone to share, if on
   */
  constructor({ room, selfId, iceServers, send, localStream = null }) {
    super();
    this.#room = room;
    this.#selfId = selfId;
    this.#iceServers = iceServers;
    this.#send = send;
    this.#localStream = localStream;
  }

  get links() {
    return [...this.#links.values()];
  }

  /**
   * A peer that is in the room: from `joined` (it was there first: it starts the negotiation) or from `peer-joined`
   * (it arrived after us: we start, as `initiator`).
   */
  addPeer({ peerId, name }, { initiator }) {
    if (peerId === this.#selfId || this.#links.has(peerId)) return;
    const link = new PeerLink({
      peerId,
      name,
      // Both sides compare the same two ids, so exactly one of them is polite.
      polite: this.#selfId > peerId,
      initiator,
      iceServers: this.#iceServers,
      signal: (type, data) => this.#send({ type, room: this.#room, to: peerId, data }),
    });
    link.addEventListener('change', () => this.#changed());
    link.addEventListener('chat', (event) => {
      this.dispatchEvent(new CustomEvent('chat', { detail: { from: peerId, name: link.name, ...event.detail } }));
    });
    if (this.#localStream) link.addStream(this.#localStream);
    this.#links.set(peerId, link);
    this.#changed();
  }

  removePeer(peerId) {
    const link = this.#links.get(peerId);
    if (!link) return;
    this.#links.delete(peerId);
    link.close();
    this.dispatchEvent(new CustomEvent('peer-left', { detail: { peerId, name: link.name } }));
    this.#changed();
  }

  /** An offer, answer or candidate relayed by the server. */
  receive(frame) {
    const link = this.#links.get(frame.from);
    if (!link) {
      console.warn(`mesh: ${frame.type} from unknown peer ${frame.from}`);
      return;
    }
    link.receive(frame.type, frame.data);
  }

  /** Shares (or, with null, stops sharing new links) the local camera/microphone. */
  setLocalStream(stream) {
    this.#localStream = stream;
    if (stream) for (const link of this.#links.values()) link.addStream(stream);
  }

  /** Sends a chat message to every peer whose channel is open; returns how many it reached. */
  sendChat(text) {
    let sent = 0;
    for (const link of this.#links.values()) if (link.sendChat({ text })) sent += 1;
    return sent;
  }

  close() {
    for (const link of this.#links.values()) link.close();
    this.#links.clear();
    this.#changed();
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}
