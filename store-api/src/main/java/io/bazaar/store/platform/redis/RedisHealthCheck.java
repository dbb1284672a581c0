package io.bazaar.store.platform.redis;

import com.codahale.metrics.health.HealthCheck;

/** Unhealthy when Redis does not answer PING; the store still serves from PostgreSQL meanwhile. */
public final class RedisHealthCheck extends HealthCheck {
    private final RedisClient redis;

    public RedisHealthCheck(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    protected Result check() {
        try {
            String pong = redis.ping();
            return "PONG".equalsIgnoreCase(pong) ? Result.healthy() : Result.unhealthy("unexpected answer to PING");
        } catch (RuntimeException e) {
            return Result.unhealthy("Redis unreachable: " + e.getClass().getSimpleName());
        }
    }
}
