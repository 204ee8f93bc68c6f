'use strict';
// The WebRTC codelab's two-peer video call, on this server's Socket.IO dialect (docs/protocol-socketio.md):
// 'create or join' a room of two; the first peer is the initiator and sends the offer once the room is 'ready';
// SDP and candidates travel as 'message' events to the other member of the room.

var isInitiator = false;
var isChannelReady = false; // the room has its two members: an offer now reaches someone
var isStarted = false;
var pendingOffer = null; // an offer that came before our camera did
var pendingCandidates = []; // candidates that came before our peer connection existed
var localStream;
var pc;
var room = window.location.hash.substring(1) || prompt('Enter room name:') || 'foo';

var localVideo = document.querySelector('#localVideo');
var remoteVideo = document.querySelector('#remoteVideo');
var logArea = document.querySelector('#log');

function show() {
  var text = Array.prototype.map.call(arguments, function (a) {
    return typeof a === 'string' ? a : JSON.stringify(a);
  }).join(' ');
  console.log(text);
  logArea.textContent += text + '\n';
}

var socket = io.connect();

socket.emit('create or join', room);
show('Asking to create or join room ' + room);

socket.on('created', function (room, clientId) {
  show('Created room ' + room + ' as ' + clientId);
  isInitiator = true;
});

socket.on('full', function (room) {
  show('Room ' + room + ' is full :^(');
});

socket.on('join', function (room) {
  show('Another peer made a request to join room ' + room);
  isChannelReady = true;
});

socket.on('joined', function (room, clientId) {
  show('Joined room ' + room + ' as ' + clientId);
  isChannelReady = true;
});

socket.on('ready', function () {
  show('The room is ready');
  isChannelReady = true;
  if (isInitiator) {
    maybeStart();
  }
});

socket.on('log', function (array) {
  show.apply(null, array);
});

socket.on('ipaddr', function (ipaddr) {
  show('Server IP address is ' + ipaddr);
});

function sendMessage(message) {
  socket.emit('message', message);
}

socket.on('message', function (message) {
  if (message === 'bye') {
    hangUp('The other peer left');
  } else if (message.type === 'offer') {
    pendingOffer = message;
    answerWhenReady();
  } else if (message.type === 'answer' && isStarted) {
    pc.setRemoteDescription(new RTCSessionDescription(message)).then(addPendingCandidates).catch(show);
  } else if (message.type === 'candidate') {
    pendingCandidates.push(message);
    if (isStarted && pc.remoteDescription) {
      addPendingCandidates();
    }
  }
});

// The callee answers once it has both the offer and its camera, whichever comes last.
function answerWhenReady() {
  if (!pendingOffer || !localStream) {
    return;
  }
  var offer = pendingOffer;
  pendingOffer = null;
  maybeStart();
  pc.setRemoteDescription(new RTCSessionDescription(offer)).then(function () {
    addPendingCandidates();
    return pc.createAnswer();
  }).then(setLocalAndSend).catch(show);
}

function addPendingCandidates() {
  var candidates = pendingCandidates;
  pendingCandidates = [];
  candidates.forEach(function (message) {
    pc.addIceCandidate(new RTCIceCandidate({ sdpMLineIndex: message.label, candidate: message.candidate }))
      .catch(show);
  });
}

navigator.mediaDevices.getUserMedia({ audio: false, video: true }).then(function (stream) {
  localStream = stream;
  localVideo.srcObject = stream;
  sendMessage('got user media');
  if (isInitiator) {
    maybeStart();
  } else {
    answerWhenReady();
  }
}).catch(function (e) {
  show('getUserMedia() error: ' + e.name);
});

function maybeStart() {
  // The initiator calls only once someone is there to answer; the callee starts when it answers.
  if (isStarted || !localStream || (isInitiator && !isChannelReady)) {
    return;
  }
  pc = new RTCPeerConnection(null);
  pc.onicecandidate = function (event) {
    if (event.candidate) {
      sendMessage({ type: 'candidate', label: event.candidate.sdpMLineIndex, id: event.candidate.sdpMid,
        candidate: event.candidate.candidate });
    }
  };
  pc.ontrack = function (event) {
    remoteVideo.srcObject = event.streams[0];
  };
  localStream.getTracks().forEach(function (track) {
    pc.addTrack(track, localStream);
  });
  isStarted = true;
  if (isInitiator) {
    pc.createOffer().then(setLocalAndSend).catch(show);
  }
}

function setLocalAndSend(description) {
  pc.setLocalDescription(description);
  sendMessage({ type: description.type, sdp: description.sdp });
}

function hangUp(reason) {
  show(reason || 'Hanging up');
  isStarted = false;
  isChannelReady = false;
  isInitiator = true; // whoever stays waits for the next peer and calls it
  pendingCandidates = [];
  if (pc) {
    pc.close();
    pc = null;
  }
}

window.addEventListener('beforeunload', function () {
  sendMessage('bye');
  socket.emit('bye', room);
});

// A read-only view of the call for the end-to-end tests (and for the curious, in the console), like the other pages'.
window.demo = {
  room: function () {
    return room;
  },
  state: function () {
    var remote = remoteVideo.srcObject;
    return {
      initiator: isInitiator,
      media: !!localStream,
      started: isStarted,
      connection: pc ? pc.connectionState : 'none',
      remoteVideo: !!(remote && remote.getVideoTracks().length > 0),
      log: logArea.textContent
    };
  }
};
