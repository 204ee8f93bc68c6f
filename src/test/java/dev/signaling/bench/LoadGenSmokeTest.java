package dev.signaling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.signaling.support.UnthrottledProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A few seconds of every load-generator mode against the server under test, with every dialect it speaks: each
 * run must deliver every message exactly once, in order, to the right client, with no error. It checks the
 * server under many concurrent clients and keeps the benchmark tool (bench/) working; it asserts nothing
 * about speed.
 */
@QuarkusTest
@TestProfile(UnthrottledProfile.class)
class LoadGenSmokeTest {

    @TestHTTPResource("/")
    URI root;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "signal   | /signal       | --mode pingpong --pairs 8 --inflight 4 --duration 2 --warmup 1",
            "login    | /compat/login | --mode pingpong --pairs 8 --inflight 4 --duration 2 --warmup 1",
            "socketio | /socket.io/   | --mode pingpong --pairs 8 --inflight 4 --duration 2 --warmup 1",
            "signal   | /signal       | --mode rate --pairs 10 --rate 400 --duration 2 --warmup 1 --threads 2",
            "login    | /compat/login | --mode rate --pairs 10 --rate 400 --duration 2 --warmup 1",
            "socketio | /socket.io/   | --mode rate --pairs 10 --rate 400 --duration 2 --warmup 1",
            "signal   | /signal       | --mode fanout --rooms 2 --room-size 10 --rate 50 --duration 2 --warmup 1",
            "socketio | /socket.io/   | --mode fanout --rooms 2 --room-size 10 --rate 50 --duration 2 --warmup 1",
            "signal   | /signal       | --mode rooms --rooms 300 --room-size 2 --conns 10 --rate 200 --duration 2 --warmup 1",
            "signal   | /signal       | --mode churn --rate 25 --duration 2 --warmup 0",
            "socketio | /socket.io/   | --mode churn --rate 25 --duration 2 --warmup 0",
            "login    | /compat/login | --mode churn --rate 25 --duration 2 --warmup 0",
            "signal   | /signal       | --mode idle --conns 60 --duration 1",
            "login    | /compat/login | --mode idle --conns 60 --duration 1 --headers browser --cookie-bytes 2000",
    })
    void everyMessageArrivesOnceInOrderAtTheRightClient(String proto, String path, String options) throws Exception {
        Map<String, Object> result = run(proto, path, options);

        assertThat(result.get("errors")).as("errors").isEqualTo(Map.of());
        assertThat(result).containsEntry("lost", 0L).containsEntry("duplicated", 0L)
                .containsEntry("outOfOrder", 0L).containsEntry("misdelivered", 0L).containsEntry("clean", true);
        String mode = (String) result.get("mode");
        if (mode.equals("idle")) {
            assertThat(result).containsEntry("ready", 60).containsEntry("openAtEnd", 60L);
        } else if (mode.equals("churn")) {
            assertThat((Long) result.get("cycles")).isEqualTo(50L);
        } else {
            assertThat((Long) result.get("delivered")).as("delivered").isPositive();
        }
    }

    /** The idle mode's live-heap figure (jcmd against a JVM server): here the server is this test's own JVM. */
    @Test
    @DisabledOnIntegrationTest("the server under test is another process there")
    void theIdleModeMeasuresTheLiveHeapOfAJvmServer() throws Exception {
        Map<String, Object> result = run("login", "/compat/login",
                "--mode idle --conns 60 --duration 1 --live-heap 1 --server-pid " + ProcessHandle.current().pid());

        assertThat(result).containsEntry("ready", 60).containsEntry("clean", true);
        assertThat((Long) result.get("serverLiveHeapBytesBefore")).isPositive();
        assertThat((Long) result.get("serverLiveHeapBytesPerConnection")).isPositive();
    }

    private Map<String, Object> run(String proto, String path, String options) throws Exception {
        String url = "ws://" + root.getHost() + ":" + root.getPort() + path;
        String[] args = ("--proto " + proto + " --url " + url + " --setup-timeout 30 --drain 10 " + options).split("\\s+");
        return LoadGen.run(args);
    }
}
