// The login page of seeds 002/004 on /compat/login (docs/protocol-compat-login.md): log in under a name, call a
// user by name, chat over a data channel, hang up. Exposes window.demo for the end-to-end tests.
//
// Wire protocol, exactly the seeds': {type:'login',name} -> {type:'login',success}; offer/answer/candidate/leave
// carry the other user's name; the server adds the caller's name to an offer and sends {type:'leave'} to our call
// partner when we close the page.

import { CallLink, socketUrl } from './call-link.js';
import { $, el, showState, appendChat, onChatSubmit } from './ui.js';

const ui = {
  state: $('#state'),
  loginForm: $('#login-form'),
  loginName: $('#login-name'),
  callForm: $('#call-form'),
  callee: $('#callee'),
  hangUp: $('#hang-up'),
  who: $('#who'),
  notices: $('#notices'),
  chatLog: $('#chat-log'),
  chatForm: $('#chat-form'),
};

const socket = new WebSocket(socketUrl('/compat/login'));
let state = 'connecting';
let myName = null;
let call = null; // CallLink with the current partner
let pendingLogin = null; // resolves with the server's login answer
const received = []; // {from, text}
const departed = []; // names of partners who hung up or left

function setState(next, text = next) {
  state = next;
  showState(ui.state, next, text);
  ui.hangUp.disabled = !call;
}

function notice(text) {
  ui.notices.prepend(el('li', {}, `${new Date().toLocaleTimeString()} ${text}`));
}

function send(message) {
  socket.send(JSON.stringify(message));
}

function newCall(partner) {
  call?.close();
  const link = new CallLink({
    peer: partner,
    sendCandidate: (candidate) => send({ type: 'candidate', name: partner, candidate }),
  });
  link.addEventListener('change', () => {
    if (call !== link) return;
    if (link.connectionState === 'connected' && link.chatState === 'open') setState('in-call', `in a call with ${partner}`);
    else if (link.connectionState === 'failed') setState('failed', `call with ${partner} failed`);
  });
  link.addEventListener('chat', ({ detail }) => {
    received.push({ from: partner, text: detail.text });
    appendChat(ui.chatLog, { who: partner, text: detail.text });
  });
  call = link;
  return link;
}

function endCall(reason) {
  if (!call) return;
  const partner = call.peer;
  call.close();
  call = null;
  departed.push(partner);
  notice(`${partner} ${reason}`);
  setState('peer-left', `${partner} ${reason}`);
}

async function placeCall(partner) {
  if (!myName) throw new Error('log in first');
  const link = newCall(partner);
  setState('calling', `calling ${partner}`);
  const offer = await link.createOffer();
  send({ type: 'offer', name: partner, offer });
}

function hangUp() {
  if (!call) return;
  send({ type: 'leave', name: call.peer });
  endCall('hung up');
}

function login(name) {
  return new Promise((resolve) => {
    pendingLogin = resolve;
    send({ type: 'login', name });
  }).then((success) => {
    if (success) {
      myName = name;
      ui.loginForm.hidden = true;
      ui.callForm.hidden = false;
      ui.who.textContent = `Logged in as ${name}. Others call you by this name.`;
      setState('logged-in', `logged in as ${name}`);
    } else {
      notice(`the name ${name} is taken`);
    }
    return success;
  });
}

socket.addEventListener('open', () => setState('logged-out', 'connected: log in'));
socket.addEventListener('close', () => {
  call?.close();
  call = null;
  setState('closed', 'connection to the server lost: reload the page');
});
socket.addEventListener('message', async (event) => {
  const message = JSON.parse(event.data);
  switch (message.type) {
    case 'login':
      pendingLogin?.(message.success);
      pendingLogin = null;
      break;
    case 'offer': {
      // Someone calls us: take the call (hanging up any other), answer it.
      if (call) hangUp();
      const link = newCall(message.name);
      notice(`${message.name} calls`);
      setState('calling', `answering ${message.name}`);
      const answer = await link.answer(message.offer);
      send({ type: 'answer', name: message.name, answer });
      break;
    }
    case 'answer':
      await call?.accept(message.answer);
      break;
    case 'candidate':
      if (message.candidate) call?.addCandidate(message.candidate);
      break;
    case 'leave':
      endCall('left');
      break;
    case 'error':
      notice(`server: ${message.message}`);
      if (call && message.message === `User not logged in: ${call.peer}`) {
        call.close(); // nobody to call under that name
        call = null;
        setState('logged-in', `logged in as ${myName}`);
      }
      break;
    default:
      break;
  }
});

ui.loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = ui.loginName.value.trim();
  if (name) login(name);
});
ui.callForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const partner = ui.callee.value.trim();
  if (partner && partner !== myName) placeCall(partner);
});
ui.hangUp.addEventListener('click', hangUp);

function sendChat(text) {
  const sent = call?.sendChat(text) ?? false;
  appendChat(ui.chatLog, { who: 'me', text: sent ? text : `${text} (not in a call: not sent)`, kind: 'self' });
  return sent ? 1 : 0;
}
onChatSubmit(ui.chatForm, sendChat);

ui.loginName.value = new URLSearchParams(window.location.search).get('name') ?? '';

// The test hook: plain data, no DOM scraping needed.
window.demo = {
  snapshot: () => ({ state, myName, peers: window.demo.peers(), messages: received.length, departed }),
  state: () => state,
  selfId: () => myName,
  login,
  call: placeCall,
  hangUp,
  peers: () =>
    call ? [{ peerId: call.peer, name: call.peer, connectionState: call.connectionState, chatState: call.chatState }] : [],
  messages: () => received.map((m) => ({ ...m })),
  departed: () => [...departed],
  send: sendChat,
};
