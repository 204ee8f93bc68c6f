package dev.signaling.dialect.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomName;

/** The call partner a login connection remembers (the seed's otherName), and what ends the call. */
class LoginCallTest {
    final LoginCall call = new LoginCall();

    static Event.Relayed byeFrom(String name) {
        return new Event.Relayed(RelayKind.BYE, new RoomName("~login"), new PeerInfo(new PeerId("p-" + name), name, name),
                new Payload("null"));
    }

    @Test
    void theLastOfferOrAnswerMakesThePartner() {
        call.talkingTo("bob");
        call.talkingTo("carol");
        assertThat(call.end()).isEqualTo("carol");
        assertThat(call.end()).isNull();
    }

    @Test
    void aLeaveFromThePartnerEndsTheCallButAStaleOneDoesNot() {
        call.talkingTo("bob");
        call.observe(byeFrom("carol"));
        assertThat(call.partner()).isEqualTo("bob");
        call.observe(byeFrom(new String("bob"))); // an equal name, not the same string
        assertThat(call.partner()).isNull();
    }

    @Test
    void hangingUpOnThePartnerForgetsIt() {
        call.talkingTo("bob");
        call.hungUpOn("dave");
        assertThat(call.partner()).isEqualTo("bob");
        call.hungUpOn(new String("bob"));
        assertThat(call.end()).isNull();
    }
}
