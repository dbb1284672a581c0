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
    PENDING_PAYMENT, PAID, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, COMPLETED, CANCELLED, PARTIALLY_REFUNDED, REFUNDED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            PENDING_PAYMENT, EnumSet.of(PAID, CANCELLED),
            PAID, EnumSet.of(PARTIALLY_SHIPPED, SHIPPED, CANCELLED, PARTIALLY_REFUNDED, REFUNDED),
            PARTIALLY_SHIPPED, EnumSet.of(SHIPPED, PARTIALLY_REFUNDED),
            SHIPPED, EnumSet.of(DELIVERED, PARTIALLY_REFUNDED),
            DELIVERED, EnumSet.of(COMPLETED, PARTIALLY_REFUNDED, REFUNDED),
            COMPLETED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED),
            CANCELLED, EnumSet.of(REFUNDED),
            PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED, COMPLETED),
            REFUNDED, EnumSet.noneOf(OrderStatus.class));

    public boolean canBecome(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether the customer may still cancel: nothing has left the warehouse. */
    public boolean cancellableByCustomer() {
        return this == PENDING_PAYMENT || this == PAID;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
