package dev.signaling.dialect.login;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code leave}: a directed hang-up reaches only the named user, and a closing connection's last offer or answer
 * partner (the seed's otherName), and nobody else, gets {@code {"type":"leave"}}.
 */
@QuarkusTest
class LoginLeaveTest {

    @TestHTTPResource("/compat/login")
    URI login;

    @Test
    void aDirectedLeaveReachesOnlyTheNamedUser() {
        String bob = Logins.name("bob");
        try (TestClient a = Logins.loggedIn(login, Logins.name("alice")); TestClient b = Logins.loggedIn(login, bob);
                TestClient c = Logins.loggedIn(login, Logins.name("carol"))) {
            a.send(msg("type", "leave", "name", bob));
            assertThat(b.awaitRawType("leave")).isEqualTo("{\"type\":\"leave\"}");
            Logins.settle(c);
            assertThat(c.pending()).isEmpty();
            assertThat(a.isOpen()).isTrue();
        }
    }

    @Test
    void closingSendsLeaveToTheLastPeerOfferedToOnly() {
        String bob = Logins.name("bob");
        String carol = Logins.name("carol");
        try (TestClient b = Logins.loggedIn(login, bob); TestClient c = Logins.loggedIn(login, carol)) {
            TestClient a = Logins.loggedIn(login, Logins.name("alice"));
            a.send(msg("type", "offer", "name", carol, "offer", "first"));
            c.awaitType("offer");
            a.send(msg("type", "offer", "name", bob, "offer", "second"));
            b.awaitType("offer");
            a.close();
            assertThat(b.awaitRawType("leave")).isEqualTo("{\"type\":\"leave\"}");
            Logins.settle(c);
            assertThat(c.pending()).isEmpty();
        }
    }

    @Test
    void closingSendsLeaveToTheLastPeerAnswered() {
        String alice = Logins.name("alice");
        try (TestClient a = Logins.loggedIn(login, alice)) {
            TestClient b = Logins.loggedIn(login, Logins.name("bob"));
            b.send(msg("type", "answer", "name", alice, "answer", "sdp"));
            a.awaitType("answer");
            b.close();
            a.awaitType("leave");
        }
    }

    @Test
    void afterHangingUpClosingSendsNoSecondLeave() {
        String alice = Logins.name("alice");
        String carol = Logins.name("carol");
        try (TestClient c = Logins.loggedIn(login, carol)) {
            TestClient a = Logins.loggedIn(login, alice);
            a.send(msg("type", "offer", "name", carol, "offer", "o"));
            c.awaitType("offer");
            a.send(msg("type", "leave", "name", carol));
            c.awaitType("leave");
            a.close();
            // The seed would send carol a second leave here, which would end whatever call she is in by then.
            Logins.awaitFree(login, alice);
            Logins.settle(c);
            assertThat(c.pending()).isEmpty();
        }
    }

    @Test
    void aLeaveFromThePartnerEndsTheCallSoClosingSendsNothingBack() {
        String alice = Logins.name("alice");
        String bob = Logins.name("bob");
        try (TestClient a = Logins.loggedIn(login, alice); TestClient observer = Logins.loggedIn(login, Logins.name("o"))) {
            TestClient b = Logins.loggedIn(login, bob);
            b.send(msg("type", "answer", "name", alice, "answer", "a")); // b's partner: alice
            a.awaitType("answer");
            a.send(msg("type", "leave", "name", bob)); // alice hangs up: b's call is over, as in the seed
            b.awaitType("leave");
            b.close();
            // Once bob is gone (his name is free), alice must not have received a leave for a call already over.
            Logins.awaitFree(login, bob);
            Logins.settle(a);
            assertThat(a.pending()).isEmpty();
        }
    }

    @Test
    void anOfferThatReachedNobodyDoesNotMakeAPartner() {
        String dave = Logins.name("dave");
        String alice = Logins.name("alice");
        TestClient a = Logins.loggedIn(login, alice);
        a.send(msg("type", "offer", "name", dave, "offer", "o"));
        assertThat(a.awaitType("error").get("message").asText()).isEqualTo("User not logged in: " + dave);
        try (TestClient d = Logins.loggedIn(login, dave)) {
            a.close();
            Logins.awaitFree(login, alice);
            // dave logged in after the failed offer: alice's close is none of his business.
            Logins.settle(d);
            assertThat(d.pending()).isEmpty();
        }
    }
}
