package io.bazaar.crm.timeline.persistence;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

public record TimelineRow(
        UUID id,
        @ColumnName("customer_id") UUID customerId,
        String type,
        String kind,
        String channel,
        String summary,
        String refs,
        @ColumnName("occurred_at") Instant occurredAt,
        @ColumnName("created_at") Instant createdAt) {
}
