package io.bazaar.shared.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A domain event as stored in the outbox. {@code id} is the event's identity: consumers use it to
 * stay idempotent when a delivery is repeated.
 */
public record OutboxEvent(
        UUID id,
        String type,
        String aggregateType,
        String aggregateId,
        JsonNode payload,
        Instant occurredAt) {

    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
