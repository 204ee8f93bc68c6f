package dev.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which header values upgrades share (HandshakeHeaders.shared): the common ones, never a secret or a client's own. */
class HandshakeHeadersSharingTest {
    private final HandshakeHeaders headers = new HandshakeHeaders();

    /** A copy equal to {@code value} but not the same instance, as each request brings. */
    private static String copy(String value) {
        return new String(value.toCharArray());
    }

    @Test
    void anEqualValueIsReplacedByThePreviousOne() {
        String first = headers.shared("origin", copy("https://app.example.org"));
        assertThat(headers.shared("origin", copy("https://app.example.org"))).isSameAs(first);
    }

    @Test
    void aDifferentValueIsKeptAndRememberedInstead() {
        headers.shared("host", copy("a.example.org"));
        String other = copy("b.example.org");
        assertThat(headers.shared("host", other)).isSameAs(other);
        assertThat(headers.shared("host", copy("b.example.org"))).isSameAs(other);
    }

    @Test
    void valuesThatAreSecretOrPerClientAreNeverRemembered() {
        for (String name : new String[] { "authorization", "sec-websocket-key", "sec-websocket-protocol",
                "x-forwarded-for", "forwarded" }) {
            headers.shared(name, copy("Bearer secret"));
            String again = copy("Bearer secret");
            assertThat(headers.shared(name, again)).as(name).isSameAs(again);
        }
    }

    @Test
    void everySharedHeaderIsKept() {
        assertThat(HandshakeHeaders.KEPT).containsAll(HandshakeHeaders.SHARED).doesNotHaveDuplicates()
                .doesNotContain("sec-websocket-extensions");
    }
}
