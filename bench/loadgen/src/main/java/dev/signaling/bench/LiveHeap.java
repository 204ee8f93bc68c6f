package dev.signaling.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of a JVM server: {@code jcmd PID GC.run} (twice, so that objects freed by the first collection's
 * finalization and reference processing go too), then the total of {@code GC.class_histogram}. RSS also counts the
 * young generation and whatever headroom the collector keeps; the live heap is what each connection really holds.
 * The jcmd next to the load generator's own java is used, so both must be JDKs (a JRE has no jcmd).
 * {@code java -cp loadgen.jar dev.signaling.bench.LiveHeap PID [FILE]} prints the bytes, and writes the class
 * histogram they add up from to FILE if given (bench/soak.sh, after each cycle: a growth can be traced to classes).
 */
final class LiveHeap {
    private LiveHeap() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java -cp loadgen.jar dev.signaling.bench.LiveHeap PID [HISTOGRAM_FILE]");
            System.exit(2);
        }
        List<String> histogram = histogram(Long.parseLong(args[0]));
        if (args.length == 2) {
            Files.write(Path.of(args[1]), histogram, StandardCharsets.UTF_8);
        }
        System.out.println(total(histogram));
    }

    /** Bytes of the objects reachable in process {@code pid}; fails if jcmd cannot attach to it. */
    static long bytes(long pid) throws IOException, InterruptedException {
        return total(histogram(pid));
    }

    /** The class histogram of process {@code pid} after two full collections. */
    private static List<String> histogram(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        return jcmd(pid, "GC.class_histogram");
    }

    private static long total(List<String> histogram) throws IOException {
        // The last line reads "Total <instances> <bytes>".
        String[] total = histogram.get(histogram.size() - 1).trim().split("\\s+");
        if (total.length != 3 || !total[0].equals("Total")) {
            throw new IOException("unexpected end of the class histogram: " + String.join(" ", total));
        }
        return Long.parseLong(total[2]);
    }

    private static List<String> jcmd(long pid, String command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow(() -> new IOException("no java path")));
        // Output to a file, not a pipe: reading a pipe to its end would wait for a hung jcmd forever.
        Path out = Files.createTempFile("jcmd", ".txt");
        try {
            Process p = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean exited = p.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly();
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (!exited || p.exitValue() != 0) {
                String what = exited ? " failed: " + output : " took over 60 s";
                throw new IOException("jcmd " + pid + " " + command + what);
            }
            return output.lines().toList();
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
