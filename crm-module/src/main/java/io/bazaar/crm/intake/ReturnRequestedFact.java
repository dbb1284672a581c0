package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The customer asked to return (part of) an order; {@code channel} is where they asked. {@code lines}
 * (may be empty) say which variants and how many units, for return rate by product.
 */
public record ReturnRequestedFact(UUID returnId, UUID orderId, UUID customerId, String channel, Instant requestedAt,
                                  List<Line> lines) {

    /** A returned line: the variant as bought (the CRM finds its product in the order's lines). */
    public record Line(UUID variantId, String sku, int quantity) {
        public Line {
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity must be positive");
            }
        }
    }

    public ReturnRequestedFact(UUID returnId, UUID orderId, UUID customerId, String channel, Instant requestedAt) {
        this(returnId, orderId, customerId, channel, requestedAt, List.of());
    }

    public ReturnRequestedFact {
        Objects.requireNonNull(returnId, "returnId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
