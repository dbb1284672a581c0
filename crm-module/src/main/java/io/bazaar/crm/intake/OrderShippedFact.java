package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The order left the warehouse; carrier and tracking number may be null. */
public record OrderShippedFact(UUID orderId, UUID customerId, String carrier, String trackingNumber, Instant shippedAt) {
    public OrderShippedFact {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(shippedAt, "shippedAt");
    }
}
