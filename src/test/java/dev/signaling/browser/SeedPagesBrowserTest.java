package dev.signaling.browser;

import java.net.URL;

import org.junit.jupiter.api.Test;

import dev.signaling.support.BrowserScenario;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The pages of the seed tutorials in real headless Chromium pages, each on its dialect: the login call at
 * {@code /login/} on {@code /compat/login}, the mesh chat at {@code /mesh/} on {@code /compat/mesh/<group>}, and
 * the codelab video call at {@code /codelab/} on Socket.IO.
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

    @Test
    void codelabPagesCreateAndJoinARoomCallWithVideoAndSeeAHangUp() {
        BrowserScenario.run("codelab-call.mjs", base);
    }
}
