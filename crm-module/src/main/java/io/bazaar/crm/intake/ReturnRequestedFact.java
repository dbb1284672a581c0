package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The customer asked to return (part of) an order; {@code channel} is where they asked. */
public record ReturnRequestedFact(UUID returnId, UUID orderId, UUID customerId, String channel, Instant requestedAt) {
    public ReturnRequestedFact {
        Objects.requireNonNull(returnId, "returnId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
