package dev.signaling.browser;

import java.net.URL;

import org.junit.jupiter.api.Test;

import dev.signaling.support.BrowserScenario;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The pages of the seed tutorials in real headless Chromium pages, each on its compat dialect: the login call at
 * {@code /login/} on {@code /compat/login} and the mesh chat at {@code /mesh/} on {@code /compat/mesh/<group>}.
 */
@QuarkusTest
class SeedPagesBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void loginPagesCallEachOtherByNameChatAndSeeAHangUpOnClose() {
        BrowserScenario.run("login-call.mjs", base);
    }

    @Test
    void meshPagesConnectInAGroupChatAndSeeALeaver() {
        BrowserScenario.run("mesh-group.mjs", base, "2");
    }
}
