package dev.signaling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heap-dump reader of docs/benchmarks.md's "where it goes": this JVM's own dumps, before and after. */
class HeapOwnersTest {

    /** Stands in for a connection: an object of ours holding a JDK object (a 100-byte array: 16 + 100 -> 120). */
    static final class Holder {
        final byte[] payload = new byte[100];
    }

    /** Run in a JVM of its own, so that the dumps hold a small heap: dumps it, makes 2,000 holders, dumps it again. */
    public static void main(String[] args) throws Exception {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        hotspot.dumpHeap(args[0], true);
        List<Holder> kept = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            kept.add(new Holder());
        }
        hotspot.dumpHeap(args[1], true);
        System.out.println(kept.size());
    }

    @Test
    void countsAJdkObjectForTheObjectThatHoldsIt(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before.hprof");
        Path after = dir.resolve("after.hprof");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), HeapOwnersTest.class.getName(), before.toString(),
                after.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();

        HeapOwners.Holdings was = HeapOwners.read(before);
        HeapOwners.Holdings is = HeapOwners.read(after);
        String holder = Holder.class.getName();
        assertThat(was.ownObjects()).doesNotContainKey(holder);
        // 12-byte header + one compressed reference = 16 bytes each; each holds its own array and nothing else does.
        assertThat(is.ownObjects()).containsEntry(holder, 2_000L * 16);
        assertThat(is.heldJdkObjects()).containsEntry(holder, 2_000L * 120);
        assertThat(is.byOwner().get("ours")).isGreaterThanOrEqualTo(2_000L * (16 + 120));
    }

    @Test
    void rendersTheDifferencePerConnectionLargestFirst() {
        HeapOwners.Holdings before = new HeapOwners.Holdings(Map.of("io.netty.Channel", 1_000L), Map.of());
        HeapOwners.Holdings after = new HeapOwners.Holdings(
                Map.of("io.netty.Channel", 21_000L, "dev.signaling.edge.Outbox", 10_000L),
                Map.of("dev.signaling.edge.Outbox", 30_000L));

        assertThat(HeapOwners.render(before, after, 100)).isEqualTo("""
                | owner | its own objects | JDK objects it holds | total |
                |---|---|---|---|
                | ours | 100 | 300 | 400 |
                | Netty | 200 | 0 | 200 |
                | total | | | 600 |
                """);
    }
}
