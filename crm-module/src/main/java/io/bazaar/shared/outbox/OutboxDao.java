package io.bazaar.shared.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface OutboxDao {

    /**
     * How an event is written, as members of a {@code WITH}: the {@code outbox_event} row and one pending
     * {@code outbox_delivery} per interested consumer (their foreign key is checked at the end of the statement, when
     * the event row is there). The event is an {@link Outbox.PreparedEvent} bound as {@code event}; its payload is
     * read from a member {@code event_payload(payload jsonb)} the statement defines before these, so a statement
     * that writes the event with its own change can complete the payload from what it wrote (the order statement of
     * a checkout sets the order number it draws).
     */
    String WRITE_EVENT = """
            written_event AS (
                INSERT INTO outbox_event (id, type, aggregate_type, aggregate_id, payload, occurred_at)
                SELECT :event.id, :event.type, :event.aggregateType, :event.aggregateId, p.payload, :event.occurredAt
                FROM event_payload p
                RETURNING id
            ), written_deliveries AS (
                INSERT INTO outbox_delivery (event_id, consumer, next_attempt_at)
                SELECT :event.id, c, :event.occurredAt FROM unnest(CAST(:event.consumers AS text[])) AS c
            )
            """;

    /** Writes an event and its deliveries in one statement ({@link #WRITE_EVENT}); answers 1. */
    @SqlQuery("WITH event_payload AS (SELECT CAST(:event.payload AS jsonb) AS payload), " + WRITE_EVENT
            + "SELECT count(*) FROM written_event")
    int insertEvent(@BindMethods("event") Outbox.PreparedEvent event);

    /**
     * Claims due deliveries. {@code SKIP LOCKED} lets several dispatchers (threads or service
     * instances) poll at once: each row is locked by exactly one of them until its transaction ends.
     */
    @SqlQuery("""
            SELECT d.event_id, d.consumer, d.attempts, e.type, e.aggregate_type, e.aggregate_id,
                   e.payload::text AS payload, e.occurred_at
            FROM outbox_delivery d
            JOIN outbox_event e ON e.id = d.event_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= :now
            ORDER BY d.next_attempt_at, d.event_id
            LIMIT :limit
            FOR UPDATE OF d SKIP LOCKED
            """)
    List<DueDelivery> claimDue(@Bind("now") Instant now, @Bind("limit") int limit);

    /** Marks a batch's successful deliveries, given as parallel lists of event and consumer, in one statement. */
    @SqlUpdate("""
            UPDATE outbox_delivery d
            SET status = 'delivered', delivered_at = :now, attempts = d.attempts + 1, last_error = NULL
            FROM unnest(CAST(:eventIds AS uuid[]), CAST(:consumers AS text[])) AS x(event_id, consumer)
            WHERE d.event_id = x.event_id AND d.consumer = x.consumer
            """)
    void markDelivered(@Bind("eventIds") List<UUID> eventIds, @Bind("consumers") List<String> consumers,
                       @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE outbox_delivery
            SET attempts = attempts + 1, last_error = :error, next_attempt_at = :nextAttemptAt,
                status = CASE WHEN attempts + 1 >= :maxAttempts THEN 'dead' ELSE 'pending' END
            WHERE event_id = :eventId AND consumer = :consumer
            """)
    void markFailed(@Bind("eventId") UUID eventId, @Bind("consumer") String consumer, @Bind("error") String error,
                    @Bind("nextAttemptAt") Instant nextAttemptAt, @Bind("maxAttempts") int maxAttempts);

    @SqlQuery("SELECT count(*) FROM outbox_delivery WHERE status = 'pending'")
    long countPending();

    @SqlQuery("SELECT count(*) FROM outbox_delivery WHERE status = 'dead'")
    long countDead();
}
