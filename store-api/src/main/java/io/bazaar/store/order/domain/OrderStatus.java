package io.bazaar.store.order.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The order lifecycle. Every change goes through {@link #canBecome}; anything else is an illegal
 * transition (409). Fulfilment states are driven by shipments, refund states by refunds.
 */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, PARTIALLY_SHIPPED, SHIPPED, PARTIALLY_DELIVERED, DELIVERED, COMPLETED, CANCELLED, PARTIALLY_REFUNDED, REFUNDED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.ofEntries(
            Map.entry(PENDING_PAYMENT, EnumSet.of(PAID, CANCELLED)),
            Map.entry(PAID, EnumSet.of(PARTIALLY_SHIPPED, SHIPPED, CANCELLED, PARTIALLY_REFUNDED, REFUNDED)),
            // Issue #5: partial deliveries, and full refunds (goodwill) of orders still on their way.
            Map.entry(PARTIALLY_SHIPPED, EnumSet.of(SHIPPED, PARTIALLY_DELIVERED, PARTIALLY_REFUNDED, REFUNDED)),
            Map.entry(SHIPPED, EnumSet.of(PARTIALLY_DELIVERED, DELIVERED, PARTIALLY_REFUNDED, REFUNDED)),
            Map.entry(PARTIALLY_DELIVERED, EnumSet.of(DELIVERED, PARTIALLY_REFUNDED, REFUNDED)),
            Map.entry(DELIVERED, EnumSet.of(COMPLETED, PARTIALLY_REFUNDED, REFUNDED)),
            Map.entry(COMPLETED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED)),
            Map.entry(CANCELLED, EnumSet.of(REFUNDED)),
            Map.entry(PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED, COMPLETED)),
            Map.entry(REFUNDED, EnumSet.noneOf(OrderStatus.class)));

    public boolean canBecome(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether the customer may still cancel: nothing has left the warehouse. */
    public boolean cancellableByCustomer() {
        return this == PENDING_PAYMENT || this == PAID;
    }

    /**
     * Whether the status still shows the fulfilment progress (issue #5). Once money went back the
     * status shows the refund; shipments then only move {@code fulfilment_status}.
     */
    public boolean followsFulfilment() {
        return this == PAID || this == PARTIALLY_SHIPPED || this == SHIPPED || this == PARTIALLY_DELIVERED
                || this == DELIVERED;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
