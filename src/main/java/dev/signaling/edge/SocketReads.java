package dev.signaling.edge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The first handler of a WebSocket's Netty pipeline: before each read is passed on to be decoded into frames, it
 * asks {@link ReadBackpressure} whether the server is too far behind to take more from this socket. It also keeps the
 * size of the connection's latest frame, the estimate for what each waiting task holds, and the socket itself, for
 * {@link LiveConnections} to reach once the connection is open. One per connection; only the socket's event loop
 * touches it.
 */
final class SocketReads extends ChannelInboundHandlerAdapter {
    static final String NAME = "signaling-read-backpressure";

    private final ReadBackpressure backpressure;
    final Channel socket;
    long taskBytes = ReadBackpressure.FIRST_TASK_BYTES;

    SocketReads(ReadBackpressure backpressure, Channel socket) {
        this.backpressure = backpressure;
        this.socket = socket;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object read) {
        backpressure.reading(context.channel(), taskBytes);
        context.fireChannelRead(read);
    }
}
