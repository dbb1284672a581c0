package io.bazaar.store.platform.redis;

import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** The shared Jedis pool. Redis holds only what can be rebuilt (caches, rate-limit buckets, short locks). */
public final class RedisClient implements Managed {
    private final JedisPool pool;

    public RedisClient(String url, int timeoutMillis) {
        URI uri = URI.create(url);
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .ssl("rediss".equals(uri.getScheme()));
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            if (parts.length == 2) {
                if (!parts[0].isEmpty()) {
                    cfg.user(parts[0]);
                }
                cfg.password(parts[1]);
            } else {
                cfg.password(parts[0]);
            }
        }
        if (uri.getPath() != null && uri.getPath().length() > 1) {
            cfg.database(Integer.parseInt(uri.getPath().substring(1)));
        }
        JedisPoolConfig poolConfig = new JedisPoolConfig();
        poolConfig.setMaxTotal(64);
        poolConfig.setMaxIdle(16);
        poolConfig.setTestWhileIdle(true);
        this.pool = new JedisPool(poolConfig, new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379),
                cfg.build());
    }

    public JedisPool pool() {
        return pool;
    }

    public String ping() {
        try (Jedis jedis = pool.getResource()) {
            return jedis.ping();
        }
    }

    @Override
    public void stop() {
        pool.close();
    }
}
