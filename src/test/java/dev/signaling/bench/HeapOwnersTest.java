package dev.signaling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
        assertThat(is.classes().get(holder)).containsExactly(2_000L * 16, 2_000L);
        assertThat(is.classes().get("[B")[1] - was.classes().get("[B")[1]).isGreaterThanOrEqualTo(2_000L);
    }

    @Test
    void takesANativeImagesInstanceSizesAsItsDumpRecordsThem(@TempDir Path dir) throws Exception {
        // One class of one reference field whose dump records 40 bytes an instance (as a native image's does), two
        // instances, and an array of three references.
        Path dump = dir.resolve("native.hprof");
        Files.write(dump, new TinyDump().withClass(1, "Conn", 40).withInstance(10, 1).withInstance(11, 1)
                .withObjectArray(12, 1, 3).bytes());

        HeapOwners.Holdings hotspot = HeapOwners.read(dump, HeapOwners.Layout.HOTSPOT);
        HeapOwners.Holdings nativeImage = HeapOwners.read(dump, HeapOwners.Layout.NATIVE_IMAGE);

        // HotSpot: 12-byte header + a 4-byte reference; an array header of 16 + 3 references of 4, aligned to 8.
        assertThat(hotspot.classes().get("Conn")).containsExactly(2 * 16L, 2L);
        assertThat(hotspot.classes().get("[LConn;")).containsExactly(32L, 1L);
        // A native image: 40 bytes as recorded; 16 + 3 references of 8.
        assertThat(nativeImage.classes().get("Conn")).containsExactly(2 * 40L, 2L);
        assertThat(nativeImage.classes().get("[LConn;")).containsExactly(40L, 1L);
    }

    @Test
    void rendersTheClassesThatGrewMostPerConnection() {
        HeapOwners.Holdings before = new HeapOwners.Holdings(Map.of(), Map.of(),
                Map.of("[B", new long[] {5_000, 50}));
        HeapOwners.Holdings after = new HeapOwners.Holdings(Map.of(), Map.of(),
                Map.of("[B", new long[] {25_000, 250}, "io.netty.Channel", new long[] {30_000, 100},
                        "java.lang.Object", new long[] {1_600, 100}));

        assertThat(HeapOwners.renderClasses(before, after, 100, 2)).isEqualTo("""
                | class | bytes | objects |
                |---|---|---|
                | io.netty.Channel | 300 | 1.0 |
                | [B | 200 | 2.0 |
                """);
    }

    @Test
    void rendersTheHoldersWhoseJdkObjectsGrewMostPerConnection() {
        HeapOwners.Holdings before = new HeapOwners.Holdings(Map.of(),
                Map.of("dev.signaling.Outbox", 1_000L, "io.vertx.Context", 50_000L));
        HeapOwners.Holdings after = new HeapOwners.Holdings(Map.of(),
                Map.of("dev.signaling.Outbox", 21_000L, "io.vertx.Context", 50_050L, "io.netty.Channel", 40_000L,
                        "io.netty.Pipeline", 30_000L));

        // Context grew by half a byte per connection: left out; Pipeline is past the two rows asked for.
        assertThat(HeapOwners.renderHolders(before, after, 100, 2)).isEqualTo("""
                | holder of JDK objects | bytes |
                |---|---|
                | io.netty.Channel | 400 |
                | io.netty.Pipeline | 300 |
                """);
        assertThat(HeapOwners.renderHolders(before, after, 100, 10)).endsWith("""
                | io.netty.Pipeline | 300 |
                | dev.signaling.Outbox | 200 |
                """);
    }

    /** Writes the few HPROF records the reader needs, with 8-byte identifiers. */
    private static final class TinyDump {
        private final ByteArrayOutputStream records = new ByteArrayOutputStream();
        private final ByteArrayOutputStream heap = new ByteArrayOutputStream();

        TinyDump withClass(long id, String name, int instanceSize) throws IOException {
            long nameId = 1_000 + id;
            DataOutputStream text = record(0x01, 8 + name.length());
            text.writeLong(nameId);
            text.writeBytes(name);
            DataOutputStream load = record(0x02, 4 + 8 + 4 + 8);
            load.writeInt(1);
            load.writeLong(id);
            load.writeInt(0);
            load.writeLong(nameId);
            writeArrayClass(id + 100, "[L" + name + ";");
            DataOutputStream dump = new DataOutputStream(heap);
            dump.writeByte(0x20);
            dump.writeLong(id);
            dump.writeInt(0);
            for (int i = 0; i < 6; i++) {
                dump.writeLong(0); // superclass, loader, signers, domain, two reserved
            }
            dump.writeInt(instanceSize);
            dump.writeShort(0); // constants
            dump.writeShort(0); // statics
            dump.writeShort(1); // one instance field, a reference
            dump.writeLong(nameId);
            dump.writeByte(2);
            return this;
        }

        private void writeArrayClass(long id, String name) throws IOException {
            DataOutputStream text = record(0x01, 8 + name.length());
            text.writeLong(2_000 + id);
            text.writeBytes(name);
            DataOutputStream load = record(0x02, 4 + 8 + 4 + 8);
            load.writeInt(2);
            load.writeLong(id);
            load.writeInt(0);
            load.writeLong(2_000 + id);
        }

        TinyDump withInstance(long id, long classId) throws IOException {
            DataOutputStream dump = new DataOutputStream(heap);
            dump.writeByte(0x21);
            dump.writeLong(id);
            dump.writeInt(0);
            dump.writeLong(classId);
            dump.writeInt(8);
            dump.writeLong(0);
            return this;
        }

        TinyDump withObjectArray(long id, long elementClassId, int length) throws IOException {
            DataOutputStream dump = new DataOutputStream(heap);
            dump.writeByte(0x22);
            dump.writeLong(id);
            dump.writeInt(0);
            dump.writeInt(length);
            dump.writeLong(elementClassId + 100);
            for (int i = 0; i < length; i++) {
                dump.writeLong(0);
            }
            return this;
        }

        byte[] bytes() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(out);
            header.writeBytes("JAVA PROFILE 1.0.2");
            header.writeByte(0);
            header.writeInt(8);
            header.writeLong(0);
            records.writeTo(out);
            header.writeByte(0x1C);
            header.writeInt(0);
            header.writeInt(heap.size());
            heap.writeTo(out);
            return out.toByteArray();
        }

        private DataOutputStream record(int tag, int length) throws IOException {
            DataOutputStream out = new DataOutputStream(records);
            out.writeByte(tag);
            out.writeInt(0);
            out.writeInt(length);
            return out;
        }
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
