package dev.signaling.browser;

import java.net.URL;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.signaling.support.BrowserScenario;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The demo page at {@code /} in real headless Chromium pages: peer connections reach {@code connected} through our
 * {@code /signal}, chat crosses every data channel both ways, a closed tab is seen as gone. The scenarios are in
 * {@code src/test/e2e/scenarios/}; each one is a Node script that exits 0 when it passed.
 */
@QuarkusTest
class DemoPageBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void twoPagesConnectChatShareCameraAndSeeALeaver() {
        // The screenshot is the one in docs/demo.png (copied from here when the page changes).
        Path screenshot = BrowserScenario.outputDir().resolve("demo-two-peers.png");
        BrowserScenario.run("demo-room.mjs", base, "2", "--media", screenshot.toString());
    }

    @Test
    void threePagesFormAFullMesh() {
        BrowserScenario.run("demo-room.mjs", base, "3");
    }

    @Test
    void aPageReconnectsAndRejoinsAfterTheServerDropsItsSocket() {
        BrowserScenario.run("demo-reconnect.mjs", base);
    }
}
