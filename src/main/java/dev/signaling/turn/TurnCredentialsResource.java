package dev.signaling.turn;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.signaling.access.Access;
import dev.signaling.access.AccessFailure;
import dev.signaling.access.HttpAccess;
import dev.signaling.core.PeerIdGenerator;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /turn/credentials}: a fresh TURN credential in RTCIceServer shape plus its {@code ttl}, for clients
 * that fetch ICE servers before (or without) opening a socket. Same checks as a WebSocket upgrade (origin, then
 * access token, here usually as {@code Authorization: Bearer}); 404 when no TURN secret is configured.
 */
@Path("/turn/credentials")
public class TurnCredentialsResource {
    private final ConfiguredIceServers iceServers;
    private final HttpAccess access;
    private final PeerIdGenerator ids;

    TurnCredentialsResource(ConfiguredIceServers iceServers, HttpAccess access, PeerIdGenerator ids) {
        this.iceServers = iceServers;
        this.access = access;
        this.ids = ids;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Response credentials(@Context HttpServerRequest request) {
        Access decision = access.check(request);
        if (!decision.isGranted()) {
            Response.ResponseBuilder refusal = Response.status(decision.status())
                    .entity(ErrorBody.of(decision.failure()));
            HttpAccess.headersFor(decision.failure()).forEach((name, values) -> values
                    .forEach(value -> refusal.header(name, value)));
            return refusal.build();
        }
        if (iceServers.turn().isEmpty()) {
            return Response.status(404).entity(new ErrorBody("not-found", "turn-not-configured")).build();
        }
        // The token's subject names the user; without tokens, a random id does (it only has to be unique).
        String user = decision.grant().subject() != null ? decision.grant().subject() : ids.next().value();
        TurnCredentials.Issued issued = iceServers.turn().get().issue(user);
        return Response.ok(new Credentials(issued.urls(), issued.username(), issued.credential(), issued.ttl()))
                .header("Cache-Control", "no-store").build();
    }

    /** The answer: an RTCIceServer plus the seconds it stays valid. */
    @RegisterForReflection
    public record Credentials(List<String> urls, String username, String credential, long ttl) {
    }

    /** A refusal: {@code error} is the HTTP meaning, {@code reason} the fixed reason of docs/security.md. */
    @RegisterForReflection
    public record ErrorBody(String error, String reason) {
        static ErrorBody of(AccessFailure failure) {
            String error = switch (failure.status()) {
                case 429 -> "too-many-requests";
                case 403 -> "forbidden";
                default -> "unauthorized";
            };
            return new ErrorBody(error, failure.tag());
        }
    }
}
