// Misbehaving clients for bench/soak.sh: every way a client can leave the server holding something it should give
// back. Each one does its thing on one of the dialects and is gone: sockets dropped without a close frame (the
// /signal peer stays resumable for the resume window), garbage frames, a Socket.IO polling session abandoned after it
// joined a room (reaped by the Engine.IO heartbeat), an upgrade cut off halfway through its request.
//
//   node bench/soak/rude-clients.mjs http://127.0.0.1:18080 COUNT TAG
//
// Prints one JSON line {"kinds":{kind:done},"failures":[...]} and exits 1 if any client did not get the answer it
// waited for: the point is what the server keeps afterwards, but a server that stopped answering would make a soak
// look clean.
import net from 'node:net';
import WebSocket from 'ws';

const [base, countArg, tag] = process.argv.slice(2);
if (!base || !countArg || !tag) {
  console.error('usage: node rude-clients.mjs http://HOST:PORT COUNT TAG');
  process.exit(2);
}
const count = Number(countArg);
const wsBase = base.replace(/^http/, 'ws');
const CONCURRENCY = 50;
const TIMEOUT_MS = 15_000;
/** Five clients of a kind to a room (each kind has every tenth index): well under the default cap of 50 a room. */
const room = (i) => `soak-${tag}-${Math.floor(i / 10) % 20}`;

/** A WebSocket that hands out the frames it receives in order: next() waits for the next one (text or binary). */
function open(path) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsBase + path);
    const frames = [];
    const waiting = [];
    ws.on('message', (data, isBinary) => {
      const frame = isBinary ? '<binary>' : data.toString();
      const w = waiting.shift();
      if (w) w.resolve(frame); else frames.push(frame);
    });
    ws.on('close', () => waiting.splice(0).forEach((w) => w.reject(new Error(`${path}: closed while waiting`))));
    ws.on('error', reject);
    ws.on('open', () => resolve({
      ws,
      send: (text) => ws.send(text),
      next: () => frames.length ? Promise.resolve(frames.shift()) : new Promise((res, rej) => waiting.push({ resolve: res, reject: rej })),
      /** Waits for a frame that passes the test, skipping the others (welcome frames, presence, pings). */
      async until(test) {
        for (;;) {
          const frame = await this.next();
          if (frame === '2') { ws.send('3'); continue; } // an Engine.IO ping
          if (test(frame)) return frame;
        }
      },
    }));
  });
}

const kinds = {
  /** Joins a room on /signal, then the TCP connection is cut: the peer waits out the resume window. */
  async 'signal-drop'(i) {
    const c = await open('/signal');
    c.send(JSON.stringify({ type: 'join', room: room(i), name: `s${i}` }));
    await c.until((f) => f.includes('"joined"'));
    c.ws.terminate();
  },
  /** Bad JSON, a binary frame, an unknown command and a room name past the limit; each gets its error. */
  async 'signal-garbage'() {
    const c = await open('/signal');
    c.send('{"type":"join",');
    c.ws.send(Buffer.from([1, 2, 3]));
    c.send('{"type":"dance"}');
    c.send(JSON.stringify({ type: 'join', room: 'r'.repeat(5000) }));
    for (let k = 0; k < 4; k++) await c.until((f) => f.includes('"error"'));
    c.ws.close(1000);
  },
  /** Logs in, offers to someone who is not there, and is cut off. */
  async 'login-drop'(i) {
    const c = await open('/compat/login');
    c.send(JSON.stringify({ type: 'login', name: `l-${tag}-${i}` }));
    await c.until((f) => f.includes('"login"'));
    c.send(JSON.stringify({ type: 'offer', name: `nobody-${tag}`, offer: { type: 'offer', sdp: 'v=0' } }));
    c.ws.terminate();
  },
  /** The seed's own errors: Invalid JSON, Command not found. */
  async 'login-garbage'() {
    const c = await open('/compat/login');
    c.send('not json at all');
    c.send('{"type":"dance"}');
    await c.until((f) => f.includes('Invalid JSON'));
    await c.until((f) => f.includes('Command not found'));
    c.ws.close(1000);
  },
  /** Joins a mesh, offers to it, and is cut off (the unknown type after the join proves the join was read). */
  async 'mesh-drop'(i) {
    const c = await open('/compat/mesh');
    c.send(JSON.stringify({ type: 'join', id: `m-${tag}-${i}`, nick: 'Soak' }));
    c.send(JSON.stringify({ type: 'offer', data: { type: 'offer', sdp: 'v=0' } }));
    c.send('{"type":"dance"}');
    await c.until((f) => f.includes('"error"'));
    c.ws.terminate();
  },
  /** The mesh's room-per-path form, left with a close frame. */
  async 'mesh-room-leave'(i) {
    const c = await open(`/compat/mesh/${room(i)}`);
    c.send(JSON.stringify({ type: 'join', payload: { nick: 'Soak' } }));
    c.send('{"type":"dance"}');
    await c.until((f) => f.includes('"error"'));
    c.ws.close(1000);
  },
  /** Seed 001 over Engine.IO's WebSocket: creates a room of its own (seed 001 rooms take two), and is cut off. */
  async 'socketio-drop'(i) {
    const c = await open('/socket.io/?EIO=4&transport=websocket');
    await c.until((f) => f.startsWith('0{'));
    c.send('40');
    await c.until((f) => f.startsWith('40'));
    c.send(JSON.stringify(['create or join', `${room(i)}-${i}`]).replace(/^/, '42'));
    await c.until((f) => f.startsWith('42'));
    c.ws.terminate();
  },
  /** Frames no Socket.IO client sends; the session ends on them. */
  async 'socketio-garbage'() {
    const c = await open('/socket.io/?EIO=4&transport=websocket');
    await c.until((f) => f.startsWith('0{'));
    c.send('40');
    await c.until((f) => f.startsWith('40'));
    c.send('42["joinRoom",');
    c.send('9garbage');
    await new Promise((resolve) => c.ws.once('close', resolve));
  },
  /** Seed 000 over long polling: joins a room, then never polls again; only the heartbeat can end it. */
  async 'polling-abandon'(i) {
    const url = `${base}/socket.io/?EIO=4&transport=polling`;
    const opened = await (await fetch(url)).text();
    const sid = JSON.parse(opened.slice(1)).sid;
    const post = async (body) => {
      const r = await fetch(`${url}&sid=${sid}`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
      if (r.status !== 200) throw new Error(`polling POST ${r.status}`);
    };
    await post('40');
    const connected = await (await fetch(`${url}&sid=${sid}`)).text();
    if (!connected.startsWith('40')) throw new Error(`polling: no namespace connect: ${connected}`);
    await post('42' + JSON.stringify(['joinRoom', { username: `p${i}`, room: room(i) }]));
  },
  /** An upgrade request cut off halfway, before its headers end. */
  async 'upgrade-abort'() {
    const { hostname, port } = new URL(base);
    await new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write('GET /signal HTTP/1.1\r\nHost: soak\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n');
        socket.destroy();
        resolve();
      });
      socket.on('error', reject);
    });
  },
};

const done = Object.fromEntries(Object.keys(kinds).map((k) => [k, 0]));
const failures = [];
const names = Object.keys(kinds);
let nextIndex = 0;

async function worker() {
  for (;;) {
    const i = nextIndex++;
    if (i >= count) return;
    const kind = names[i % names.length];
    let timer;
    try {
      await Promise.race([
        kinds[kind](i),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS); }),
      ]);
      done[kind]++;
    } catch (e) {
      failures.push(`${kind} #${i}: ${e.message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

await Promise.all(Array.from({ length: CONCURRENCY }, worker));
console.log(JSON.stringify({ kinds: done, failures: failures.slice(0, 20), failed: failures.length }));
// Sockets left to the server to reap (abandoned polling sessions hold no socket here) must not keep node alive.
process.exit(failures.length ? 1 : 0);
