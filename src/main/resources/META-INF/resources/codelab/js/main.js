'use strict';
// The WebRTC codelab's two-peer video call, on this server's Socket.IO dialect (docs/protocol-socketio.md):
// 'create or join' a room of two; the first peer is the initiator and sends the offer once the room is 'ready';
// SDP and candidates travel as 'message' events to the other member of the room.

var isInitiator = false;
var isStarted = false;
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
});

socket.on('joined', function (room, clientId) {
  show('Joined room ' + room + ' as ' + clientId);
});

socket.on('ready', function () {
  show('The room is ready');
  maybeStart();
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
    maybeStart();
    pc.setRemoteDescription(new RTCSessionDescription(message)).then(function () {
      return pc.createAnswer();
    }).then(setLocalAndSend).catch(show);
  } else if (message.type === 'answer' && isStarted) {
    pc.setRemoteDescription(new RTCSessionDescription(message)).catch(show);
  } else if (message.type === 'candidate' && isStarted) {
    pc.addIceCandidate(new RTCIceCandidate({ sdpMLineIndex: message.label, candidate: message.candidate }))
      .catch(show);
  }
});

navigator.mediaDevices.getUserMedia({ audio: false, video: true }).then(function (stream) {
  localStream = stream;
  localVideo.srcObject = stream;
  sendMessage('got user media');
  if (isInitiator) {
    maybeStart();
  }
}).catch(function (e) {
  show('getUserMedia() error: ' + e.name);
});

function maybeStart() {
  if (isStarted || !localStream) {
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
  isInitiator = true; // whoever stays waits for the next peer and calls it
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
      started: isStarted,
      connection: pc ? pc.connectionState : 'none',
      remoteVideo: !!(remote && remote.getVideoTracks().length > 0),
      log: logArea.textContent
    };
  }
};
