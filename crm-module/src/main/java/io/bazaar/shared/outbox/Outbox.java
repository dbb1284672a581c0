package io.bazaar.shared.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.shared.id.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;

/**
 * Writes domain events in the caller's transaction (the transactional outbox). If that transaction
 * rolls back, the event never existed and is never delivered.
 *
 * <p>One delivery row per interested consumer is written with the event, so a failing consumer is
 * retried on its own without re-running consumers that already succeeded.
 */
public final class Outbox {
    private final ObjectMapper mapper;
    private final Clock clock;
    private final List<OutboxConsumer> consumers = new CopyOnWriteArrayList<>();

    public Outbox(ObjectMapper mapper, Clock clock) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Registers a consumer; events written from now on are routed to it. Names must be unique. */
    public void register(OutboxConsumer consumer) {
        if (consumers.stream().anyMatch(c -> c.name().equals(consumer.name()))) {
            throw new IllegalStateException("duplicate outbox consumer " + consumer.name());
        }
        consumers.add(consumer);
    }

    List<OutboxConsumer> consumers() {
        return List.copyOf(consumers);
    }

    OutboxConsumer consumer(String name) {
        return consumers.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Removes personal fields from the stored payloads of every event about one person (payload field
     * {@code customer_id}), for erasure. Delivered events are history; their personal details are not.
     *
     * @return how many events were scrubbed
     */
    public int erasePersonalFields(Handle handle, UUID customerId, List<String> fields) {
        return handle.createUpdate("""
                UPDATE outbox_event SET payload = payload - CAST(:fields AS text[])
                WHERE payload->>'customer_id' = :customerId AND jsonb_exists_any(payload, CAST(:fields AS text[]))
                """).bind("customerId", customerId.toString()).bindArray("fields", String.class, fields).execute();
    }

    /**
     * Appends an event on {@code handle}, which must be inside the transaction making the change.
     *
     * @return the event id
     */
    public UUID append(Handle handle, String type, String aggregateType, String aggregateId, Object payload) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("outbox events must be written inside the transaction that makes the change");
        }
        PreparedEvent event = prepare(type, aggregateType, aggregateId, payload);
        handle.attach(OutboxDao.class).insertEvent(event);
        return event.id();
    }

    /**
     * An event ready to be written by a statement of the caller's own, in the transaction making the change, with
     * {@link OutboxDao#WRITE_EVENT} (the same SQL {@link #append} runs). For a hot path where that saves a round
     * trip (the order statement of a checkout); everywhere else, {@link #append}.
     */
    public record PreparedEvent(UUID id, String type, String aggregateType, String aggregateId, String payload,
                                Instant occurredAt, String[] consumers) {
    }

    /** The event {@link #append} would write, with its id, JSON payload and interested consumers, not yet written. */
    public PreparedEvent prepare(String type, String aggregateType, String aggregateId, Object payload) {
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON: " + type, e);
        }
        String[] interested = consumers.stream().filter(c -> c.accepts(type)).map(OutboxConsumer::name)
                .toArray(String[]::new);
        return new PreparedEvent(Ids.newId(), type, aggregateType, aggregateId, json, clock.instant(), interested);
    }
}
