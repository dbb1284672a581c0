package io.bazaar.store.refund.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events the refund feature writes to the outbox. */
public final class RefundEvents {
    public static final String REFUNDED = "order.refunded";

    private RefundEvents() {
    }

    /** A refunded order line; {@code amount} is the money for these units. */
    public record Line(UUID orderLineId, UUID variantId, String sku, String title, int quantity, long amount) {
    }

    /**
     * Money went back. {@code kind}: return, goodwill or exchange; {@code returnId} null for goodwill;
     * {@code amount} includes {@code shippingAmount}; {@code refundedTotal} is the order's total after it.
     */
    public record OrderRefunded(UUID refundId, UUID orderId, String number, UUID customerId, UUID returnId, String kind,
                                long amount, long shippingAmount, String currency, List<Line> lines, String reason,
                                String provider, UUID staffId, long refundedTotal, String channel, Instant refundedAt) {
    }
}
