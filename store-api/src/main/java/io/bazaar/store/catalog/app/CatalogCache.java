package io.bazaar.store.catalog.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.shared.security.OpaqueTokens;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis cache of product pages and list/search pages. PostgreSQL stays the source of truth: every
 * Redis failure is logged and answered from the database instead.
 *
 * <p>Every key embeds the catalogue generation, a counter in Redis that every admin change increments
 * before the admin call returns. A reader reads the generation <em>before</em> reading PostgreSQL and
 * stores its result under that generation, so a reader racing with a writer can only ever store the
 * old page under the old, already-abandoned generation: no client reads a stale product after a change
 * was acknowledged. Abandoned entries simply expire by TTL.
 *
 * <p>After a Redis error the cache is bypassed for a short while, so a dead Redis costs one failed
 * call, not one per request.
 */
public final class CatalogCache {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);
    private static final String PREFIX = "catalog:v1:";
    private static final String GENERATION = PREFIX + "generation";
    private static final long BYPASS_AFTER_FAILURE_NANOS = 2_000_000_000L;

    private final JedisPool pool;
    private final ObjectMapper mapper;
    private final long detailTtlSeconds;
    private final long listTtlSeconds;
    private volatile long bypassUntil = System.nanoTime();

    public CatalogCache(JedisPool pool, ObjectMapper mapper, long detailTtlSeconds, long listTtlSeconds) {
        this.pool = pool;
        this.mapper = mapper;
        this.detailTtlSeconds = detailTtlSeconds;
        this.listTtlSeconds = listTtlSeconds;
    }

    /** A cache slot: where to look, and where to store what PostgreSQL answers on a miss. */
    record Slot<T>(String key, T cached) {
    }

    /**
     * Looks up {@code kind:name} in the current generation. A null key in the answer means "Redis is
     * unavailable, do not store".
     */
    <T> Slot<T> lookup(String kind, String name, Class<T> type) {
        if (bypassed()) {
            return new Slot<>(null, null);
        }
        try (Jedis jedis = pool.getResource()) {
            String generation = jedis.get(GENERATION);
            String key = PREFIX + kind + ":" + (generation == null ? "0" : generation) + ":" + name;
            String json = jedis.get(key);
            if (json == null) {
                return new Slot<>(key, null);
            }
            try {
                return new Slot<>(key, mapper.readValue(json, type));
            } catch (JsonProcessingException e) {
                // Written by an older version of the view: a miss, overwritten below.
                return new Slot<>(key, null);
            }
        } catch (JedisException e) {
            failed("read", e);
            return new Slot<>(null, null);
        }
    }

    /**
     * The current catalogue generation, for caches outside the catalogue whose entries depend on catalogue
     * data (related products): keyed by it, they are abandoned by the same admin changes. Null when Redis
     * is unavailable.
     */
    String generation() {
        if (bypassed()) {
            return null;
        }
        try (Jedis jedis = pool.getResource()) {
            String generation = jedis.get(GENERATION);
            return generation == null ? "0" : generation;
        } catch (JedisException e) {
            failed("read", e);
            return null;
        }
    }

    static String hashed(String canonical) {
        return HexFormat.of().formatHex(OpaqueTokens.sha256(canonical));
    }

    void store(Slot<?> slot, Object value, boolean detail) {
        if (slot.key() == null || bypassed()) {
            return;
        }
        try (Jedis jedis = pool.getResource()) {
            jedis.setex(slot.key(), detail ? detailTtlSeconds : listTtlSeconds, mapper.writeValueAsString(value));
        } catch (JedisException e) {
            failed("write", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalogue view not serialisable", e);
        }
    }

    /** Abandons every cached page. Called after the change commits and before the admin call returns. */
    void invalidateAll() {
        try (Jedis jedis = pool.getResource()) {
            jedis.incr(GENERATION);
        } catch (JedisException e) {
            // The change is committed and cannot be undone here. Pages cached before the outage expire by
            // TTL; docs/CATALOG.md states this bound.
            failed("invalidate", e);
        }
    }

    private boolean bypassed() {
        return System.nanoTime() - bypassUntil < 0;
    }

    private void failed(String what, RuntimeException e) {
        bypassUntil = System.nanoTime() + BYPASS_AFTER_FAILURE_NANOS;
        LOG.warn("catalogue cache {} failed, serving from PostgreSQL: {}", what, e.toString());
    }
}
