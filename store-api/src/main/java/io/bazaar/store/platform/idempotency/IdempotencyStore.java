package io.bazaar.store.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Idempotency records in PostgreSQL. The primary key on {@code (scope, key)} decides which of two
 * concurrent requests owns a key; the loser sees the record "in flight" and answers 409.
 */
public final class IdempotencyStore {

    public sealed interface Outcome permits Started, Replay, InFlight, Mismatch {
    }

    public record Started() implements Outcome {
    }

    public record Replay(int status, String contentType, String location, byte[] body) implements Outcome {
    }

    public record InFlight() implements Outcome {
    }

    public record Mismatch() implements Outcome {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retention;
    private final Duration inFlightTimeout;

    public IdempotencyStore(Jdbi jdbi, Clock clock, Duration retention, Duration inFlightTimeout) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("idempotency records must be kept at least 24 hours");
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = retention;
        this.inFlightTimeout = inFlightTimeout;
    }

    public Outcome begin(String scope, String key, String requestHash, String method, String path) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            IdempotencyDao dao = h.attach(IdempotencyDao.class);
            if (dao.tryInsert(scope, key, requestHash, method, path, now) == 1) {
                return new Started();
            }
            Optional<IdempotencyDao.StoredRecord> found = dao.findForUpdate(scope, key);
            if (found.isEmpty()) {
                // Deleted between our insert attempt and the read (released after a 5xx): try once more.
                return dao.tryInsert(scope, key, requestHash, method, path, now) == 1 ? new Started() : new InFlight();
            }
            IdempotencyDao.StoredRecord r = found.get();
            if (r.createdAt().isBefore(now.minus(retention))) {
                dao.restart(scope, key, requestHash, method, path, now);
                return new Started();
            }
            if (!r.requestHash().equals(requestHash)) {
                return new Mismatch();
            }
            if ("in_flight".equals(r.state())) {
                if (r.createdAt().isBefore(now.minus(inFlightTimeout))) {
                    // The instance that took the key died mid-request; this retry may proceed.
                    dao.restart(scope, key, requestHash, method, path, now);
                    return new Started();
                }
                return new InFlight();
            }
            return new Replay(r.responseStatus(), r.responseType(), r.responseLocation(),
                    r.responseBody() == null ? new byte[0] : r.responseBody());
        });
    }

    public void complete(String scope, String key, int status, String contentType, String location, byte[] body) {
        Instant now = clock.instant();
        jdbi.useExtension(IdempotencyDao.class, dao -> dao.complete(scope, key, status, contentType, location, body, now));
    }

    /** Forgets an in-flight key whose request failed on our side, so the client may retry it. */
    public void release(String scope, String key) {
        jdbi.useExtension(IdempotencyDao.class, dao -> dao.release(scope, key));
    }

    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(retention);
        return jdbi.withExtension(IdempotencyDao.class, dao -> dao.purgeOlderThan(cutoff));
    }
}
