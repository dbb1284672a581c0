package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The order was paid in full. Amount in minor units of {@code currency}. */
public record OrderPaidFact(UUID orderId, UUID customerId, long amount, String currency, String channel, Instant paidAt) {
    public OrderPaidFact {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(paidAt, "paidAt");
    }
}
