package dev.signaling.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which core rooms a grant's room names cover, dialect namespaces included. */
class GrantTest {

    @ParameterizedTest(name = "rooms {0} -> {1}: {2}")
    @CsvSource({
            "lobby, lobby, true",
            "lobby, other, false",
            "lobby, ~mesh/lobby, true",
            "lobby, ~mesh/other, false",
            "default, ~mesh/default, true",
            "lobby, ~login, false",
            "~login, ~login, true",
            "login, ~login, false",
            "*, anything, true",
            "*, ~login, true",
            "*, ~mesh/g, true",
    })
    void grantedRooms(String granted, String room, boolean allowed) {
        Grant grant = new Grant("sub", null, Set.of(granted), null);
        assertThat(grant.allows(new RoomName(room))).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({ "ada, , asked, ada", "ada, Ada L., asked, Ada L." })
    void theTokenNamesThePeer(String subject, String name, String asked, String shown) {
        assertThat(new Grant(subject, name, Set.of("*"), null).displayName(asked)).isEqualTo(shown);
        assertThat(Grant.OPEN.displayName(asked)).isEqualTo(asked);
        assertThat(Grant.NONE.allows(new RoomName("x"))).isFalse();
    }
}
