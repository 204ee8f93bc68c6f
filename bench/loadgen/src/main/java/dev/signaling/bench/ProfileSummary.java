package dev.signaling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a server's CPU went, from an async-profiler profile in its "collapsed" form (one line per distinct stack,
 * root first: {@code frame;frame;...;leaf COUNT}), as {@code bench/run.sh} writes it with {@code SERVER_PROFILE}.
 * A sample counts once, for the thread doing it: the JIT compilers, the VM thread (which runs the serial collector's
 * collections and the safepoints), or an event loop, whose samples go to the owner of the frame that was running
 * (the kernel, our code, Netty, Vert.x, Quarkus, Mutiny, the JDK, native code outside the kernel). The kernel's
 * frames are there only where the profiler could use perf events; JFR sees none of them, nor the compiler threads.
 *
 * <pre>java -cp bench/loadgen/target/loadgen.jar dev.signaling.bench.ProfileSummary profile.collapsed [--top N]</pre>
 */
public final class ProfileSummary {

    /** Package prefixes of the owners of event-loop frames, in order (WebSockets Next before the rest of Quarkus). */
    private static final String[][] OWNERS = {
            {"dev/signaling/", "our code"},
            {"io/netty/", "Netty"},
            {"io/vertx/", "Vert.x"},
            {"io/quarkus/websockets/", "Quarkus WebSockets Next"},
            {"io/quarkus/", "Quarkus, other"},
            {"io/smallrye/mutiny/", "Mutiny"},
            {"org/jctools/", "Mutiny"},
            {"io/micrometer/", "Micrometer"},
            {"com/fasterxml/jackson/", "Jackson"},
            {"java/", "JDK"},
            {"jdk/", "JDK"},
            {"sun/", "JDK"},
    };

    /** The samples of one profile, by where they were spent. */
    record Summary(long samples, Map<String, Long> byPlace, Map<String, Long> loopLeaves, Map<String, Long> ours,
            Map<String, Long> syscalls) {

        double share(long count) {
            return samples == 0 ? 0 : 100.0 * count / samples;
        }
    }

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ProfileSummary profile.collapsed [--top N]");
            System.exit(2);
        }
        int top = args.length > 2 && args[1].equals("--top") ? Integer.parseInt(args[2]) : 12;
        System.out.print(render(Path.of(args[0]).toString(), summarise(Files.readAllLines(Path.of(args[0]))), top));
    }

    static Summary summarise(List<String> lines) {
        long samples = 0;
        Map<String, Long> byPlace = new LinkedHashMap<>();
        Map<String, Long> loopLeaves = new TreeMap<>();
        Map<String, Long> ours = new TreeMap<>();
        Map<String, Long> syscalls = new TreeMap<>();
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            String tail = space > 0 ? line.substring(space + 1).trim() : "";
            if (tail.isEmpty() || !tail.chars().allMatch(Character::isDigit)) {
                continue; // not a stack line
            }
            long count = Long.parseLong(tail);
            String[] frames = line.substring(0, space).split(";");
            samples += count;
            String place = place(frames);
            byPlace.merge(place, count, Long::sum);
            if (place.startsWith("event loop")) {
                loopLeaves.merge(plain(frames[frames.length - 1]), count, Long::sum);
                if (frames[frames.length - 1].endsWith("_[k]")) {
                    syscalls.merge(syscall(frames), count, Long::sum);
                }
                Set<String> seen = new HashSet<>(); // a recursive method counts once per sample
                for (String frame : frames) {
                    String name = plain(frame);
                    if (name.startsWith("dev/signaling/") && seen.add(name)) {
                        ours.merge(name, count, Long::sum);
                    }
                }
            }
        }
        return new Summary(samples, byPlace, loopLeaves, ours, syscalls);
    }

    /**
     * The C library call through which a kernel sample entered the kernel ({@code writev}, {@code send}, {@code recv},
     * {@code epoll_pwait2}, {@code write}...), named without glibc's underscores and {@code GI_} prefix. It is read
     * from the caller of the first kernel frame, because the kernel's own stacks often lack the system call's frame.
     */
    static String syscall(String[] frames) {
        for (int i = 1; i < frames.length; i++) {
            if (frames[i].endsWith("_[k]")) {
                String caller = plain(frames[i - 1]);
                if (caller.contains("/") || caller.contains(".")) {
                    return "interrupts and faults in Java code";
                }
                return caller.replaceFirst("^_*(GI_)?_*", "");
            }
        }
        return "interrupts and faults in Java code";
    }

    /** The thread kind, and for an event loop the owner of the running frame. */
    static String place(String[] frames) {
        boolean loop = false;
        for (String frame : frames) {
            if (frame.startsWith("CompileBroker::")) {
                return "JIT compiler threads";
            }
            if (frame.startsWith("VMThread::")) {
                return "VM thread (garbage collection, safepoints)";
            }
            if (frame.endsWith("EpollEventLoop.run") || frame.endsWith("NioEventLoop.run")) {
                loop = true;
            }
        }
        if (!loop) {
            return "other threads (start-up, timers, monitoring)";
        }
        String leaf = frames[frames.length - 1];
        if (leaf.endsWith("_[k]")) {
            return "event loop: the kernel (socket reads and writes, epoll)";
        }
        String name = plain(leaf);
        for (String[] owner : OWNERS) {
            if (name.startsWith(owner[0])) {
                return "event loop: " + owner[1];
            }
        }
        return "event loop: native code (the VM, glibc, Netty's JNI)";
    }

    /** A frame without the profiler's kind suffix: {@code _[j]} compiled, {@code _[i]} inlined, {@code _[k]} kernel. */
    static String plain(String frame) {
        int mark = frame.lastIndexOf("_[");
        return mark > 0 && frame.endsWith("]") ? frame.substring(0, mark) : frame;
    }

    static String render(String source, Summary summary, int top) {
        StringBuilder out = new StringBuilder();
        out.append(source).append(": ").append(summary.samples()).append(" samples\n\n| where | share |\n|---|---|\n");
        summary.byPlace().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", e.getKey(),
                        summary.share(e.getValue()))));
        appendTop(out, "\nframes running on the event loops (self time):\n", summary, summary.loopLeaves(), top);
        appendTop(out, "\nour code on the event loops (inclusive):\n", summary, summary.ours(), top);
        appendTop(out, "\nthe event loops in the kernel, by the C library call that entered it:\n", summary,
                summary.syscalls(), top);
        return out.toString();
    }

    private static void appendTop(StringBuilder out, String heading, Summary summary, Map<String, Long> counts,
            int top) {
        out.append(heading);
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (Map.Entry<String, Long> e : entries.subList(0, Math.min(top, entries.size()))) {
            out.append(String.format(Locale.ROOT, "%6.1f %%  %s%n", summary.share(e.getValue()), e.getKey()));
        }
    }
}
