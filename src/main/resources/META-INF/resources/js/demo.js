// The demo page on /signal: one room (from ?room=, else a generated one), a full mesh of peer connections,
// a data-channel chat and optional camera/microphone. Exposes window.demo for the end-to-end tests.

import { SignalClient } from './signal-client.js';
import { PeerMesh } from './peer-mesh.js';
import { $, el, showState, appendChat, randomWord, shortId, onChatSubmit } from './ui.js';

const params = new URLSearchParams(window.location.search);
const room = params.get('room') || `room-${randomWord()}`;
const name = params.get('name') || `guest-${randomWord(4)}`;
if (!params.get('room')) {
  params.set('room', room);
  history.replaceState(null, '', `?${params}`);
}
const shareUrl = `${window.location.origin}${window.location.pathname}?room=${encodeURIComponent(room)}`;

const ui = {
  room: $('#room'),
  share: $('#share'),
  copy: $('#copy'),
  state: $('#state'),
  self: $('#self'),
  peers: $('#peers'),
  notices: $('#notices'),
  videos: $('#videos'),
  localTile: $('#local-tile'),
  localVideo: $('#local-video'),
  media: $('#media'),
  chatLog: $('#chat-log'),
  chatForm: $('#chat-form'),
};

ui.room.textContent = room;
ui.share.href = shareUrl;
ui.share.textContent = shareUrl;
ui.copy.addEventListener('click', () => navigator.clipboard?.writeText(shareUrl));

const signal = new SignalClient();
let state = 'connecting';
let selfId = null;
let mesh = null;
let localStream = null;
const received = []; // chat messages from others: {from, name, text}
const departed = []; // peers seen leaving: {peerId, name}
const videoTiles = new Map(); // peerId -> <video>

function setState(next, text) {
  state = next;
  showState(ui.state, next, text ?? next);
}

function notice(text) {
  ui.notices.prepend(el('li', {}, `${new Date().toLocaleTimeString()} ${text}`));
}

function newMesh(welcome) {
  mesh?.close();
  mesh = new PeerMesh({
    room,
    selfId: welcome.peerId,
    iceServers: welcome.iceServers ?? [],
    send: (frame) => signal.send(frame),
    localStream,
  });
  mesh.addEventListener('change', render);
  mesh.addEventListener('chat', ({ detail }) => {
    received.push({ from: detail.from, name: detail.name, text: detail.text });
    appendChat(ui.chatLog, { who: detail.name ?? shortId(detail.from), text: detail.text });
  });
  mesh.addEventListener('peer-left', ({ detail }) => {
    departed.push(detail);
    notice(`${detail.name ?? shortId(detail.peerId)} left`);
  });
}

signal.addEventListener('status', ({ detail }) => {
  if (detail.status === 'reconnecting') {
    // Our peer id dies with the socket: the others drop us, and we drop them until we are back.
    mesh?.close();
    mesh = null;
    render();
    const wait = detail.delayMs ? ` (retry in ${(detail.delayMs / 1000).toFixed(1)} s)` : '';
    setState('reconnecting', `reconnecting${wait}`);
  } else if (detail.status === 'connecting') {
    setState('connecting');
  }
});

signal.addEventListener('message', ({ detail: frame }) => {
  switch (frame.type) {
    case 'welcome':
      selfId = frame.peerId;
      ui.self.textContent = `${name} (${shortId(selfId)})`;
      newMesh(frame);
      setState('joining');
      signal.send({ type: 'join', room, name });
      break;
    case 'joined':
      for (const peer of frame.peers) mesh.addPeer(peer, { initiator: false });
      setState('connected');
      notice(frame.peers.length ? `joined ${room} with ${frame.peers.length} peer(s)` : `joined ${room}, alone so far`);
      break;
    case 'peer-joined':
      mesh.addPeer(frame.peer, { initiator: true });
      notice(`${frame.peer.name ?? shortId(frame.peer.peerId)} joined`);
      break;
    case 'peer-left':
      mesh.removePeer(frame.peerId);
      break;
    case 'offer':
    case 'answer':
    case 'candidate':
      mesh.receive(frame);
      break;
    case 'error':
      notice(`server: ${frame.code}: ${frame.message}`);
      if (['room-full', 'invalid-room', 'invalid-name'].includes(frame.code)) setState('refused', frame.code);
      break;
    default:
      break; // left, pong, and types a newer server may add
  }
});

function render() {
  const links = mesh?.links ?? [];
  ui.peers.replaceChildren(
    ...links.map((link) =>
      el(
        'li',
        {},
        el('span', { className: 'peer-name' }, link.name ?? shortId(link.peerId)),
        ' ',
        el('span', { className: 'badge', dataset: { state: link.connectionState } }, link.connectionState),
        ' ',
        el('span', { className: 'muted' }, `chat ${link.chatState}${link.polite ? ', polite' : ''}`),
      ),
    ),
  );
  if (!links.length) ui.peers.append(el('li', { className: 'muted' }, 'nobody else yet: share the link'));
  renderVideos(links);
}

function renderVideos(links) {
  const live = new Set();
  for (const link of links) {
    if (!link.remoteStream.getTracks().length) continue;
    live.add(link.peerId);
    if (!videoTiles.has(link.peerId)) {
      const video = el('video', { autoplay: true, playsInline: true, srcObject: link.remoteStream });
      const tile = el('figure', {}, video, el('figcaption', {}, link.name ?? shortId(link.peerId)));
      videoTiles.set(link.peerId, tile);
      ui.videos.append(tile);
    }
  }
  for (const [peerId, tile] of videoTiles) {
    if (!live.has(peerId)) {
      tile.remove();
      videoTiles.delete(peerId);
    }
  }
}

async function startMedia() {
  if (localStream) return;
  ui.media.disabled = true;
  try {
    localStream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    ui.localVideo.srcObject = localStream;
    ui.localTile.hidden = false;
    mesh?.setLocalStream(localStream);
    ui.media.textContent = 'Camera and microphone on';
  } catch (error) {
    notice(`camera/microphone: ${error.message}`);
    ui.media.disabled = false;
  }
}
ui.media.addEventListener('click', startMedia);

function sendChat(text) {
  const reached = mesh ? mesh.sendChat(text) : 0;
  appendChat(ui.chatLog, { who: 'me', text: reached ? text : `${text} (nobody connected: not sent)`, kind: 'self' });
  return reached;
}
onChatSubmit(ui.chatForm, sendChat);

// The test hook: plain data, no DOM scraping needed.
window.demo = {
  snapshot: () => ({ state, selfId, peers: window.demo.peers(), messages: received.length, departed }),
  room,
  name,
  state: () => state,
  selfId: () => selfId,
  peers: () =>
    (mesh?.links ?? []).map((link) => ({
      peerId: link.peerId,
      name: link.name,
      polite: link.polite,
      connectionState: link.connectionState,
      signalingState: link.signalingState,
      chatState: link.chatState,
      history: link.history,
      ice: link.ice,
      remoteTracks: link.remoteStream.getTracks().length,
    })),
  messages: () => received.map((m) => ({ ...m })),
  departed: () => departed.map((d) => ({ ...d })),
  send: sendChat,
  startMedia,
  candidatePairs: async () =>
    Promise.all((mesh?.links ?? []).map(async (link) => ({ peerId: link.peerId, ...(await link.selectedCandidatePair()) }))),
  debug: { sendRaw: (text) => signal.sendRaw(text) },
};

render();
signal.start();
