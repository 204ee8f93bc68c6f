package dev.signaling.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The TURN REST API scheme, checked against a value computed independently (openssl dgst -sha1 -hmac). */
class TurnCredentialsUnitTest {

    @Test
    void userNameIsExpiryColonUserAndPasswordIsBase64HmacSha1() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_699_996_400L), ZoneOffset.UTC);
        TurnCredentials turn = new TurnCredentials("north-wind", Duration.ofSeconds(3600),
                List.of("turn:turn.example.org:3478"), clock);
        TurnCredentials.Issued issued = turn.issue("alice");
        assertThat(issued.username()).isEqualTo("1700000000:alice");
        // echo -n "1700000000:alice" | openssl dgst -sha1 -hmac "north-wind" -binary | base64
        assertThat(issued.credential()).isEqualTo("Oko4dt8u/EbTRjRUJWQDFm/zTCc=");
        assertThat(issued.ttl()).isEqualTo(3600);
        assertThat(issued.urls()).containsExactly("turn:turn.example.org:3478");
    }

    @Test
    void aColonInTheUserCannotShiftTheExpiry() {
        TurnCredentials turn = new TurnCredentials("s", Duration.ofMinutes(1), List.of("turn:x"), Clock.systemUTC());
        assertThat(turn.issue("9999999999:eve").username()).matches("\\d+:9999999999_eve");
    }
}
