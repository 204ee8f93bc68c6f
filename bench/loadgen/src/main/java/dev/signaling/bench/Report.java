package dev.signaling.bench;

import io.vertx.core.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Turns the JSON lines of {@code bench/compare.sh} into the markdown tables of docs/benchmarks.md (stdout) and a
 * PNG chart: medians over the repetitions of each (case, server), with min–max, and our/Node ratios.
 *
 * <pre>java -cp bench/loadgen/target/loadgen.jar dev.signaling.bench.Report results.jsonl... [--chart out.png]</pre>
 */
public final class Report {

    private Report() {
    }

    /** One column of a table: its heading and how to read it from a run. */
    private record Column(String heading, Function<JsonObject, Double> value, int decimals) {
    }

    public static void main(String[] args) throws Exception {
        List<JsonObject> runs = new ArrayList<>();
        String chart = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--chart")) {
                chart = args[++i];
                continue;
            }
            for (String line : Files.readAllLines(Path.of(args[i]))) {
                if (line.startsWith("{")) {
                    JsonObject run = new JsonObject(line);
                    if (run.getValue("loadgen") instanceof JsonObject) {
                        runs.add(run);
                    }
                }
            }
        }
        // case -> server -> runs, in the order first seen
        Map<String, Map<String, List<JsonObject>>> cells = new LinkedHashMap<>();
        for (JsonObject run : runs) {
            cells.computeIfAbsent(run.getString("case", "?"), c -> new LinkedHashMap<>())
                    .computeIfAbsent(run.getString("server"), s -> new ArrayList<>()).add(run);
        }
        StringBuilder md = new StringBuilder();
        table(md, "Relay throughput, closed loop (pingpong)", cells, "pingpong", List.of(
                new Column("msgs/s relayed", r -> num(r, "msgsPerSec"), 0),
                new Column("server CPU-s per 100k msgs", r -> num(r, "window.serverCpuSecPer100k"), 2),
                new Column("server CPU %", r -> num(r, "window.serverCpuPct"), 0),
                new Column("loadgen CPU %", r -> num(r, "window.loadgenCpuPct"), 0),
                new Column("one-way p50 ms", r -> num(r, "latencyMs.p50"), 2),
                new Column("one-way p99 ms", r -> num(r, "latencyMs.p99"), 2),
                new Column("server peak RSS MiB", r -> num(r, "server.rssKbPeak") / 1024, 1)));
        table(md, "Latency at a fixed rate (open loop, from the intended send time)", cells, "rate", List.of(
                new Column("msgs/s delivered", r -> num(r, "deliveriesPerSec"), 0),
                new Column("p50 ms", r -> num(r, "latencyMs.p50"), 2),
                new Column("p99 ms", r -> num(r, "latencyMs.p99"), 2),
                new Column("p99.9 ms", r -> num(r, "latencyMs.p999"), 2),
                new Column("max ms", r -> num(r, "latencyMs.max"), 1),
                new Column("loadgen send-lag p99 ms", r -> num(r, "sendLagMs.p99"), 2),
                new Column("server CPU %", r -> num(r, "window.serverCpuPct"), 0),
                new Column("loadgen CPU %", r -> num(r, "window.loadgenCpuPct"), 0),
                new Column("steal %", r -> num(r, "window.stealPct"), 1)));
        table(md, "Room fan-out (one sender, every other member receives)", cells, "fanout", List.of(
                new Column("deliveries/s", r -> num(r, "deliveriesPerSec"), 0),
                new Column("p50 ms", r -> num(r, "latencyMs.p50"), 2),
                new Column("p99 ms", r -> num(r, "latencyMs.p99"), 2),
                new Column("p99.9 ms", r -> num(r, "latencyMs.p999"), 2),
                new Column("server CPU-s per 100k deliveries", r -> num(r, "window.serverCpuSecPer100k"), 2)));
        table(md, "Many rooms (rooms shared by a few thousand connections)", cells, "rooms", List.of(
                new Column("rooms", r -> num(r, "rooms"), 0),
                new Column("joins/s", r -> num(r, "joinsPerSec"), 0),
                new Column("server bytes per room", r -> num(r, "serverBytesPerRoom"), 0),
                new Column("server CPU µs per join", r -> num(r, "serverCpuMicrosPerJoin"), 1),
                new Column("deliveries/s", r -> num(r, "deliveriesPerSec"), 0),
                new Column("p50 ms", r -> num(r, "latencyMs.p50"), 2),
                new Column("p99 ms", r -> num(r, "latencyMs.p99"), 2)));
        table(md, "Idle connections (connected, logged in or joined, held)", cells, "idle", List.of(
                new Column("ready", r -> num(r, "ready"), 0),
                new Column("open at end", r -> num(r, "openAtEnd"), 0),
                new Column("connect s", r -> num(r, "connectSeconds"), 1),
                new Column("server RSS before MiB", r -> num(r, "serverRssKbBefore") / 1024, 1),
                new Column("server RSS end MiB", r -> num(r, "serverRssKbEnd") / 1024, 1),
                new Column("RSS KiB per connection", r -> num(r, "serverKibPerConnection"), 2),
                new Column("server CPU ms per connect", r -> num(r, "serverCpuMillisPerConnect"), 2),
                new Column("Redis bytes per connection", Report::redisBytesPerConnection, 0)));
        table(md, "Churn (connect, join, leave)", cells, "churn", List.of(
                new Column("cycles/s", r -> num(r, "cyclesPerSec"), 0),
                new Column("connect→ready p50 ms", r -> num(r, "setupMs.p50"), 2),
                new Column("connect→ready p99 ms", r -> num(r, "setupMs.p99"), 2),
                new Column("server CPU ms per cycle", r -> num(r, "serverCpuMillisPerCycle"), 2),
                new Column("server RSS before MiB", r -> num(r, "serverRssKbBefore") / 1024, 1),
                new Column("server RSS after MiB", r -> num(r, "serverRssKbAfter") / 1024, 1)));
        startup(md, runs);
        integrity(md, runs);
        System.out.print(md);
        if (chart != null) {
            Chart.write(cells, new File(chart));
        }
    }

    /** A value at a dotted path of the run's loadgen result (or of the run itself for "server.*"), or NaN. */
    static double num(JsonObject run, String path) {
        Object at = run.getJsonObject("loadgen");
        for (String part : path.split("\\.")) {
            if (!(at instanceof JsonObject o)) {
                return Double.NaN;
            }
            at = o.getValue(part);
        }
        return at instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Cluster runs only: what the shared state in Redis grew by, per connection (peer) held. */
    static double redisBytesPerConnection(JsonObject run) {
        Object base = run.getValue("redisUsedMemoryBase");
        Object peak = run.getValue("redisUsedMemoryPeak");
        double ready = num(run, "ready");
        if (base instanceof Number b && peak instanceof Number p && ready > 0) {
            return (p.doubleValue() - b.doubleValue()) / ready;
        }
        return Double.NaN;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String cell(List<Double> values, int decimals) {
        double m = median(values);
        if (Double.isNaN(m)) {
            return "–";
        }
        double min = values.stream().filter(d -> !d.isNaN()).min(Double::compare).orElse(m);
        double max = values.stream().filter(d -> !d.isNaN()).max(Double::compare).orElse(m);
        String f = "%,." + decimals + "f";
        String s = String.format(Locale.ROOT, f, m);
        return values.size() > 1 && max > min
                ? s + " (" + String.format(Locale.ROOT, f, min) + "–" + String.format(Locale.ROOT, f, max) + ")"
                : s;
    }

    private static void table(StringBuilder md, String title, Map<String, Map<String, List<JsonObject>>> cells,
            String mode, List<Column> columns) {
        List<String> rows = new ArrayList<>();
        Map<String, Double> firstColumnByServer = new TreeMap<>();
        for (var byCase : cells.entrySet()) {
            for (var byServer : byCase.getValue().entrySet()) {
                List<JsonObject> runs = byServer.getValue();
                if (!mode.equals(runs.get(0).getJsonObject("loadgen").getString("mode"))) {
                    continue;
                }
                StringBuilder row = new StringBuilder("| " + byCase.getKey() + " | " + byServer.getKey() + " | "
                        + runs.size() + " |");
                for (Column c : columns) {
                    row.append(' ').append(cell(runs.stream().map(c.value()).toList(), c.decimals())).append(" |");
                }
                long lost = runs.stream().mapToLong(r -> (long) num(r, "lost") + (long) num(r, "duplicated")
                        + (long) num(r, "misdelivered") + (long) num(r, "outOfOrder")).sum();
                long errors = runs.stream().mapToLong(r -> r.getJsonObject("loadgen").getJsonObject("errors", new JsonObject())
                        .stream().mapToLong(e -> ((JsonObject) e.getValue()).getLong("count", 0L)).sum()).sum();
                row.append(' ').append(lost).append(" | ").append(errors).append(" |");
                rows.add(row.toString());
                firstColumnByServer.put(byCase.getKey() + "/" + byServer.getKey(),
                        median(runs.stream().map(columns.get(0).value()).toList()));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("### ").append(title).append("\n\n| case | server | runs |");
        columns.forEach(c -> md.append(' ').append(c.heading()).append(" |"));
        md.append(" lost+dup+misdelivered+reordered | errors |\n|---|---|---|");
        columns.forEach(c -> md.append("---|"));
        md.append("---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append('\n');
    }

    private static void startup(StringBuilder md, List<JsonObject> runs) {
        Map<String, List<Double>> accept = new TreeMap<>();
        Map<String, List<Double>> ready = new TreeMap<>();
        for (JsonObject r : runs) {
            String server = r.getString("server");
            if (r.getValue("startupMs") instanceof Number n) {
                accept.computeIfAbsent(server, s -> new ArrayList<>()).add(n.doubleValue());
            }
            if (r.getValue("readyMs") instanceof Number n) {
                ready.computeIfAbsent(server, s -> new ArrayList<>()).add(n.doubleValue());
            }
        }
        md.append("### Start-up (every run above started its server afresh)\n\n")
                .append("| server | runs | spawn → first accepted connection ms | spawn → /q/health/ready ms |\n")
                .append("|---|---|---|---|\n");
        for (String server : accept.keySet()) {
            md.append("| ").append(server).append(" | ").append(accept.get(server).size()).append(" | ")
                    .append(cell(accept.get(server), 0)).append(" | ")
                    .append(ready.containsKey(server) ? cell(ready.get(server), 0) : "–").append(" |\n");
        }
        md.append('\n');
    }

    private static void integrity(StringBuilder md, List<JsonObject> runs) {
        long owed = 0;
        long bad = 0;
        long clean = 0;
        for (JsonObject r : runs) {
            owed += (long) num(r, "owed");
            bad += (long) (num(r, "lost") + num(r, "duplicated") + num(r, "misdelivered") + num(r, "outOfOrder"));
            if (r.getJsonObject("loadgen").getBoolean("clean", false)) {
                clean++;
            }
        }
        md.append(String.format(Locale.ROOT,
                "Integrity: %d runs, %d of them clean (no loss, duplicate, reordering, misdelivery or error); "
                        + "%,d deliveries owed, %d lost, duplicated, misdelivered or reordered.%n%n",
                runs.size(), clean, owed, bad));
    }

    /** The PNG: the headline comparisons as grouped bars, one panel each. */
    static final class Chart {
        private static final Map<String, Color> COLORS = Map.of(
                "node", new Color(0x8c8c8c), "jvm", new Color(0x1f77b4), "native", new Color(0x2ca02c),
                "cluster", new Color(0xff7f0e));

        private record Panel(String title, String unit, List<String> cases, String path, boolean lowerIsBetter,
                List<String> servers) {
            Panel(String title, String unit, List<String> cases, String path, boolean lowerIsBetter) {
                this(title, unit, cases, path, lowerIsBetter, List.of("node", "jvm", "native", "cluster"));
            }
        }

        static void write(Map<String, Map<String, List<JsonObject>>> cells, File out) throws Exception {
            List<Panel> panels = List.of(
                    new Panel("Relay throughput (pingpong)", "msgs/s", List.of("login-pp", "sio-pp", "signal-pp"),
                            "msgsPerSec", false),
                    new Panel("Server CPU per 100k relayed msgs", "CPU-s", List.of("login-pp", "sio-pp", "signal-pp"),
                            "window.serverCpuSecPer100k", true),
                    new Panel("p99 at 5k/20k msgs/s, from 5 s after start", "ms",
                            List.of("login-rate5k", "login-rate20k", "sio-rate5k", "sio-rate20k"),
                            "latencyMs.p99", true, List.of("node", "jvm", "native")),
                    new Panel("p99 at 5k/20k msgs/s, from 30 s after start", "ms",
                            List.of("login-rate5k-steady", "login-rate20k-steady", "sio-rate5k-steady",
                                    "sio-rate20k-steady"),
                            "latencyMs.p99", true, List.of("node", "jvm")),
                    new Panel("The same, server on core 0, load generator on core 1", "ms",
                            List.of("login-rate5k-steady-pinned", "login-rate20k-steady-pinned",
                                    "sio-rate5k-steady-pinned", "sio-rate20k-steady-pinned"),
                            "latencyMs.p99", true, List.of("node", "jvm")),
                    new Panel("Memory per idle connection (19k)", "KiB RSS", List.of("login-idle19k", "sio-idle19k"),
                            "serverKibPerConnection", true));
            int columns = 3;
            int w = 2100;
            int h = 900;
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            g.drawString("Signaling server vs the seeds' Node.js servers (same 2-core machine, medians)", 20, 32);
            int legendX = 20;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            for (String s : List.of("node", "jvm", "native", "cluster")) {
                g.setColor(COLORS.get(s));
                g.fillRect(legendX, 46, 14, 14);
                g.setColor(Color.BLACK);
                g.drawString(label(s), legendX + 20, 58);
                legendX += 20 + g.getFontMetrics().stringWidth(label(s)) + 30;
            }
            for (int p = 0; p < panels.size(); p++) {
                int px = 20 + (p % columns) * (w / columns);
                int py = 80 + (p / columns) * ((h - 80) / 2);
                panel(g, panels.get(p), cells, px, py, w / columns - 40, (h - 80) / 2 - 20);
            }
            g.dispose();
            ImageIO.write(img, "png", out);
        }

        private static String label(String server) {
            return switch (server) {
                case "node" -> "Node.js seed server (ws / socket.io)";
                case "jvm" -> "ours, JVM";
                case "native" -> "ours, native";
                case "cluster" -> "ours, 2 instances + Redis";
                default -> server;
            };
        }

        private static void panel(Graphics2D g, Panel panel, Map<String, Map<String, List<JsonObject>>> cells,
                int x, int y, int w, int h) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(panel.title() + " (" + panel.unit() + (panel.lowerIsBetter() ? ", lower is better)" : ", higher is better)"), x, y + 16);
            int top = y + 30;
            int bottom = y + h - 30;
            double max = 0;
            Map<String, Map<String, Double>> values = new LinkedHashMap<>();
            for (String c : panel.cases()) {
                Map<String, List<JsonObject>> byServer = cells.get(c);
                if (byServer == null) {
                    continue;
                }
                Map<String, Double> v = new LinkedHashMap<>();
                for (String s : panel.servers()) {
                    if (byServer.containsKey(s)) {
                        double m = median(byServer.get(s).stream().map(r -> num(r, panel.path())).toList());
                        if (!Double.isNaN(m)) {
                            v.put(s, m);
                            max = Math.max(max, m);
                        }
                    }
                }
                values.put(c, v);
            }
            if (values.isEmpty() || max <= 0) {
                return;
            }
            g.setStroke(new BasicStroke(1));
            g.setColor(Color.GRAY);
            g.drawLine(x + 10, bottom, x + w, bottom);
            int groupWidth = (w - 20) / values.size();
            int gi = 0;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (var e : values.entrySet()) {
                int gx = x + 10 + gi * groupWidth;
                int n = e.getValue().size();
                int barWidth = Math.min(60, (groupWidth - 30) / Math.max(1, n));
                int bi = 0;
                Double node = e.getValue().get("node");
                for (var bar : e.getValue().entrySet()) {
                    int bh = (int) ((bottom - top - 20) * bar.getValue() / max);
                    int bx = gx + 15 + bi * barWidth;
                    g.setColor(COLORS.getOrDefault(bar.getKey(), Color.DARK_GRAY));
                    g.fillRect(bx, bottom - bh, barWidth - 6, bh);
                    g.setColor(Color.BLACK);
                    String text = String.format(Locale.ROOT, bar.getValue() >= 100 ? "%,.0f" : "%.2f", bar.getValue());
                    g.drawString(text, bx, bottom - bh - 4);
                    if (node != null && !bar.getKey().equals("node") && node > 0) {
                        double ratio = panel.lowerIsBetter() ? node / bar.getValue() : bar.getValue() / node;
                        g.drawString(String.format(Locale.ROOT, "%.1f×", ratio), bx, bottom - bh - 20);
                    }
                    bi++;
                }
                g.setColor(Color.BLACK);
                g.drawString(e.getKey().replace("-steady", "").replace("-pinned", ""), gx + 15, bottom + 18);
                gi++;
            }
        }
    }

}
