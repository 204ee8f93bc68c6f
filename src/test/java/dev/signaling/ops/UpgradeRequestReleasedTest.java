package dev.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An open WebSocket does not keep its upgrade request: once the handshake is done, the routing context, the HTTP
 * request and response objects and their header maps can be collected, however long the socket stays open. With
 * Quarkus's proactive authentication, WebSockets Next kept the routing context for the socket's life, 1.6-2.0 KB
 * per idle connection (docs/benchmarks.md, item 40). Counted in a class histogram of this JVM, which the
 * {@code @QuarkusTest} server shares; the histogram is taken after a full collection.
 */
@QuarkusTest
class UpgradeRequestReleasedTest {
    private static final int CONNECTIONS = 40;
    private static final List<String> UPGRADE_CLASSES = List.of(
            "io.vertx.ext.web.impl.RoutingContextImpl",
            "io.vertx.core.http.impl.Http1xServerRequest",
            "io.vertx.core.http.impl.Http1xServerResponse");

    @TestHTTPResource("/compat/login")
    URI login;

    @Test
    void openSocketsHoldNoneOfTheirUpgradeRequests() throws Exception {
        assumeTrue(histogramAvailable(), "needs HotSpot's DiagnosticCommand MBean");
        List<Long> before = countLive();
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                TestClient client = TestClient.connect(login);
                // unique names: every test class shares one server
                client.send(TestClient.msg("type", "login", "name", "held-" + UUID.randomUUID()));
                client.awaitType("login");
                clients.add(client);
            }
            List<Long> during = countLive();
            for (int i = 0; i < UPGRADE_CLASSES.size(); i++) {
                // Before the fix each open socket kept one of each: 40 more. A few requests of other tests or
                // the test client's own may be in flight at either count.
                assertThat(during.get(i) - before.get(i))
                        .as("live %s with %d sockets open", UPGRADE_CLASSES.get(i), CONNECTIONS)
                        .isLessThan(CONNECTIONS / 4);
            }
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    private static boolean histogramAvailable() {
        try {
            return ManagementFactory.getPlatformMBeanServer().isRegistered(diagnosticCommand());
        } catch (JMException e) {
            return false;
        }
    }

    private static ObjectName diagnosticCommand() throws JMException {
        return new ObjectName("com.sun.management:type=DiagnosticCommand");
    }

    /** Live instances of each of {@link #UPGRADE_CLASSES}, after the full collection the histogram starts with. */
    private static List<Long> countLive() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String histogram = (String) server.invoke(diagnosticCommand(), "gcClassHistogram",
                new Object[] { new String[0] }, new String[] { String[].class.getName() });
        List<Long> counts = new ArrayList<>();
        for (String className : UPGRADE_CLASSES) {
            // a row: "  25:           501          68136  io.vertx.ext.web.impl.RoutingContextImpl"
            Matcher row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "(\\s|$)",
                    Pattern.MULTILINE).matcher(histogram);
            counts.add(row.find() ? Long.parseLong(row.group(1)) : 0L);
        }
        return counts;
    }
}
