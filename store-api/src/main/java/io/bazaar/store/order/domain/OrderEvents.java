package io.bazaar.store.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events the order feature writes to the outbox, with the facts the CRM and others need. */
public final class OrderEvents {
    public static final String PLACED = "order.placed";
    public static final String PAID = "order.paid";
    public static final String CANCELLED = "order.cancelled";
    public static final String PAYMENT_FAILED = "order.payment_failed";

    private OrderEvents() {
    }

    /** {@code categoryIds}: the product's categories when it was bought (segments: "bought in category X"). */
    public record Line(UUID variantId, UUID productId, String sku, String title, int quantity, long unitPrice,
                       long lineTotal, List<UUID> categoryIds) {
        public Line {
            categoryIds = categoryIds == null ? List.of() : List.copyOf(categoryIds);
        }
    }

    public record OrderPlaced(UUID orderId, String number, UUID customerId, String email, String currency,
                              long subtotal, long discountTotal, long shippingTotal, long taxTotal, long grandTotal,
                              String channel, String paymentProvider, List<Line> lines, Instant placedAt) {
    }

    public record OrderPaid(UUID orderId, String number, UUID customerId, String currency, long amount,
                            String provider, String channel, Instant paidAt) {
    }

    /** {@code reason} is the free text given, if any; {@code reasonCode} is safe to share (no personal data). */
    public record OrderCancelled(UUID orderId, String number, UUID customerId, String currency, long grandTotal,
                                 String reason, String reasonCode, String actorType, String channel,
                                 Instant cancelledAt) {
    }

    public record PaymentFailed(UUID orderId, String number, UUID customerId, String provider, String reason,
                                Instant failedAt) {
    }
}
