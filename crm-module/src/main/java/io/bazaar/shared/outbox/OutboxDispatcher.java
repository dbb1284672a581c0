package io.bazaar.shared.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * the batch first runs without savepoints (a round trip less per delivery), each consumer given its
 * events of the batch at once ({@link OutboxConsumer#handleAll}); a failure rolls that try back
 * whole, and the batch runs again, each delivery on its own in its own savepoint, the failed one
 * (when the consumer said which) marked failed without running it again. Safe to run on any number
 * of threads and instances.
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

    /**
     * A consumer's failure in a batch run without savepoints: thrown to roll that try back. It names the delivery that
     * failed when the consumer said which ({@link OutboxConsumer.EventFailed}); otherwise none.
     */
    private static final class FailedDelivery extends RuntimeException {
        private final UUID eventId;
        private final String consumer;

        FailedDelivery(DueDelivery delivery, String consumer, Exception cause) {
            super(cause.getMessage(), cause, false, false);
            this.eventId = delivery == null ? null : delivery.eventId();
            this.consumer = consumer;
        }

        boolean is(DueDelivery delivery) {
            return eventId != null && eventId.equals(delivery.eventId()) && consumer.equals(delivery.consumer());
        }

        Exception failure() {
            return (Exception) getCause();
        }
    }

    /**
     * Claims and runs a batch. {@code earlier} null: no savepoints, each consumer's events in one
     * {@link OutboxConsumer#handleAll} call, and a failing consumer throws {@link FailedDelivery} out of the
     * transaction. Otherwise each delivery runs on its own in a savepoint, and the one that failed in the try without
     * savepoints (if known, and if this batch claimed it again) is marked failed with that failure instead of running
     * a second time. The delivered marks of the batch are written in one statement.
     */
    private int deliverBatch(Handle handle, FailedDelivery earlier) {
        OutboxDao dao = handle.attach(OutboxDao.class);
        Instant now = clock.instant();
        List<DueDelivery> due = dao.claimDue(now, batchSize);
        List<DueDelivery> delivered = new ArrayList<>(due.size());
        if (earlier == null) {
            deliverAllOrThrow(handle, dao, due, now, delivered);
        } else {
            for (DueDelivery delivery : due) {
                if (earlier.is(delivery)) {
                    markFailed(dao, delivery, earlier.failure(), now);
                } else if (deliverInSavepoint(handle, dao, delivery, now)) {
                    delivered.add(delivery);
                }
            }
        }
        if (!delivered.isEmpty()) {
            dao.markDelivered(delivered.stream().map(DueDelivery::eventId).toList(),
                    delivered.stream().map(DueDelivery::consumer).toList(), now);
        }
        return due.size();
    }

    /**
     * Runs the batch without savepoints, consumer by consumer (each consumer's events in their claimed order, in one
     * {@link OutboxConsumer#handleAll} call), adding what was delivered to {@code delivered}; a failure ends the
     * transaction's try ({@link FailedDelivery}).
     */
    private void deliverAllOrThrow(Handle handle, OutboxDao dao, List<DueDelivery> due, Instant now,
                                   List<DueDelivery> delivered) {
        Map<String, List<DueDelivery>> byConsumer = new LinkedHashMap<>();
        for (DueDelivery delivery : due) {
            byConsumer.computeIfAbsent(delivery.consumer(), c -> new ArrayList<>()).add(delivery);
        }
        for (Map.Entry<String, List<DueDelivery>> batch : byConsumer.entrySet()) {
            OutboxConsumer consumer = outbox.consumer(batch.getKey());
            if (consumer == null) {
                batch.getValue().forEach(delivery -> markUnknownConsumer(dao, delivery, now));
                continue;
            }
            List<OutboxEvent> events = new ArrayList<>(batch.getValue().size());
            for (DueDelivery delivery : batch.getValue()) {
                try {
                    events.add(event(delivery));
                } catch (Exception e) {
                    throw new FailedDelivery(delivery, batch.getKey(), e);
                }
            }
            try {
                consumer.handleAll(handle, events);
            } catch (OutboxConsumer.EventFailed failed) {
                DueDelivery delivery = batch.getValue().stream()
                        .filter(d -> d.eventId().equals(failed.event().id())).findFirst().orElse(null);
                throw new FailedDelivery(delivery, batch.getKey(), failed.failure());
            } catch (Exception e) {
                throw new FailedDelivery(null, batch.getKey(), e);
            }
            delivered.addAll(batch.getValue());
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
        consumer.handle(handle, event(delivery));
    }

    private OutboxEvent event(DueDelivery delivery) throws Exception {
        return new OutboxEvent(delivery.eventId(), delivery.type(), delivery.aggregateType(), delivery.aggregateId(),
                mapper.readTree(delivery.payload()), delivery.occurredAt());
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
