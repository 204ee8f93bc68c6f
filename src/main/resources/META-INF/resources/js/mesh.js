// The mesh page of seed 003 on /compat/mesh/<group> (docs/protocol-compat-mesh.md): every member of a group
// connects to every other one and chats over data channels. Exposes window.demo for the end-to-end tests.
//
// The seed's server only knows four moves: `join {id, nick}`, `offer` and `candidate` broadcast to the group,
// `answer` to one `receiverId`, and a `leave` broadcast when a socket closes. It stamps every relayed message with
// the sender's `userInfo` and `senderId`, and passes the rest of the message on as written. On top of that:
//
// 1. A newcomer joins, then knocks: an `offer` without SDP (`data: null`) that reaches every member.
// 2. Each member who hears a knock calls the newcomer: an `offer` with SDP and `to: <newcomer id>`. Offers and
//    candidates are broadcasts on this server, so everyone receives them; only the member named in `to` uses them.
// 3. The newcomer answers each call with `answer` to that member's `receiverId`.
// 4. If two newcomers knock at once they call each other: the member with the smaller id answers the other's call
//    and drops its own; the one with the larger id ignores the crossing offer.

import { CallLink, socketUrl } from './call-link.js';
import { $, el, showState, appendChat, randomWord, onChatSubmit } from './ui.js';

const params = new URLSearchParams(window.location.search);
const group = params.get('group') || 'default';
const nick = params.get('nick') || `guest-${randomWord(4)}`;
const myId = `m-${randomWord(12)}`;
const shareUrl = `${window.location.origin}${window.location.pathname}?group=${encodeURIComponent(group)}`;

const ui = {
  state: $('#state'),
  group: $('#group'),
  share: $('#share'),
  self: $('#self'),
  peers: $('#peers'),
  notices: $('#notices'),
  chatLog: $('#chat-log'),
  chatForm: $('#chat-form'),
};
ui.group.textContent = group;
ui.share.href = shareUrl;
ui.share.textContent = shareUrl;
ui.self.textContent = `${nick} (id ${myId})`;

const socket = new WebSocket(socketUrl(`/compat/mesh/${encodeURIComponent(group)}`));
let state = 'connecting';
const members = new Map(); // id -> {nick, link: CallLink, role: 'caller' | 'callee'}
const received = []; // {from, name, text}
const departed = []; // {peerId, name}

function setState(next, text = next) {
  state = next;
  showState(ui.state, next, text);
}

function notice(text) {
  ui.notices.prepend(el('li', {}, `${new Date().toLocaleTimeString()} ${text}`));
}

function send(message) {
  socket.send(JSON.stringify(message));
}

function addMember(id, memberNick, role) {
  members.get(id)?.link.close();
  const link = new CallLink({
    peer: id,
    sendCandidate: (candidate) => send({ type: 'candidate', to: id, data: candidate }),
  });
  link.addEventListener('change', render);
  link.addEventListener('chat', ({ detail }) => {
    received.push({ from: id, name: memberNick, text: detail.text });
    appendChat(ui.chatLog, { who: memberNick ?? id, text: detail.text });
  });
  members.set(id, { nick: memberNick, link, role });
  render();
  return link;
}

function removeMember(id) {
  const member = members.get(id);
  if (!member) return;
  member.link.close();
  members.delete(id);
  departed.push({ peerId: id, name: member.nick });
  notice(`${member.nick ?? id} left`);
  render();
}

async function callMember(id, memberNick) {
  const link = addMember(id, memberNick, 'caller');
  const offer = await link.createOffer();
  send({ type: 'offer', to: id, data: offer });
}

async function answerCall(id, memberNick, offer) {
  const mine = members.get(id);
  if (mine?.role === 'caller' && mine.link.connectionState !== 'connected' && myId > id) {
    return; // our calls crossed; the member with the smaller id answers ours
  }
  const link = addMember(id, memberNick, 'callee');
  const answer = await link.answer(offer);
  send({ type: 'answer', receiverId: id, data: answer });
}

socket.addEventListener('open', () => {
  send({ type: 'join', id: myId, nick });
  send({ type: 'offer', data: null }); // the knock
  setState('connected', `in group ${group}`);
});
socket.addEventListener('close', () => {
  for (const id of [...members.keys()]) removeMember(id);
  setState('closed', 'connection to the server lost: reload the page');
});
socket.addEventListener('message', (event) => {
  const message = JSON.parse(event.data);
  const from = message.senderId;
  const fromNick = message.userInfo?.nick;
  switch (message.type) {
    case 'offer':
      if (message.data === null || message.data === undefined) {
        notice(`${fromNick ?? from} joined`);
        callMember(from, fromNick).catch((error) => notice(`calling ${fromNick}: ${error.message}`));
      } else if (message.to === myId) {
        answerCall(from, fromNick, message.data).catch((error) => notice(`answering ${fromNick}: ${error.message}`));
      }
      break;
    case 'answer':
      members.get(from)?.link.accept(message.data).catch((error) => notice(`answer of ${fromNick}: ${error.message}`));
      break;
    case 'candidate':
      if (message.to === myId && message.data) members.get(from)?.link.addCandidate(message.data);
      break;
    case 'leave':
      removeMember(message.userInfo?.id ?? message.payload?.id);
      break;
    case 'error':
      notice(`server: ${message.message}`);
      break;
    default:
      break;
  }
});

function render() {
  ui.peers.replaceChildren(
    ...[...members].map(([id, { nick: memberNick, link }]) =>
      el(
        'li',
        {},
        el('span', { className: 'peer-name' }, memberNick ?? id),
        ' ',
        el('span', { className: 'badge', dataset: { state: link.connectionState } }, link.connectionState),
        ' ',
        el('span', { className: 'muted' }, `chat ${link.chatState}`),
      ),
    ),
  );
  if (!members.size) ui.peers.append(el('li', { className: 'muted' }, 'nobody else yet: share the link'));
}

function sendChat(text) {
  let sent = 0;
  for (const { link } of members.values()) if (link.sendChat(text)) sent += 1;
  appendChat(ui.chatLog, { who: 'me', text: sent ? text : `${text} (nobody connected: not sent)`, kind: 'self' });
  return sent;
}
onChatSubmit(ui.chatForm, sendChat);
render();

// The test hook: plain data, no DOM scraping needed.
window.demo = {
  snapshot: () => ({ state, myId, peers: window.demo.peers(), messages: received.length, departed }),
  group,
  state: () => state,
  selfId: () => myId,
  peers: () =>
    [...members].map(([id, { nick: memberNick, link, role }]) => ({
      peerId: id,
      name: memberNick,
      role,
      connectionState: link.connectionState,
      chatState: link.chatState,
    })),
  messages: () => received.map((m) => ({ ...m })),
  departed: () => departed.map((d) => ({ ...d })),
  send: sendChat,
};
