package io.bazaar.shared.outbox;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

public record DueDelivery(
        @ColumnName("event_id") UUID eventId,
        String consumer,
        int attempts,
        String type,
        @ColumnName("aggregate_type") String aggregateType,
        @ColumnName("aggregate_id") String aggregateId,
        String payload,
        @ColumnName("occurred_at") Instant occurredAt) {
}
