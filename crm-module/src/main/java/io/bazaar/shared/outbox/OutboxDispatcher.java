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
 * transaction and runs every consumer in it; a consumer's writes and its "delivered" mark commit
 * together. A consumer that throws is tried once per attempt and only its own delivery is rescheduled:
 * the batch first runs without savepoints (a round trip less per delivery); a failure rolls that
 * try back whole, and the batch runs again, each delivery in its own savepoint, the failed one marked
 * failed without running it again. Safe to run on any number of threads and instances.
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
        try {
            return jdbi.inTransaction(handle -> deliverBatch(handle, null));
        } catch (FailedDelivery failed) {
            return jdbi.inTransaction(handle -> deliverBatch(handle, failed));
        }
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

    /** A consumer's failure in a batch run without savepoints: thrown to roll that try back. */
    private static final class FailedDelivery extends RuntimeException {
        private final UUID eventId;
        private final String consumer;

        FailedDelivery(DueDelivery delivery, Exception cause) {
            super(cause.getMessage(), cause, false, false);
            this.eventId = delivery.eventId();
            this.consumer = delivery.consumer();
        }

        boolean is(DueDelivery delivery) {
            return eventId.equals(delivery.eventId()) && consumer.equals(delivery.consumer());
        }

        Exception failure() {
            return (Exception) getCause();
        }
    }

    /**
     * Claims and runs a batch. {@code earlier} null: no savepoints, and a failing consumer throws {@link FailedDelivery}
     * out of the transaction. Otherwise each delivery runs in a savepoint, and the one that failed in the try without
     * savepoints (if this batch claimed it again) is marked failed with that failure instead of running a second time.
     * The delivered marks of the batch are written in one statement.
     */
    private int deliverBatch(Handle handle, FailedDelivery earlier) {
        OutboxDao dao = handle.attach(OutboxDao.class);
        Instant now = clock.instant();
        List<DueDelivery> due = dao.claimDue(now, batchSize);
        List<UUID> deliveredEvents = new ArrayList<>(due.size());
        List<String> deliveredTo = new ArrayList<>(due.size());
        for (DueDelivery delivery : due) {
            boolean delivered;
            if (earlier == null) {
                delivered = deliverOrThrow(handle, dao, delivery, now);
            } else if (earlier.is(delivery)) {
                markFailed(dao, delivery, earlier.failure(), now);
                delivered = false;
            } else {
                delivered = deliverInSavepoint(handle, dao, delivery, now);
            }
            if (delivered) {
                deliveredEvents.add(delivery.eventId());
                deliveredTo.add(delivery.consumer());
            }
        }
        if (!deliveredEvents.isEmpty()) {
            dao.markDelivered(deliveredEvents, deliveredTo, now);
        }
        return due.size();
    }

    /** Runs one delivery; a failure ends the transaction's try ({@link FailedDelivery}). */
    private boolean deliverOrThrow(Handle handle, OutboxDao dao, DueDelivery delivery, Instant now) {
        OutboxConsumer consumer = outbox.consumer(delivery.consumer());
        if (consumer == null) {
            return markUnknownConsumer(dao, delivery, now);
        }
        try {
            run(handle, consumer, delivery);
            return true;
        } catch (Exception e) {
            throw new FailedDelivery(delivery, e);
        }
    }

    /**
     * Runs one delivery inside a savepoint; true when the consumer succeeded. The savepoint is not released: the next
     * delivery's savepoint of the same name shadows it, and commit ends them all, which saves a round trip per delivery.
     */
    private boolean deliverInSavepoint(Handle handle, OutboxDao dao, DueDelivery delivery, Instant now) {
        OutboxConsumer consumer = outbox.consumer(delivery.consumer());
        if (consumer == null) {
            return markUnknownConsumer(dao, delivery, now);
        }
        String savepoint = "delivery";
        handle.savepoint(savepoint);
        try {
            run(handle, consumer, delivery);
            return true;
        } catch (Exception e) {
            handle.rollbackToSavepoint(savepoint);
            markFailed(dao, delivery, e, now);
            return false;
        }
    }

    private void run(Handle handle, OutboxConsumer consumer, DueDelivery delivery) throws Exception {
        OutboxEvent event = new OutboxEvent(delivery.eventId(), delivery.type(), delivery.aggregateType(),
                delivery.aggregateId(), mapper.readTree(delivery.payload()), delivery.occurredAt());
        consumer.handle(handle, event);
    }

    /** Written by an instance that had this consumer; this one does not, so leave it for them. */
    private boolean markUnknownConsumer(OutboxDao dao, DueDelivery delivery, Instant now) {
        dao.markFailed(delivery.eventId(), delivery.consumer(), "no consumer registered on this instance",
                now.plus(maxBackoff), Integer.MAX_VALUE);
        return false;
    }

    private void markFailed(OutboxDao dao, DueDelivery delivery, Exception e, Instant now) {
        int attempt = delivery.attempts() + 1;
        Instant next = now.plus(backoff(attempt));
        String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        LOG.warn("outbox delivery of event {} ({}) to {} failed on attempt {}; next attempt at {}",
                delivery.eventId(), delivery.type(), delivery.consumer(), attempt, next, e);
        dao.markFailed(delivery.eventId(), delivery.consumer(), truncate(error), next, maxAttempts);
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
