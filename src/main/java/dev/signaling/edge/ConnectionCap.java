package dev.signaling.edge;

import java.util.OptionalInt;

import jakarta.inject.Singleton;

import dev.signaling.config.SignalingConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ImageMode;

/**
 * How many connections this instance takes at most: {@code signaling.limits.max-connections}, or by default as many
 * as half of the heap holds, and no more than {@link #MOST}.
 * <p>
 * Why half of the heap: an idle login or {@code /signal} connection holds about 7.3 KiB of heap on the JVM and 13 KiB
 * in the native image (GraalVM CE lays objects out larger), counted here as 8 and 16. Under load the collector needs
 * the other half: with 15,800 connections in a 307 MiB native heap (four fifths full) every collection was a full one
 * and the server relayed almost nothing, while half full it carried 20,000 msgs/s without a loss (docs/benchmarks.md,
 * items 24-25; the sizes per connection are those of item 40, and 9,800 connections in that heap came through the
 * same overload).
 * So a pod given less memory than its connections need turns the next ones away with 503, which a load balancer can
 * route around, instead of slowing down for every client it has.
 */
@Singleton
public class ConnectionCap {
    /** Below the 20,000 open files a process may hold on our machines, with room for the rest of the process. */
    static final int MOST = 16_000;
    static final long JVM_HEAP_PER_CONNECTION = 8 * 1024;
    static final long NATIVE_HEAP_PER_CONNECTION = 16 * 1024;

    private final int value;

    ConnectionCap(SignalingConfig config) {
        OptionalInt configured = config.limits().maxConnections();
        if (configured.isPresent()) {
            value = configured.getAsInt();
        } else {
            long heap = Runtime.getRuntime().maxMemory();
            value = forHeap(heap, ImageMode.current() == ImageMode.NATIVE_RUN);
            String why = value == MOST ? "the most by default (the heap is %,d MiB)"
                    : "as many as half of the %,d MiB heap holds";
            Log.infof("At most %,d connections, " + why + "; signaling.limits.max-connections sets another cap",
                    value, heap >> 20);
        }
    }

    /** The default cap for a heap of {@code maxHeapBytes} ({@link Long#MAX_VALUE}: no limit). */
    static int forHeap(long maxHeapBytes, boolean nativeImage) {
        long perConnection = nativeImage ? NATIVE_HEAP_PER_CONNECTION : JVM_HEAP_PER_CONNECTION;
        return (int) Math.min(MOST, maxHeapBytes / 2 / perConnection);
    }

    public int value() {
        return value;
    }
}
