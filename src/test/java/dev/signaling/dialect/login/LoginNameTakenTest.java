package dev.signaling.dialect.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A login name belongs to one live connection at a time, and is free again as soon as that connection closes. */
@QuarkusTest
class LoginNameTakenTest {

    @TestHTTPResource("/compat/login")
    URI login;

    @Test
    void aNameInUseIsRefusedWithSuccessFalseAndTheConnectionStaysUsable() {
        String name = Logins.name("taken");
        String other = Logins.name("other");
        try (TestClient owner = Logins.loggedIn(login, name); TestClient late = TestClient.connect(login)) {
            late.send("{\"type\":\"login\",\"name\":\"" + name + "\"}");
            assertThat(late.awaitRawType("login")).isEqualTo("{\"type\":\"login\",\"success\":false}");
            // The refused client can pick another name and is then reachable under it.
            assertThat(Logins.login(late, other).get("success").asBoolean()).isTrue();
            owner.send("{\"type\":\"offer\",\"offer\":1,\"name\":\"" + other + "\"}");
            assertThat(late.awaitType("offer").get("name").asText()).isEqualTo(name);
        }
    }

    @Test
    void loggingInTwiceOnOneConnectionIsRefused() {
        String name = Logins.name("twice");
        try (TestClient client = Logins.loggedIn(login, name)) {
            assertThat(Logins.login(client, name).get("success").asBoolean()).isFalse();
            assertThat(Logins.login(client, Logins.name("another")).get("success").asBoolean()).isFalse();
        }
    }

    @Test
    void aTakenNameIsFreeAgainOnceItsConnectionCloses() {
        String name = Logins.name("freed");
        TestClient first = Logins.loggedIn(login, name);
        first.close();
        // The server handles the close on its own schedule; the name frees within that, not at a fixed time.
        Logins.awaitFree(login, name);
    }
}
