package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The store tells the CRM a customer placed an order. Amount in minor units of {@code currency} (ISO 4217); {@code channel} is web or mobile. */
public record OrderPlacedFact(UUID orderId, String orderNumber, UUID customerId, long totalAmount, String currency, String channel, Instant placedAt) {
    public OrderPlacedFact {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(placedAt, "placedAt");
        if (totalAmount < 0) {
            throw new IllegalArgumentException("totalAmount must not be negative");
        }
    }
}
