package dev.signaling.router;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** The {@link Router} contract for one {@link dev.signaling.router.redis.RedisRouter} on a real Redis. */
class RedisRouterTest extends RouterContract {
    private static RedisRouters routers;

    @BeforeAll
    static void startRedis() {
        routers = new RedisRouters();
    }

    @AfterAll
    static void stopRedis() {
        routers.close();
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
