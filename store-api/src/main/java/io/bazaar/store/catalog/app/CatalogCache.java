package io.bazaar.store.catalog.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.shared.security.OpaqueTokens;
import io.bazaar.shared.web.ViewShape;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis cache of product pages and list/search pages. PostgreSQL stays the source of truth: every
 * Redis failure is logged and answered from the database instead.
 *
 * <p>Every entry is tagged with the catalogue generation, a counter in Redis that every admin change
 * increments before the admin call returns, and is used only while its tag is the current generation. A
 * reader reads the generation <em>before</em> reading PostgreSQL and tags its result with that
 * generation, so a reader racing with a writer can only ever store the old page with the old,
 * already-abandoned generation: no client reads a stale product after a change was acknowledged. A
 * lookup reads the generation and the entry in one round trip ({@code MGET}). Abandoned entries are
 * overwritten by the next miss or expire by TTL.
 *
 * <p>An entry's key names the {@link ViewShape} of the view it holds, so entries are read only by code that writes
 * the same JSON: the product page serves its entry's JSON as is, without reading it into a view and writing it
 * again, and after an upgrade that changed the view the new code reads new keys (the old entries expire by TTL).
 *
 * <p>After a Redis error the cache is bypassed for a short while, so a dead Redis costs one failed
 * call, not one per request.
 */
public final class CatalogCache {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);
    /**
     * Entries, {@code catalog:v3:KIND:SHAPE:NAME}: the value is the generation, a newline, then the JSON (v1 embedded
     * the generation in the key; v2 had no shape in it). Bump the version when a custom serializer in a cached view
     * changes what it writes, which {@link ViewShape} cannot see.
     */
    private static final String PREFIX = "catalog:v3:";
    /** Kept from v1, so stores of both versions running at once during an upgrade see each other's changes. */
    private static final String GENERATION = "catalog:v1:generation";
    private static final long BYPASS_AFTER_FAILURE_NANOS = 2_000_000_000L;

    private final JedisPool pool;
    private final ObjectMapper mapper;
    private final long detailTtlSeconds;
    private final long listTtlSeconds;
    private final Map<Class<?>, String> shapes = new ConcurrentHashMap<>();
    private volatile long bypassUntil = System.nanoTime();

    public CatalogCache(JedisPool pool, ObjectMapper mapper, long detailTtlSeconds, long listTtlSeconds) {
        this.pool = pool;
        this.mapper = mapper;
        this.detailTtlSeconds = detailTtlSeconds;
        this.listTtlSeconds = listTtlSeconds;
    }

    /**
     * A cache slot: where to store what PostgreSQL answers on a miss, with the generation read before it (a null
     * key: Redis is unavailable, do not store), and what was cached.
     */
    record Slot<T>(String key, String generation, T cached) {
    }

    /**
     * Looks up {@code kind:name} in the current generation. A null key in the answer means "Redis is
     * unavailable, do not store".
     */
    <T> Slot<T> lookup(String kind, String name, Class<T> type) {
        Slot<String> json = lookupJson(kind, name, type);
        if (json.cached() == null) {
            return new Slot<>(json.key(), json.generation(), null);
        }
        try {
            return new Slot<>(json.key(), json.generation(), mapper.readValue(json.cached(), type));
        } catch (JsonProcessingException e) {
            // Not what this shape writes (a hand-edited entry, say): a miss, overwritten below.
            return new Slot<>(json.key(), json.generation(), null);
        }
    }

    /** {@link #lookup}, answering the cached JSON text of a {@code type} as it is. */
    Slot<String> lookupJson(String kind, String name, Class<?> type) {
        if (bypassed()) {
            return new Slot<>(null, null, null);
        }
        try (Jedis jedis = pool.getResource()) {
            String key = PREFIX + kind + ":" + shapes.computeIfAbsent(type, t -> ViewShape.of(t, mapper)) + ":" + name;
            List<String> found = jedis.mget(GENERATION, key);
            String generation = found.get(0) == null ? "0" : found.get(0);
            String entry = found.get(1);
            int newline = entry == null ? -1 : entry.indexOf('\n');
            if (newline < 0 || !generation.equals(entry.substring(0, newline))) {
                // None, or cached before the last change: a miss.
                return new Slot<>(key, generation, null);
            }
            return new Slot<>(key, generation, entry.substring(newline + 1));
        } catch (JedisException e) {
            failed("read", e);
            return new Slot<>(null, null, null);
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
        try {
            storeJson(slot, mapper.writeValueAsString(value), detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalogue view not serialisable", e);
        }
    }

    /** Stores {@code json}, the view written by this cache's mapper, in {@code slot}. */
    void storeJson(Slot<?> slot, String json, boolean detail) {
        if (slot.key() == null || bypassed()) {
            return;
        }
        try (Jedis jedis = pool.getResource()) {
            jedis.setex(slot.key(), detail ? detailTtlSeconds : listTtlSeconds, slot.generation() + "\n" + json);
        } catch (JedisException e) {
            failed("write", e);
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
