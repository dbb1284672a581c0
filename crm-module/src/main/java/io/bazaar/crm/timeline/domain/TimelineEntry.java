package io.bazaar.crm.timeline.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One interaction on a customer's timeline. {@code occurredAt} is when the fact happened, not when it was recorded. */
public record TimelineEntry(
        UUID id,
        UUID customerId,
        String type,
        InteractionKind kind,
        Channel channel,
        String summary,
        Map<String, String> refs,
        Instant occurredAt,
        Instant recordedAt) {

    public TimelineEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(summary, "summary");
        refs = Map.copyOf(refs);
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
