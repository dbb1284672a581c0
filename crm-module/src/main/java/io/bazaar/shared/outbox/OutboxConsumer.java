package io.bazaar.shared.outbox;

import java.util.List;
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

    /**
     * Handles a batch of this consumer's events, in the order given, on one handle: by default one by one with
     * {@link #handle}. A consumer that can do the work of several events in fewer statements overrides it. A failure
     * of one event is thrown as {@link EventFailed}; the dispatcher then rolls the batch back and runs its events
     * one at a time, each in its own savepoint, the failed one marked failed without running again. Any other
     * exception rolls the batch back too, and then every event runs again on its own.
     */
    default void handleAll(Handle handle, List<OutboxEvent> events) throws Exception {
        for (OutboxEvent event : events) {
            try {
                handle(handle, event);
            } catch (Exception e) {
                throw new EventFailed(event, e);
            }
        }
    }

    /** The failure of one event of a batch ({@link #handleAll}). */
    final class EventFailed extends Exception {
        private final transient OutboxEvent event;

        public EventFailed(OutboxEvent event, Exception cause) {
            super(cause.getMessage(), cause, false, false);
            this.event = event;
        }

        public OutboxEvent event() {
            return event;
        }

        /** What the event's handling threw. */
        public Exception failure() {
            return (Exception) getCause();
        }
    }
}
