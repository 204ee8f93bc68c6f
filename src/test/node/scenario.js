'use strict';
// Drives the real Socket.IO clients (socket.io-client 4.x as "sioc4", 2.x as "sioc2") against the server under
// test. Run by the JUnit tests in dev.signaling.dialect.socketio and by ClusterIT:
//
//   node scenario.js <scenario> <client: 2|4> <transports: default|websocket> <base url>[,<base url>...]
//
// With several base URLs (several instances of a cluster), the clients a scenario connects are spread over them in
// turn: the first on the first URL, the second on the second, and so on, starting over after the last.
//
// Exits 0 when every expectation held; otherwise prints what went wrong and exits 1. Every wait has a deadline,
// nothing sleeps.

const [scenario, clientVersion, transportMode, baseUrlList] = process.argv.slice(2);
const baseUrls = baseUrlList.split(',');
const baseUrl = baseUrls[0];
const io = clientVersion === '2' ? require('sioc2') : require('sioc4').io;
const WAIT_MS = 10000;
const sockets = [];

function connect() {
  const socket = io(baseUrls[sockets.length % baseUrls.length], {
    transports: transportMode === 'websocket' ? ['websocket'] : ['polling', 'websocket'],
    forceNew: true,
    reconnection: false,
    timeout: WAIT_MS,
  });
  socket.inbox = [];
  socket.waiters = [];
  socket.onAny = socket.onAny || null;
  const record = (name) => (...args) => deliver(socket, name, args);
  for (const name of ['newUser', 'userLeave', 'offer', 'answer', 'icecandidate', 'created', 'joined', 'join',
    'ready', 'full', 'message', 'ipaddr', 'log']) {
    socket.on(name, record(name));
  }
  socket.on('disconnect', (reason) => { socket.disconnectReason = reason; });
  sockets.push(socket);
  return socket;
}

function deliver(socket, name, args) {
  const i = socket.waiters.findIndex((w) => w.name === name);
  if (i >= 0) {
    const [w] = socket.waiters.splice(i, 1);
    clearTimeout(w.timer);
    w.resolve(args);
  } else {
    socket.inbox.push({ name, args });
  }
}

/** Resolves with the arguments of the next `name` event of `socket` (already received or still to come). */
function next(socket, name) {
  const i = socket.inbox.findIndex((m) => m.name === name);
  if (i >= 0) {
    return Promise.resolve(socket.inbox.splice(i, 1)[0].args);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for '${name}' on ${socket.id}`
      + (socket.disconnectReason ? ` (disconnected: ${socket.disconnectReason})` : '') + '; got '
      + JSON.stringify(socket.inbox.map((m) => m.name)))), WAIT_MS);
    socket.waiters.push({ name, resolve, timer });
  });
}

function connected(socket) {
  if (socket.connected) return Promise.resolve(socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timed out')), WAIT_MS);
    socket.once('connect', () => { clearTimeout(timer); resolve(socket); });
    socket.once('connect_error', (e) => { clearTimeout(timer); reject(e); });
  });
}

/** With default transports, the client must end up upgraded to WebSocket. */
function upgraded(socket) {
  const engine = socket.io.engine;
  if (transportMode === 'websocket' || engine.transport.name === 'websocket') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no upgrade to websocket')), WAIT_MS);
    engine.once('upgrade', () => { clearTimeout(timer); resolve(); });
  });
}

function disconnected(socket) {
  return new Promise((resolve) => {
    if (!socket.connected) return resolve();
    socket.once('disconnect', () => resolve());
  });
}

/** Emits and resolves once the server acknowledged, i.e. once the handler's commands took effect. */
function emitAck(socket, name, ...args) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for '${name}'`)), WAIT_MS);
    socket.emit(name, ...args, (...answer) => { clearTimeout(timer); resolve(answer); });
  });
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  expect(a === e, `${what}: expected ${e} but got ${a}`);
}

/** Resolves true if `name` does not arrive on `socket` before `marker` does (events arrive in order). */
async function notBefore(socket, name, marker) {
  await next(socket, marker);
  expect(!socket.inbox.some((m) => m.name === name), `unexpected '${name}' on ${socket.id}`);
}

const room = () => 'room-' + Math.random().toString(36).slice(2);
const SDP = { type: 'offer', sdp: 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n', n: 1.5 };

const scenarios = {
  // Seed 000: joinRoom → newUser to the others; offer/answer/icecandidate relayed unchanged; leaveRoom and
  // disconnect → userLeave with the remaining users.
  async seed000() {
    const r = room();
    const a = await connected(connect());
    const b = await connected(connect());
    const c = await connected(connect());
    await emitAck(a, 'joinRoom', { username: 'alice', room: r }); // a is in before b joins
    b.emit('joinRoom', { username: 'bob', room: r });
    const [users] = await next(a, 'newUser');
    eq(users, { [a.id]: { username: 'alice', id: a.id }, [b.id]: { username: 'bob', id: b.id } }, 'newUser');

    a.emit('offer', SDP);
    eq((await next(b, 'offer'))[0], SDP, 'offer');
    b.emit('answer', { type: 'answer', sdp: 'x' });
    eq((await next(a, 'answer'))[0], { type: 'answer', sdp: 'x' }, 'answer');
    a.emit('icecandidate', { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0' });
    eq((await next(b, 'icecandidate'))[0], { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0' },
      'icecandidate');

    c.emit('joinRoom', { username: 'carol', room: r });
    eq(Object.keys((await next(a, 'newUser'))[0]).length, 3, 'newUser after carol');
    await next(b, 'newUser');
    b.emit('leaveRoom', { room: r, username: 'bob' });
    eq((await next(a, 'userLeave'))[0], { [a.id]: { username: 'alice', id: a.id },
      [c.id]: { username: 'carol', id: c.id } }, 'userLeave after leaveRoom');
    await next(c, 'userLeave');
    c.disconnect();
    eq((await next(a, 'userLeave'))[0], { [a.id]: { username: 'alice', id: a.id } }, 'userLeave after disconnect');
    // b left the room: an offer from a reaches nobody, and b saw nothing of carol's leaving
    expect(!b.inbox.some((m) => m.name === 'userLeave'), 'b got userLeave after leaving');
    await upgraded(a);
  },

  // Seed 001 (codelab): created / join+joined+ready / full, logs, message to the other in the room only, ipaddr,
  // bye frees the place.
  async seed001() {
    const r = room();
    const a = await connected(connect());
    const b = await connected(connect());
    const c = await connected(connect());
    const other = await connected(connect());
    a.emit('create or join', r);
    eq(await next(a, 'created'), [r, a.id], 'created');
    eq((await next(a, 'log'))[0], ['Message from server:', 'Received request to create or join room ' + r], 'log');
    b.emit('create or join', r);
    eq(await next(b, 'joined'), [r, b.id], 'joined');
    eq(await next(a, 'join'), [r], 'join');
    await next(a, 'ready');
    await next(b, 'ready');
    c.emit('create or join', r);
    eq(await next(c, 'full'), [r], 'full');
    other.emit('create or join', room());
    await next(other, 'created');

    a.emit('message', { type: 'offer', sdp: 'v=0' });
    eq((await next(b, 'message'))[0], { type: 'offer', sdp: 'v=0' }, 'message');
    const logs = [];
    for (let i = 0; i < 3; i++) logs.push((await next(a, 'log'))[0]);
    expect(logs.some((l) => JSON.stringify(l) === JSON.stringify(['Message from server:', 'Client said: ',
      { type: 'offer', sdp: 'v=0' }])), 'log of the message: ' + JSON.stringify(logs));
    b.emit('message', 'got user media');
    eq((await next(a, 'message'))[0], 'got user media', 'message back');
    // neither c (refused) nor the client in another room got the room's messages
    other.emit('message', 'marker');
    await new Promise((resolve) => setImmediate(resolve));
    expect(!c.inbox.some((m) => m.name === 'message'), 'c got a message of a room it is not in');

    a.emit('ipaddr');
    await emitAck(b, 'bye', r); // acknowledged once b has left
    c.emit('create or join', r);
    eq(await next(c, 'joined'), [r, c.id], 'joined after bye');
    await upgraded(a);
  },

  // Order per sender, written for two clients on different instances of a cluster (ClusterIT) and true on one
  // server too: an acknowledged join has taken effect (the joiner already holds its answer), a join and what the
  // joiner sends right after it take effect in that order, and one sender's messages reach the other member in the
  // order sent, in both directions at once.
  async order() {
    const r = room();
    const a = await connected(connect());
    const b = await connected(connect());
    await emitAck(a, 'create or join', r);
    expect(a.inbox.some((m) => m.name === 'created'), "the ack of 'create or join' came before 'created'");
    b.emit('create or join', r);
    b.emit('message', 'sent right after joining'); // in the same tick, before the join is answered
    eq((await next(a, 'message'))[0], 'sent right after joining', 'message sent right after joining');
    await next(b, 'joined');

    const COUNT = 150; // with the join packets, under the default burst of 200 packets per session
    for (let i = 0; i < COUNT; i++) {
      a.emit('message', { from: 'a', i });
      b.emit('message', { from: 'b', i });
    }
    for (let i = 0; i < COUNT; i++) {
      eq((await next(b, 'message'))[0], { from: 'a', i }, 'message to b');
      eq((await next(a, 'message'))[0], { from: 'b', i }, 'message to a');
    }

    // Seed 000, on two fresh sockets (a socket's offers go to every room it is in).
    const r0 = room();
    const c = await connected(connect());
    const d = await connected(connect());
    await emitAck(c, 'joinRoom', { username: 'carol', room: r0 });
    d.emit('joinRoom', { username: 'dave', room: r0 });
    d.emit('offer', SDP); // in the same tick, before the join is answered
    eq((await next(c, 'newUser'))[0],
      { [c.id]: { username: 'carol', id: c.id }, [d.id]: { username: 'dave', id: d.id } }, 'newUser');
    eq((await next(c, 'offer'))[0], SDP, 'offer sent right after joining');
  },

  // An emit with an acknowledgement callback gets its answer.
  async ack() {
    const a = await connected(connect());
    const answer = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ack')), WAIT_MS);
      a.emit('joinRoom', { username: 'ack', room: room() }, (...args) => { clearTimeout(timer); resolve(args); });
    });
    eq(answer, [], 'ack arguments');
    const second = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ack')), WAIT_MS);
      a.emit('create or join', room(), (...args) => { clearTimeout(timer); resolve(args); });
    });
    eq(second, [], 'ack arguments');
  },

  // A client that vanishes without closing its transport is dropped by the heartbeat: the others get userLeave.
  async vanish() {
    const r = room();
    const a = await connected(connect());
    await emitAck(a, 'joinRoom', { username: 'stays', room: r });
    const eio = clientVersion === '2' ? 3 : 4;
    const base = `${baseUrl}/socket.io/?EIO=${eio}&transport=polling`;
    const open = await (await fetch(base)).text();
    const sid = JSON.parse(open.substring(open.indexOf('{'), open.lastIndexOf('}') + 1)).sid;
    const frame = (text) => (eio === 3 ? `${text.length}:${text}` : text);
    const post = (text) => fetch(`${base}&sid=${sid}`, { method: 'POST', body: frame(text) });
    if (eio === 4) expect((await post('40')).status === 200, 'connect');
    expect((await post('42["joinRoom",{"username":"ghost","room":"' + r + '"}]')).status === 200, 'join');
    const [users] = await next(a, 'newUser');
    eq(Object.keys(users).length, 2, 'ghost joined');
    // the ghost now neither polls nor answers pings
    eq((await next(a, 'userLeave'))[0], { [a.id]: { username: 'stays', id: a.id } }, 'userLeave for the ghost');
    expect((await fetch(`${base}&sid=${sid}`)).status === 400, 'the ghost session is gone');
  },

  // 100 clients in 50 codelab rooms: every message reaches exactly the other member of its room.
  async crowd() {
    const pairs = [];
    for (let i = 0; i < 50; i++) {
      const r = room();
      const a = connect();
      const b = connect();
      pairs.push({ r, a, b });
    }
    await Promise.all(sockets.map(connected));
    await Promise.all(pairs.map(async ({ r, a, b }) => {
      a.emit('create or join', r);
      await next(a, 'created');
      b.emit('create or join', r);
      await next(b, 'ready');
      await next(a, 'ready');
    }));
    const COUNT = 10;
    for (const { r, a, b } of pairs) {
      for (let i = 0; i < COUNT; i++) {
        a.emit('message', { r, from: 'a', i });
        b.emit('message', { r, from: 'b', i });
      }
    }
    await Promise.all(pairs.map(async ({ r, a, b }) => {
      for (let i = 0; i < COUNT; i++) {
        eq((await next(b, 'message'))[0], { r, from: 'a', i }, 'message to b');
        eq((await next(a, 'message'))[0], { r, from: 'b', i }, 'message to a');
      }
    }));
  },
};

(async () => {
  const run = scenarios[scenario];
  if (!run) throw new Error('unknown scenario ' + scenario);
  await run();
  for (const s of sockets) s.disconnect();
  console.log(`OK ${scenario} client=${clientVersion} transports=${transportMode}`);
  process.exit(0);
})().catch((e) => {
  console.error(`FAILED ${scenario} client=${clientVersion} transports=${transportMode}: ${e.stack || e}`);
  process.exit(1);
});
