package io.bazaar.store.order.domain;

import java.util.List;
import java.util.Locale;

/**
 * How far an order's goods have travelled, derived from its shipments line by line. Drives the
 * order status while the order is in its fulfilment part ({@link OrderStatus#followsFulfilment()}).
 */
public enum FulfilmentStatus {
    UNFULFILLED, PARTIALLY_SHIPPED, SHIPPED, PARTIALLY_DELIVERED, DELIVERED;

    /** Units of one order line: ordered, on shipments, on delivered shipments. */
    public record LineProgress(int ordered, int shipped, int delivered) {
        public LineProgress {
            if (ordered <= 0 || shipped < 0 || delivered < 0 || delivered > shipped || shipped > ordered) {
                throw new IllegalArgumentException("inconsistent line progress " + ordered + "/" + shipped + "/"
                        + delivered);
            }
        }
    }

    public static FulfilmentStatus of(List<LineProgress> lines) {
        int ordered = 0;
        int shipped = 0;
        int delivered = 0;
        for (LineProgress l : lines) {
            ordered += l.ordered();
            shipped += l.shipped();
            delivered += l.delivered();
        }
        if (ordered > 0 && delivered == ordered) {
            return DELIVERED;
        }
        if (delivered > 0) {
            return PARTIALLY_DELIVERED;
        }
        if (ordered > 0 && shipped == ordered) {
            return SHIPPED;
        }
        return shipped > 0 ? PARTIALLY_SHIPPED : UNFULFILLED;
    }

    /** The order status that shows this state. */
    public OrderStatus orderStatus() {
        return switch (this) {
            case UNFULFILLED -> OrderStatus.PAID;
            case PARTIALLY_SHIPPED -> OrderStatus.PARTIALLY_SHIPPED;
            case SHIPPED -> OrderStatus.SHIPPED;
            case PARTIALLY_DELIVERED -> OrderStatus.PARTIALLY_DELIVERED;
            case DELIVERED -> OrderStatus.DELIVERED;
        };
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FulfilmentStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
