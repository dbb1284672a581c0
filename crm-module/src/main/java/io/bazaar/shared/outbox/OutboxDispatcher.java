package io.bazaar.shared.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox events to their consumers, at least once, with exponential backoff on failure.
 *
 * <p>Each poll claims a batch of due deliveries with {@code FOR UPDATE SKIP LOCKED} in one
 * transaction and runs every consumer inside a savepoint of that transaction. A consumer's writes
 * and its "delivered" mark commit together; a consumer that throws rolls back to its savepoint and
 * only its own delivery is rescheduled. Safe to run on any number of threads and instances.
 */
public final class OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration baseBackoff;
    private final Duration maxBackoff;

    public OutboxDispatcher(Jdbi jdbi, Outbox outbox, ObjectMapper mapper, Clock clock, int batchSize,
                            int maxAttempts, Duration baseBackoff, Duration maxBackoff) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.outbox = Objects.requireNonNull(outbox);
        this.mapper = Objects.requireNonNull(mapper);
        this.clock = Objects.requireNonNull(clock);
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batchSize and maxAttempts must be positive");
        }
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Delivers one batch; returns how many deliveries were attempted (0 means nothing was due). */
    public int dispatchOnce() {
        return jdbi.inTransaction(handle -> {
            OutboxDao dao = handle.attach(OutboxDao.class);
            Instant now = clock.instant();
            List<DueDelivery> due = dao.claimDue(now, batchSize);
            List<UUID> deliveredEvents = new ArrayList<>(due.size());
            List<String> deliveredTo = new ArrayList<>(due.size());
            for (DueDelivery delivery : due) {
                if (deliver(handle, dao, delivery, now)) {
                    deliveredEvents.add(delivery.eventId());
                    deliveredTo.add(delivery.consumer());
                }
            }
            if (!deliveredEvents.isEmpty()) {
                dao.markDelivered(deliveredEvents, deliveredTo, now);
            }
            return due.size();
        });
    }

    /** Repeats {@link #dispatchOnce()} until nothing is due; for schedulers and tests. */
    public int dispatchAll() {
        int total = 0;
        int n;
        while ((n = dispatchOnce()) > 0) {
            total += n;
        }
        return total;
    }

    /**
     * Runs one delivery inside a savepoint; true when the consumer succeeded (the caller marks it delivered, with the
     * batch's others, in one statement). The savepoint is not released: the next delivery's savepoint of the same name
     * shadows it, and commit ends them all, which saves a round trip per delivery.
     */
    private boolean deliver(Handle handle, OutboxDao dao, DueDelivery delivery, Instant now) {
        OutboxConsumer consumer = outbox.consumer(delivery.consumer());
        if (consumer == null) {
            // Written by an instance that had this consumer; this one does not, so leave it for them.
            dao.markFailed(delivery.eventId(), delivery.consumer(), "no consumer registered on this instance",
                    now.plus(maxBackoff), Integer.MAX_VALUE);
            return false;
        }
        String savepoint = "delivery";
        handle.savepoint(savepoint);
        try {
            OutboxEvent event = new OutboxEvent(delivery.eventId(), delivery.type(), delivery.aggregateType(),
                    delivery.aggregateId(), mapper.readTree(delivery.payload()), delivery.occurredAt());
            consumer.handle(handle, event);
            return true;
        } catch (Exception e) {
            handle.rollbackToSavepoint(savepoint);
            int attempt = delivery.attempts() + 1;
            Instant next = now.plus(backoff(attempt));
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            LOG.warn("outbox delivery of event {} ({}) to {} failed on attempt {}; next attempt at {}",
                    delivery.eventId(), delivery.type(), delivery.consumer(), attempt, next, e);
            dao.markFailed(delivery.eventId(), delivery.consumer(), truncate(error), next, maxAttempts);
            return false;
        }
    }

    Duration backoff(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration d = baseBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    public long pendingCount() {
        return jdbi.withExtension(OutboxDao.class, OutboxDao::countPending);
    }

    public long deadCount() {
        return jdbi.withExtension(OutboxDao.class, OutboxDao::countDead);
    }
}
