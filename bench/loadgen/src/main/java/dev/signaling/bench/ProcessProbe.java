package dev.signaling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from {@code /proc} (Linux). Used for the server under test
 * (given by {@code --server-pid}) and for the load generator itself, whose CPU competes with the server's on a
 * small machine and so belongs in every report.
 */
final class ProcessProbe {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on every Linux we run on

    private final long pid;
    private volatile long peakRssKb;
    private Thread sampler;

    ProcessProbe(long pid) {
        this.pid = pid;
    }

    static ProcessProbe self() {
        return new ProcessProbe(ProcessHandle.current().pid());
    }

    long pid() {
        return pid;
    }

    boolean alive() {
        return Files.exists(Path.of("/proc/" + pid + "/stat"));
    }

    /** User plus system CPU seconds used so far. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces; the fields we need follow its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // utime, stime
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident set size now, in KiB (0 when the process is gone). */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** Samples RSS every 200 ms in the background, for {@link #peakRssKb()}. */
    void startSampling() {
        sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakRssKb = Math.max(peakRssKb, rssKb());
                try {
                    Thread.sleep(200); // a sampling period, not a wait for something to happen
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    long peakRssKb() {
        return Math.max(peakRssKb, rssKb());
    }

    /** Machine-wide CPU seconds spent on softirq so far (loopback TCP work that neither process is charged for). */
    static double softirqSeconds() {
        return machineSeconds(7);
    }

    /**
     * Machine-wide CPU seconds stolen so far: time this virtual machine's CPUs wanted to run but the hypervisor ran
     * something else. Latency tails move with it, whichever server is measured.
     */
    static double stealSeconds() {
        return machineSeconds(8);
    }

    /** Field {@code index} of the "cpu" line of /proc/stat (1 user, 2 nice, 3 system, ... 7 softirq, 8 steal). */
    private static double machineSeconds(int index) {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[index]) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
