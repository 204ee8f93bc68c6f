package dev.signaling.bench;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one load-generator run does, parsed from {@code --name value} pairs. Every option has a default so that
 * {@code --proto login --url ws://127.0.0.1:8080/compat/login --mode pingpong} is a complete command.
 */
record Options(
        String proto,        // signal | login | socketio
        java.util.List<URI> urls, // clients take them in turn (client i uses url i mod n): peers on several instances
        String mode,         // pingpong | rate | fanout | rooms | idle | churn
        int pairs,           // pingpong, rate: client pairs
        int inflight,        // pingpong: offers each pair keeps in flight
        int payload,         // bytes of padding in each relayed body
        int rate,            // rate, fanout, rooms: relayed messages sent per second in total; churn: cycles per second
        int roomSize,        // fanout, rooms: members per room
        int rooms,           // fanout, rooms: number of rooms
        int conns,           // idle: connections; rooms: connections that share the rooms
        int duration,        // seconds measured (idle: seconds held)
        int warmup,          // seconds of traffic before measuring
        int threads,         // event loops of the load generator
        int connectConcurrency,
        int setupTimeout,    // seconds allowed for connecting and joining
        int drain,           // seconds to wait for in-flight messages after the window
        long serverPid,      // 0 = do not sample the server process
        String label,
        String headers,      // none | browser: also send the headers a browser adds to an upgrade (upgradeHeaders())
        int cookieBytes,     // > 0: also send a Cookie header of this many bytes
        boolean liveHeap) {  // idle, JVM server: measure its live heap (jcmd) before and after connecting

    static Options parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
            }
            given.put(args[i].substring(2), args[++i]);
        }
        Reader r = new Reader(given);
        Options o = new Options(
                r.text("proto", "signal"),
                java.util.Arrays.stream(r.text("url", "ws://127.0.0.1:8080/signal").split(","))
                        .map(URI::create).toList(),
                r.text("mode", "pingpong"),
                r.number("pairs", 100),
                r.number("inflight", 8),
                r.number("payload", 200),
                r.number("rate", 5000),
                r.number("room-size", 2),
                r.number("rooms", 1),
                r.number("conns", 1000),
                r.number("duration", 20),
                r.number("warmup", 5),
                r.number("threads", 1),
                r.number("connect-concurrency", 200),
                r.number("setup-timeout", 180),
                r.number("drain", 5),
                r.number("server-pid", 0),
                r.text("label", ""),
                r.text("headers", "none"),
                r.number("cookie-bytes", 0),
                r.number("live-heap", 0) != 0);
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + given.keySet());
        }
        if (!java.util.List.of("signal", "login", "socketio").contains(o.proto)) {
            throw new IllegalArgumentException("--proto must be signal, login or socketio");
        }
        if (!java.util.List.of("none", "browser").contains(o.headers)) {
            throw new IllegalArgumentException("--headers must be none or browser");
        }
        return o;
    }

    /** The extra headers of every upgrade request: a browser's usual ones with --headers browser, and the cookie. */
    Map<String, String> upgradeHeaders() {
        Map<String, String> extra = new LinkedHashMap<>();
        if (headers.equals("browser")) {
            // A page's script opens the socket, so a browser names the page's origin (here the server's own, as for
            // a page it serves), and offers per-message compression, as every current browser does.
            URI first = urls.get(0);
            String scheme = first.getScheme().equals("wss") ? "https" : "http";
            extra.put("Origin", scheme + "://" + first.getHost() + (first.getPort() < 0 ? "" : ":" + first.getPort()));
            extra.put("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
            extra.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.0.0 Safari/537.36");
            extra.put("Accept-Language", "en-GB,en-US;q=0.9,en;q=0.8,de;q=0.7");
            extra.put("Accept-Encoding", "gzip, deflate, br, zstd");
            extra.put("Cache-Control", "no-cache");
            extra.put("Pragma", "no-cache");
        }
        if (cookieBytes > 0) {
            extra.put("Cookie", "session=" + "x".repeat(Math.max(0, cookieBytes - "session=".length())));
        }
        return extra;
    }

    /** Reads and removes options, so that whatever is left at the end was misspelled. */
    private record Reader(Map<String, String> given) {
        String text(String name, String fallback) {
            String v = given.remove(name);
            return v == null ? fallback : v;
        }

        int number(String name, int fallback) {
            String v = given.remove(name);
            return v == null ? fallback : Integer.parseInt(v);
        }
    }
}
