package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Commands sent while the link's context is busy are written together in its next turn, as one pipelined write, and
 * each still gets its own answer, in the order sent; past the window of unanswered commands the rest wait and follow.
 * When Redis answers any command of such a write with an error, every command of it fails with that error. Each test
 * holds the link's context while it sends, so that the commands are taken in one turn.
 */
class RedisLinkBatchTest {
    /** Counts in {@code KEYS[1]}; the link's epoch comes as the last argument and is ignored. */
    private static final String COUNT = "return redis.call('INCR', KEYS[1])";

    private RedisServer server;
    private Vertx vertx;
    private RedisLink link;
    private final CompletableFuture<Void> up = new CompletableFuture<>();

    @BeforeEach
    void connect() throws Exception {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        link = new RedisLink(vertx, new RedisOptions().setConnectionString(server.url()), "sig:bus:batch-test",
                RoomScripts.DEFAULT, message -> { }, new RedisLink.Listener() {
                    @Override
                    public void up() {
                        up.complete(null);
                    }

                    @Override
                    public void down(Throwable cause) {
                    }

                    @Override
                    public void full() {
                    }

                    @Override
                    public void clientReplaced() {
                    }
                }, Duration.ofSeconds(5), 20_000, Duration.ofSeconds(5));
        link.start();
        up.get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        link.stop().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void commandsSentTogetherAreAnsweredEachInTheOrderSent() throws Exception {
        List<CompletableFuture<Response>> answers = sendWhileTheContextIsHeld(500, i -> count("counter"));
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS).toLong()).isEqualTo(i + 1);
        }
    }

    @Test
    void moreThanTheWindowAtOnceWaitAndFollowInOrder() throws Exception {
        int count = RedisLink.WINDOW * 3 + 7;
        List<CompletableFuture<Response>> answers = sendWhileTheContextIsHeld(count, i -> count("counter"));
        for (int i = 0; i < count; i++) {
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS).toLong()).isEqualTo(i + 1);
        }
        assertThat(link.queued()).isZero();
    }

    @Test
    void anErrorReplyFailsEveryCommandWrittenWithIt() throws Exception {
        List<CompletableFuture<Response>> answers = sendWhileTheContextIsHeld(5,
                i -> i == 2 ? Request.cmd(Command.EVALSHA).arg("0123456789012345678901234567890123456789").arg(0)
                        : count("counter"));
        for (CompletableFuture<Response> answer : answers) {
            // The error of its own (NOSCRIPT), not the client's joined message, so that it can be told apart.
            assertThat(failureOf(answer)).isInstanceOfSatisfying(ErrorType.class,
                    error -> assertThat(error.is("NOSCRIPT")).as(error.getMessage()).isTrue());
        }
        // Redis ran the others all the same: a command told it failed may have happened, as after a lost reply.
        assertThat(server.run("INCRBY counter 0")).isEqualTo(":4");
        // Sent alone, each is answered on its own again.
        assertThat(link.send(count("counter")).get(10, TimeUnit.SECONDS).toLong()).isEqualTo(5);
    }

    @Test
    void aConnectionLostUnderAWriteFailsEachCommandAsLostNotAsRefusedByRedis() throws Exception {
        server.pause(); // nothing is answered
        try {
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            CountDownLatch release = holdTheContext();
            for (int i = 0; i < 5; i++) {
                CompletableFuture<Response> answer = new CompletableFuture<>();
                link.send(count("counter"), false, answer);
                answers.add(answer);
            }
            release.countDown(); // the next turn writes the five together
            link.restart("the test drops the connections"); // after that turn: they are on the lane, unanswered
            for (CompletableFuture<Response> answer : answers) {
                Throwable failure = failureOf(answer);
                // The router answers these unavailable; an error reply of Redis's would be "refused" instead.
                assertThat(failure instanceof ErrorType error && !error.is("CONNECTION_CLOSED"))
                        .as("%s", failure).isFalse();
            }
        } finally {
            server.resume();
        }
    }

    @Test
    void theJoinedFailureOfAWriteIsToldToEachCommandAsWhatItWas() {
        // What the client joins: Redis's error replies, and the connection's failures (a write on a closed socket).
        assertThat(RedisLink.eachFailure(ErrorType.create("ERR [0] NOSCRIPT No matching script. Please use EVAL.\n"
                + "ERR [1] NOSCRIPT No matching script. Please use EVAL."))).isInstanceOfSatisfying(ErrorType.class,
                        error -> assertThat(error.is("NOSCRIPT")).isTrue());
        assertThat(RedisLink.eachFailure(ErrorType.create("ERR [2] user_script:1: Script attempted to access x")))
                .isInstanceOf(ErrorType.class);
        assertThat(RedisLink.eachFailure(ErrorType.create("ERR [0] CONNECTION_CLOSED")))
                .isInstanceOfSatisfying(ErrorType.class, error -> assertThat(error.is("CONNECTION_CLOSED")).isTrue());
        assertThat(RedisLink.eachFailure(ErrorType.create("ERR [0] io.netty.channel.StacklessClosedChannelException\n"
                + "ERR [1] io.netty.channel.StacklessClosedChannelException")))
                .isInstanceOf(IOException.class).hasMessage("io.netty.channel.StacklessClosedChannelException");
        assertThat(RedisLink.eachFailure(ErrorType.create("ERR [0] java.io.IOException: Connection reset by peer")))
                .isInstanceOf(IOException.class);
        IllegalStateException other = new IllegalStateException("not joined");
        assertThat(RedisLink.eachFailure(other)).isSameAs(other);
    }

    @Test
    void aCommandSentAloneIsWrittenAsItIs() throws Exception {
        assertThat(link.send(count("alone")).get(10, TimeUnit.SECONDS).toLong()).isEqualTo(1);
        assertThat(failureOf(link.send(Request.cmd(Command.EVALSHA).arg("0123456789012345678901234567890123456789")
                .arg(0)))).isInstanceOfSatisfying(ErrorType.class, error -> assertThat(error.is("NOSCRIPT")).isTrue());
    }

    /** Holds the link's context while {@code count} commands are sent, so that its next turn takes them all. */
    private List<CompletableFuture<Response>> sendWhileTheContextIsHeld(int count,
            IntFunction<Request> command) throws Exception {
        CountDownLatch release = holdTheContext();
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompletableFuture<Response> answer = new CompletableFuture<>();
            link.send(command.apply(i), false, answer);
            answers.add(answer);
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.stream().allMatch(CompletableFuture::isDone));
        return answers;
    }

    /** Blocks the link's context until the latch returned is counted down (or 10 s pass). */
    private CountDownLatch holdTheContext() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        link.run(() -> {
            held.countDown();
            waitFor(release);
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Request count(String key) {
        return Request.cmd(Command.EVAL).arg(COUNT).arg(1).arg(key);
    }

    private static Throwable failureOf(CompletableFuture<Response> answer) {
        try {
            answer.get(10, TimeUnit.SECONDS);
            throw new AssertionError("answered " + answer.join());
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
