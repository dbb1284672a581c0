package io.bazaar.shared.outbox;

import org.jdbi.v3.core.Handle;

/**
 * An in-process subscriber to outbox events.
 *
 * <p>{@link #handle} runs inside the dispatcher's transaction, on the given handle: whatever the
 * consumer writes through it commits atomically with the "delivered" mark, so database-only
 * consumers see each event exactly once. A consumer with effects outside the database (SMTP,
 * webhooks) sees each event at least once and must de-duplicate by {@link OutboxEvent#id()}.
 * Throwing marks this delivery failed and schedules a retry with backoff; it does not affect other
 * consumers of the same event.
 */
public interface OutboxConsumer {

    /** Stable name, stored with each delivery; renaming a consumer orphans its pending deliveries. */
    String name();

    /** Whether this consumer wants events of {@code eventType}; decided when the event is written. */
    boolean accepts(String eventType);

    void handle(Handle handle, OutboxEvent event) throws Exception;
}
