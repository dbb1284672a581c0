package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Money went back to the customer for an order (and a return, when {@code returnId} is not null). Amount in minor units of the order's currency. */
public record RefundedFact(UUID refundId, UUID orderId, UUID returnId, UUID customerId, long amount, String currency, Instant refundedAt) {
    public RefundedFact {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(refundedAt, "refundedAt");
        if (amount <= 0) {
            throw new IllegalArgumentException("a refund amount must be positive");
        }
    }
}
