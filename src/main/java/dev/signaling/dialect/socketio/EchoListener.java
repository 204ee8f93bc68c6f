package dev.signaling.dialect.socketio;

import dev.signaling.dialect.socketio.engine.EngineListener;
import dev.signaling.dialect.socketio.engine.EngineSession;

/**
 * The Engine.IO application the reference engine.io-protocol test suite expects: every message comes back as it
 * was sent. Mounted at {@code /engine.io/} only in reference-suite mode.
 */
final class EchoListener implements EngineListener {
    private final String sid;
    private volatile EngineSession session;

    EchoListener(String sid) {
        this.sid = sid;
    }

    @Override
    public String sid() {
        return sid;
    }

    @Override
    public void onOpen(EngineSession session) {
        this.session = session;
    }

    @Override
    public void onMessage(String packet) {
        session.sendMessagePacket(packet); // the same message back, type character and all
    }

    @Override
    public void onBinary(byte[] data) {
        session.sendBinary(data);
    }

    @Override
    public void onClose(String reason) {
    }
}
