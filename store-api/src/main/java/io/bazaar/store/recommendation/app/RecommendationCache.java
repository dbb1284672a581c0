package io.bazaar.store.recommendation.app;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Ranked candidate ids in Redis, per list ("bought_together:&lt;product&gt;", "for_you:&lt;customer&gt;").
 * Keys embed a generation that every co-purchase rebuild increments, so a rebuild is visible at once.
 * Only rankings are cached: whether a product is active, in stock or already bought is checked on every
 * read, so the cache can delay a new ranking (by at most the TTL) but never shows an unavailable product.
 * Redis errors are logged and the ranking is computed from PostgreSQL.
 */
public final class RecommendationCache {
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationCache.class);
    private static final String PREFIX = "reco:v1:";
    private static final String GENERATION = PREFIX + "generation";
    private static final long BYPASS_AFTER_FAILURE_NANOS = 2_000_000_000L;

    private final JedisPool pool;
    private final long ttlSeconds;
    private volatile long bypassUntil = System.nanoTime();

    public RecommendationCache(JedisPool pool, long ttlSeconds) {
        this.pool = pool;
        this.ttlSeconds = ttlSeconds;
    }

    /** The cached ranking, an empty list for a cached empty ranking, or null on a miss. */
    List<UUID> get(String name) {
        if (bypassed()) {
            return null;
        }
        try (Jedis jedis = pool.getResource()) {
            String value = jedis.get(key(jedis, name));
            if (value == null) {
                return null;
            }
            List<UUID> ids = new ArrayList<>();
            for (String part : value.split(",")) {
                if (!part.isEmpty()) {
                    ids.add(UUID.fromString(part));
                }
            }
            return ids;
        } catch (JedisException e) {
            failed("read", e);
            return null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    void put(String name, List<UUID> ids) {
        if (bypassed()) {
            return;
        }
        try (Jedis jedis = pool.getResource()) {
            jedis.setex(key(jedis, name), ttlSeconds, String.join(",", ids.stream().map(UUID::toString).toList()));
        } catch (JedisException e) {
            failed("write", e);
        }
    }

    /** Abandons every cached ranking (after a co-purchase rebuild). */
    void invalidateAll() {
        try (Jedis jedis = pool.getResource()) {
            jedis.incr(GENERATION);
        } catch (JedisException e) {
            failed("invalidate", e);
        }
    }

    private static String key(Jedis jedis, String name) {
        String generation = jedis.get(GENERATION);
        return PREFIX + (generation == null ? "0" : generation) + ":" + name;
    }

    private boolean bypassed() {
        return System.nanoTime() - bypassUntil < 0;
    }

    private void failed(String what, RuntimeException e) {
        bypassUntil = System.nanoTime() + BYPASS_AFTER_FAILURE_NANOS;
        LOG.warn("recommendation cache {} failed, ranking from PostgreSQL: {}", what, e.toString());
    }
}
