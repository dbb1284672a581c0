package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The order (or part of it) was handed over to the customer. {@code fullyDelivered} is false while
 * shipments of the order are still on their way (a partial delivery).
 */
public record OrderDeliveredFact(UUID orderId, UUID customerId, Instant deliveredAt, boolean fullyDelivered) {
    /** A delivery of the whole order. */
    public OrderDeliveredFact(UUID orderId, UUID customerId, Instant deliveredAt) {
        this(orderId, customerId, deliveredAt, true);
    }

    public OrderDeliveredFact {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }
}
