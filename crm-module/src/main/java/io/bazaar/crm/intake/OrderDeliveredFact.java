package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The order was handed over to the customer. */
public record OrderDeliveredFact(UUID orderId, UUID customerId, Instant deliveredAt) {
    public OrderDeliveredFact {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }
}
