package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The store tells the CRM a customer placed an order. Amount in minor units of {@code currency} (ISO 4217); {@code channel} is web or mobile. */
public record OrderPlacedFact(UUID orderId, String orderNumber, UUID customerId, long totalAmount, String currency,
                              String channel, Instant placedAt, java.util.List<Line> lines) {

    /**
     * One bought line: the title for the order confirmation; product, variant and category ids for follow-up
     * rules, segments ("bought in category X") and metrics (return rate by product). Amount in minor units of
     * the order's currency; ids and sku may be null (categoryIds empty) for events written before they were
     * carried.
     */
    public record Line(String title, int quantity, long lineTotal, UUID productId, UUID variantId, String sku,
                       java.util.List<UUID> categoryIds) {
        public Line {
            categoryIds = categoryIds == null ? java.util.List.of() : java.util.List.copyOf(categoryIds);
        }

        public Line(String title, int quantity, long lineTotal) {
            this(title, quantity, lineTotal, null, null, null, java.util.List.of());
        }

        public Line(String title, int quantity, long lineTotal, UUID productId) {
            this(title, quantity, lineTotal, productId, null, null, java.util.List.of());
        }

        public Line(String title, int quantity, long lineTotal, UUID productId, UUID variantId, String sku) {
            this(title, quantity, lineTotal, productId, variantId, sku, java.util.List.of());
        }

        public Line(String title, int quantity, long lineTotal, UUID productId, java.util.List<UUID> categoryIds) {
            this(title, quantity, lineTotal, productId, null, null, categoryIds);
        }
    }

    public OrderPlacedFact(UUID orderId, String orderNumber, UUID customerId, long totalAmount, String currency,
                           String channel, Instant placedAt) {
        this(orderId, orderNumber, customerId, totalAmount, currency, channel, placedAt, java.util.List.of());
    }

    public OrderPlacedFact {
        lines = lines == null ? java.util.List.of() : java.util.List.copyOf(lines);
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(placedAt, "placedAt");
        if (totalAmount < 0) {
            throw new IllegalArgumentException("totalAmount must not be negative");
        }
    }
}
