// A client of the native /signal protocol (docs/protocol-signal.md) that keeps itself connected: when the socket
// drops it reconnects with exponential backoff, and every (re)connection starts with a fresh `welcome`.
//
// Events (listen with client.addEventListener(type, e => e.detail)):
//   status   {status: 'connecting' | 'open' | 'reconnecting' | 'closed', attempt, delayMs}
//   message  a parsed server frame (every frame, including welcome and errors)

const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 8000;

export function signalUrl(location = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/signal`;
}

export class SignalClient extends EventTarget {
  #url;
  #socket = null;
  #attempt = 0;
  #retryTimer = null;
  #stopped = false;
  #nextId = 1;

  constructor(url = signalUrl()) {
    super();
    this.#url = url;
  }

  /** Opens the connection; call once. */
  start() {
    this.#stopped = false;
    this.#connect();
  }

  /** Closes for good: no reconnect. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.close(1000, 'bye');
  }

  get isOpen() {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** Sends one frame; returns the request id it carries. Frames sent while disconnected are dropped. */
  send(frame) {
    const id = `r${this.#nextId++}`;
    this.sendRaw(JSON.stringify({ ...frame, id }));
    return id;
  }

  sendRaw(text) {
    if (!this.isOpen) {
      console.warn('signal: not connected, dropping', text.slice(0, 80));
      return;
    }
    this.#socket.send(text);
  }

  #connect() {
    this.#emit('status', { status: this.#attempt === 0 ? 'connecting' : 'reconnecting', attempt: this.#attempt });
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#attempt = 0;
      this.#emit('status', { status: 'open' });
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (error) {
        console.error('signal: server sent something that is not JSON', event.data, error);
        return;
      }
      this.#emit('message', frame);
    });
    socket.addEventListener('close', (event) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      if (this.#stopped) {
        this.#emit('status', { status: 'closed', code: event.code });
        return;
      }
      this.#scheduleReconnect(event.code);
    });
  }

  #scheduleReconnect(code) {
    this.#attempt += 1;
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (this.#attempt - 1));
    const delayMs = Math.round(ceiling / 2 + Math.random() * (ceiling / 2)); // jitter: no thundering herd
    this.#emit('status', { status: 'reconnecting', attempt: this.#attempt, delayMs, code });
    this.#retryTimer = setTimeout(() => this.#connect(), delayMs);
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
