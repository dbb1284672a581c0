package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The returned goods arrived back at the shop. */
public record ReturnReceivedFact(UUID returnId, UUID orderId, UUID customerId, Instant receivedAt) {
    public ReturnReceivedFact {
        Objects.requireNonNull(returnId, "returnId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
