package io.bazaar.store.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPool;

/**
 * Limits sign-in attempts per account and per client IP with Bucket4j token buckets kept in Redis,
 * so every instance shares the same budget. Every attempt counts, successful or not, and unknown
 * emails are limited exactly like known ones (the answer must not reveal which accounts exist).
 *
 * <p>Redis keys hold a SHA-256 of the email, never the address. If Redis is unreachable the limiter
 * falls back to per-instance buckets in memory: weaker, but never "no limit at all".
 */
public final class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    public record Limit(int attempts, Duration period) {
        public Limit {
            if (attempts < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a limit needs at least one attempt per positive period");
            }
        }
    }

    private final ProxyManager<byte[]> buckets;
    private final Limit perAccount;
    private final Limit perIp;
    private final TimeMeter time;
    private final Cache<String, Bucket> fallback;

    public LoginThrottle(JedisPool pool, Clock clock, Limit perAccount, Limit perIp) {
        this.perAccount = perAccount;
        this.perIp = perIp;
        this.time = new ClockTimeMeter(clock);
        Duration longest = perAccount.period().compareTo(perIp.period()) > 0 ? perAccount.period() : perIp.period();
        this.buckets = Bucket4jJedis.casBasedBuilder(pool)
                .clientClock(time)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(longest))
                .build();
        this.fallback = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(longest).build();
    }

    /**
     * Takes one attempt from the account's and the IP's budget.
     *
     * @throws ApiException 429 {@code rate_limited} with a {@code Retry-After} header (seconds)
     */
    public void checkAttempt(String realm, String normalizedEmail, String clientIp) {
        consume("login:" + realm + ":ip:" + clientIp, perIp);
        consume("login:" + realm + ":acct:" + sha256(normalizedEmail), perAccount);
    }

    private void consume(String key, Limit limit) {
        ConsumptionProbe probe;
        try {
            probe = buckets.builder().build(key.getBytes(StandardCharsets.UTF_8), () -> config(limit))
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            LOG.warn("Redis unavailable for rate limiting ({}); using in-memory buckets on this instance",
                    e.getClass().getSimpleName());
            probe = fallback.get(key, k -> Bucket.builder().addLimit(bandwidth(limit)).withCustomTimePrecision(time).build())
                    .tryConsumeAndReturnRemaining(1);
        }
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ApiException(ErrorCode.RATE_LIMITED,
                    "Too many sign-in attempts. Try again in " + seconds + " seconds.", List.of(),
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    private static BucketConfiguration config(Limit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    private static Bandwidth bandwidth(Limit limit) {
        // Interval refill: the whole budget comes back when the window ends, which is what
        // "try again in N seconds" promises.
        return Bandwidth.builder().capacity(limit.attempts()).refillIntervally(limit.attempts(), limit.period()).build();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bucket4j reads time through the injected Clock, so tests can move past a window without sleeping. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
