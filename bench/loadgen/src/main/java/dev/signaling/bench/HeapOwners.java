package dev.signaling.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who holds the memory a connection costs: two heap dumps of a server ({@code jcmd PID GC.heap_dump FILE}, before and
 * after opening N connections), and per connection, the bytes of each owner (our code, Netty, Vert.x, WebSockets
 * Next...). A class histogram puts most of it under JDK types (strings, byte arrays, maps); here each object of a
 * JDK type counts for the nearest object of another type that refers to it. The referrer is the first one the dump
 * lists, so an object two owners share goes to one of them: the split is good to a few hundred bytes.
 *
 * <pre>java -cp bench/loadgen/target/loadgen.jar dev.signaling.bench.HeapOwners [--native] BEFORE AFTER N</pre>
 *
 * Sizes are those of a 64-bit HotSpot with compressed references (12-byte object headers, 16-byte array headers,
 * 4-byte references, 8-byte alignment), the JVM's defaults under 32 GB of heap: HotSpot's dumps record field values,
 * not object sizes. A native image's dump ({@code --native}) records each class's instance size in its own layout,
 * which is taken as it is; its object arrays are counted with 8-byte references (the instance sizes GraalVM CE 25
 * records imply 8-byte references and 16-byte headers: a ConcurrentHashMap node is 48 bytes, 32 on HotSpot). After
 * the table by owner comes one by class: the classes whose objects grew most per connection, JDK types included;
 * then one by holder: the classes whose held JDK objects grew most ({@code -Dheapowners.top=N} rows each, 25).
 */
public final class HeapOwners {

    /** Package prefixes of the owners, checked in order (vertx-web before Vert.x core). */
    private static final String[][] OWNERS = {
            {"dev.signaling.", "ours"},
            {"io.netty.", "Netty"},
            {"io.vertx.ext.web.", "Vert.x Web"},
            {"io.vertx.", "Vert.x core"},
            {"io.quarkus.websockets.", "Quarkus WebSockets Next"},
            {"io.quarkus.micrometer.", "Micrometer"},
            {"io.micrometer.", "Micrometer"},
            {"io.quarkus.", "Quarkus, other"},
            {"io.smallrye.mutiny.", "Mutiny"},
            {"org.jctools.", "Mutiny"},
    };
    private static final String STATIC = "(reached from class statics or GC roots only)";

    /** How large an object is in the heap the dump was taken of. */
    enum Layout {
        /** HotSpot, compressed references: sizes from the field types. */
        HOTSPOT,
        /** A native image: instance sizes as the dump records them, object arrays with 8-byte references. */
        NATIVE_IMAGE
    }

    /**
     * One dump's bytes per class not of the JDK: its own objects, and the JDK objects it holds; and per class of every
     * kind, its objects' bytes and their count.
     */
    record Holdings(Map<String, Long> ownObjects, Map<String, Long> heldJdkObjects, Map<String, long[]> classes) {

        Holdings(Map<String, Long> ownObjects, Map<String, Long> heldJdkObjects) {
            this(ownObjects, heldJdkObjects, Map.of());
        }

        /** Both, summed by owner. */
        Map<String, Long> byOwner() {
            Map<String, Long> owners = new TreeMap<>();
            ownObjects.forEach((name, bytes) -> owners.merge(owner(name), bytes, Long::sum));
            heldJdkObjects.forEach((holder, bytes) -> owners.merge(owner(holder), bytes, Long::sum));
            return owners;
        }
    }

    private HeapOwners() {
    }

    public static void main(String[] args) throws IOException {
        boolean nativeImage = args.length == 4 && args[0].equals("--native");
        if (args.length != 3 && !nativeImage) {
            System.err.println("usage: HeapOwners [--native] before.hprof after.hprof CONNECTIONS");
            System.exit(2);
        }
        Layout layout = nativeImage ? Layout.NATIVE_IMAGE : Layout.HOTSPOT;
        int first = nativeImage ? 1 : 0;
        Holdings before = read(Path.of(args[first]), layout);
        Holdings after = read(Path.of(args[first + 1]), layout);
        long connections = Long.parseLong(args[first + 2]);
        System.out.print(render(before, after, connections));
        System.out.println();
        int top = Integer.getInteger("heapowners.top", 25);
        System.out.print(renderClasses(before, after, connections, top));
        System.out.println();
        System.out.print(renderHolders(before, after, connections, top));
    }

    static String render(Holdings before, Holdings after, long connections) {
        StringBuilder out = new StringBuilder("| owner | its own objects | JDK objects it holds | total |\n");
        out.append("|---|---|---|---|\n");
        Map<String, long[]> rows = new TreeMap<>(); // owner -> {own objects, JDK objects held, total}
        addPerOwner(rows, after.ownObjects(), before.ownObjects(), 0);
        addPerOwner(rows, after.heldJdkObjects(), before.heldJdkObjects(), 1);
        rows.values().forEach(r -> r[2] = r[0] + r[1]);
        long total = 0;
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort((a, b) -> Long.compare(b.getValue()[2], a.getValue()[2]));
        for (Map.Entry<String, long[]> row : sorted) {
            long[] r = row.getValue();
            total += r[2];
            if (r[0] / connections == 0 && r[1] / connections == 0) {
                continue; // nothing per connection
            }
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d |%n", row.getKey(), r[0] / connections,
                    r[1] / connections, r[2] / connections));
        }
        out.append(String.format(Locale.ROOT, "| total | | | %,d |%n", total / connections));
        return out.toString();
    }

    /** The {@code top} classes whose objects grew most, per connection: bytes and objects. */
    static String renderClasses(Holdings before, Holdings after, long connections, int top) {
        StringBuilder out = new StringBuilder("| class | bytes | objects |\n|---|---|---|\n");
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        for (Map.Entry<String, long[]> cls : after.classes().entrySet()) {
            long[] was = before.classes().getOrDefault(cls.getKey(), new long[2]);
            grown.add(Map.entry(cls.getKey(), new long[] {cls.getValue()[0] - was[0], cls.getValue()[1] - was[1]}));
        }
        grown.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        for (Map.Entry<String, long[]> cls : grown.subList(0, Math.min(top, grown.size()))) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f |%n", cls.getKey(),
                    cls.getValue()[0] / connections, (double) cls.getValue()[1] / connections));
        }
        return out.toString();
    }

    /**
     * The {@code top} classes not of the JDK whose held JDK objects (strings, arrays, maps) grew most, per
     * connection (those that grew by a byte or more): where the JDK rows of the table by class come from.
     */
    static String renderHolders(Holdings before, Holdings after, long connections, int top) {
        StringBuilder out = new StringBuilder("| holder of JDK objects | bytes |\n|---|---|\n");
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        for (String holder : union(before.heldJdkObjects(), after.heldJdkObjects())) {
            grown.add(Map.entry(holder, after.heldJdkObjects().getOrDefault(holder, 0L)
                    - before.heldJdkObjects().getOrDefault(holder, 0L)));
        }
        grown.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        grown.stream().filter(holder -> holder.getValue() / connections > 0).limit(top).forEach(holder -> out.append(
                String.format(Locale.ROOT, "| %s | %,d |%n", holder.getKey(), holder.getValue() / connections)));
        return out.toString();
    }

    private static void addPerOwner(Map<String, long[]> rows, Map<String, Long> after, Map<String, Long> before,
            int column) {
        for (String holder : union(before, after)) {
            long delta = after.getOrDefault(holder, 0L) - before.getOrDefault(holder, 0L);
            rows.computeIfAbsent(owner(holder), o -> new long[3])[column] += delta;
        }
    }

    private static List<String> union(Map<String, Long> a, Map<String, Long> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        return keys;
    }

    static String owner(String className) {
        if (className.equals(STATIC)) {
            return STATIC;
        }
        for (String[] owner : OWNERS) {
            if (className.startsWith(owner[0])) {
                return owner[1];
            }
        }
        return "other";
    }

    static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("[") || className.startsWith("com.sun.");
    }

    /** Reads a dump in the HPROF format HotSpot writes (identifiers of 8 bytes). */
    static Holdings read(Path dump) throws IOException {
        return read(dump, Layout.HOTSPOT);
    }

    /** Reads a dump in the HPROF format (identifiers of 8 bytes) of a heap with this layout. */
    static Holdings read(Path dump, Layout layout) throws IOException {
        try (FileChannel channel = FileChannel.open(dump, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new IOException(dump + " is over 2 GB: take the dumps with fewer connections");
            }
            return new Dump(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()), layout).holdings();
        }
    }

    /** One pass over the records to learn classes, objects, sizes and a referrer of each object; then the sums. */
    private static final class Dump {
        private static final int OBJECT = 2;
        private final ByteBuffer in;
        private final Layout layout;
        private final Map<Long, String> strings = new HashMap<>();
        private final Map<Long, String> classNames = new HashMap<>();
        private final Map<Long, long[]> classFields = new HashMap<>(); // class -> {super, field types...}
        private final Map<Long, Integer> instanceSizes = new HashMap<>(); // class -> instance size the dump records
        private final Map<Long, long[]> typesOf = new HashMap<>();     // class -> its instances' field types
        private final Map<Long, Long> classOf = new HashMap<>();      // object -> class (arrays: their class)
        private final Map<Long, Integer> sizeOf = new HashMap<>();
        private final Map<Long, Long> referrer = new HashMap<>();
        private final List<long[]> instances = new ArrayList<>();     // {object, class, offset of its fields}
        private final Map<Long, String> primitiveArrays = new HashMap<>();

        Dump(ByteBuffer in, Layout layout) {
            this.in = in;
            this.layout = layout;
        }

        Holdings holdings() {
            int start = 0;
            while (in.get(start) != 0) {
                start++;
            }
            if (in.getInt(start + 1) != 8) {
                throw new IllegalArgumentException("only dumps with 8-byte identifiers are read");
            }
            int pos = start + 1 + 4 + 8;
            while (pos < in.limit()) {
                int tag = in.get(pos) & 0xff;
                int length = in.getInt(pos + 5);
                int body = pos + 9;
                if (tag == 0x01) {
                    byte[] text = new byte[length - 8];
                    in.get(body + 8, text);
                    strings.put(in.getLong(body), new String(text, StandardCharsets.UTF_8));
                } else if (tag == 0x02) {
                    String name = strings.getOrDefault(in.getLong(body + 16), "?");
                    classNames.put(in.getLong(body + 4), name.replace('/', '.'));
                } else if (tag == 0x0C || tag == 0x1C) {
                    heapDump(body, body + length);
                }
                pos = body + length;
            }
            // Instances last: their fields' layouts come from class records, which may follow them in the dump.
            for (long[] instance : instances) {
                int offset = (int) instance[2];
                long bytes = 12;
                for (long type : fieldTypes(instance[1])) {
                    if (type == OBJECT) {
                        refer(in.getLong(offset), instance[0]);
                    }
                    offset += hprofSize((int) type);
                    bytes += javaSize((int) type);
                }
                sizeOf.put(instance[0], layout == Layout.NATIVE_IMAGE ? instanceSizes.get(instance[1]) : align(bytes));
            }
            return sums();
        }

        private void heapDump(int p, int end) {
            while (p < end) {
                int sub = in.get(p++) & 0xff;
                switch (sub) {
                    case 0xFF, 0x05, 0x07 -> p += 8;
                    case 0x01, 0x02, 0x03, 0x08 -> p += 16;
                    case 0x04, 0x06 -> p += 12;
                    case 0x20 -> p = classDump(p);
                    case 0x21 -> {
                        long id = in.getLong(p);
                        long cls = in.getLong(p + 12);
                        int length = in.getInt(p + 20);
                        classOf.put(id, cls);
                        instances.add(new long[] {id, cls, p + 24});
                        p += 24 + length;
                    }
                    case 0x22 -> {
                        long id = in.getLong(p);
                        int count = in.getInt(p + 12);
                        classOf.put(id, in.getLong(p + 16));
                        sizeOf.put(id, align(16 + (layout == Layout.NATIVE_IMAGE ? 8L : 4L) * count));
                        for (int i = 0; i < count; i++) {
                            refer(in.getLong(p + 24 + 8 * i), id);
                        }
                        p += 24 + 8 * count;
                    }
                    case 0x23 -> {
                        long id = in.getLong(p);
                        int count = in.getInt(p + 12);
                        int type = in.get(p + 16);
                        primitiveArrays.put(id, primitiveArrayName(type));
                        sizeOf.put(id, align(16 + (long) javaSize(type) * count));
                        p += 17 + hprofSize(type) * count;
                    }
                    default -> throw new IllegalArgumentException("unknown heap dump record " + sub + " at " + p);
                }
            }
        }

        private int classDump(int p) {
            long id = in.getLong(p);
            long superclass = in.getLong(p + 12);
            p += 8 + 4 + 8 * 6;
            instanceSizes.put(id, in.getInt(p));
            p += 4;
            int constants = in.getShort(p) & 0xffff;
            p += 2;
            for (int i = 0; i < constants; i++) {
                p += 3 + hprofSize(in.get(p + 2));
            }
            int statics = in.getShort(p) & 0xffff;
            p += 2;
            for (int i = 0; i < statics; i++) {
                p += 9 + hprofSize(in.get(p + 8));
            }
            int fields = in.getShort(p) & 0xffff;
            p += 2;
            long[] layout = new long[fields + 1];
            layout[0] = superclass;
            for (int i = 0; i < fields; i++) {
                layout[i + 1] = in.get(p + 8);
                p += 9;
            }
            classFields.put(id, layout);
            return p;
        }

        /** The types of an instance's fields in dump order: its class's first, then each superclass's. */
        private long[] fieldTypes(long cls) {
            return typesOf.computeIfAbsent(cls, c -> {
                List<Long> types = new ArrayList<>();
                for (long at = c; classFields.containsKey(at); at = classFields.get(at)[0]) {
                    long[] layout = classFields.get(at);
                    for (int i = 1; i < layout.length; i++) {
                        types.add(layout[i]);
                    }
                }
                return types.stream().mapToLong(Long::longValue).toArray();
            });
        }

        private void refer(long target, long from) {
            if (target != 0) {
                referrer.putIfAbsent(target, from);
            }
        }

        private Holdings sums() {
            Map<String, Long> own = new TreeMap<>();
            Map<String, Long> held = new TreeMap<>();
            Map<String, long[]> classes = new HashMap<>();
            Map<Long, String> holderCache = new HashMap<>();
            for (Map.Entry<Long, Integer> object : sizeOf.entrySet()) {
                String name = className(object.getKey());
                long bytes = object.getValue();
                long[] cls = classes.computeIfAbsent(name, n -> new long[2]);
                cls[0] += bytes;
                cls[1]++;
                if (isJdk(name)) {
                    held.merge(holder(object.getKey(), holderCache), bytes, Long::sum);
                } else {
                    own.merge(name, bytes, Long::sum);
                }
            }
            return new Holdings(own, held, classes);
        }

        /** The class of the nearest object not of a JDK type on the first-referrer chain up from {@code object}. */
        private String holder(long object, Map<Long, String> cache) {
            List<Long> chain = new ArrayList<>();
            String found = STATIC;
            Long at = object;
            for (int depth = 0; at != null && depth < 1_000; depth++) {
                String cached = cache.get(at);
                if (cached != null) {
                    found = cached;
                    break;
                }
                String name = className(at);
                if (!isJdk(name)) {
                    found = name;
                    break;
                }
                chain.add(at);
                at = referrer.get(at);
            }
            for (Long link : chain) {
                cache.put(link, found);
            }
            return found;
        }

        private String className(long object) {
            String primitive = primitiveArrays.get(object);
            if (primitive != null) {
                return primitive;
            }
            Long cls = classOf.get(object);
            return cls == null ? "?" : classNames.getOrDefault(cls, "?");
        }

        /** The JVM's name of an array of an HPROF basic type, as in class histograms: {@code [B} for bytes. */
        private static String primitiveArrayName(int type) {
            return "[" + "????ZCFDBSIJ".charAt(type);
        }

        private static int align(long bytes) {
            return (int) ((bytes + 7) / 8 * 8);
        }

        /** Bytes of a value of an HPROF basic type in the dump (references are 8). */
        private static int hprofSize(int type) {
            return switch (type) {
                case 2, 7, 11 -> 8; // object, double, long
                case 4, 8 -> 1;     // boolean, byte
                case 5, 9 -> 2;     // char, short
                case 6, 10 -> 4;    // float, int
                default -> throw new IllegalArgumentException("unknown basic type " + type);
            };
        }

        /** Bytes of the same value in the JVM's heap (compressed references: 4). */
        private static int javaSize(int type) {
            return type == OBJECT ? 4 : hprofSize(type);
        }
    }
}
