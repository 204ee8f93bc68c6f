package dev.signaling.router;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.signaling.support.RedisServer;

/** The {@link Router} contract for one {@link dev.signaling.router.redis.RedisRouter} on a real Redis. */
class RedisRouterTest extends RouterContract {
    private static RedisServer server;
    private static RedisRouters routers;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
        routers = new RedisRouters(server);
    }

    @AfterAll
    static void stopRedis() {
        routers.close();
        server.close();
    }

    @Override
    protected Router newRouter() {
        return routers.ready();
    }

    @Override
    protected void dispose(Router router) {
        routers.stopAll();
    }
}
