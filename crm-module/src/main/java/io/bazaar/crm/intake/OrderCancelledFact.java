package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The order was cancelled before shipping; it no longer counts towards spend or order count. {@code reason} must not contain personal data. */
public record OrderCancelledFact(UUID orderId, UUID customerId, String reason, String channel, Instant cancelledAt) {
    public OrderCancelledFact {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }
}
