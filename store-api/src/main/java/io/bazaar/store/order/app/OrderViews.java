package io.bazaar.store.order.app;

import io.bazaar.shared.money.Money;
import io.bazaar.store.order.domain.Address;
import io.bazaar.store.promotion.app.PromotionViews.DiscountView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** How orders are shown to customers and staff. */
public final class OrderViews {
    private OrderViews() {
    }

    /** {@code discount} is the line's share of the order's discounts; {@code tax} is on what is left. */
    /** {@code id} names the line in shipments and returns ({@code order_line_id}). */
    public record OrderLineView(UUID id, UUID variantId, UUID productId, String sku, String title, Map<String, String> options,
                                int quantity, Money unitPrice, Money lineTotal, Money discount, Money tax) {
    }

    public record Totals(Money subtotal, Money discountTotal, Money shippingTotal, Money taxTotal, Money grandTotal,
                         boolean pricesIncludeTax) {
    }

    public record Shipping(String method, Address address, int deliveryMinDays, int deliveryMaxDays) {
    }

    public record PaymentView(String provider, String status, Money amount, String instructions) {
    }

    public record Transition(String from, String to, String actorType, UUID actorId, String reason, Instant at) {
    }

    public record Note(UUID id, UUID staffId, String body, Instant createdAt) {
    }

    public record OrderView(UUID id, String number, String status, UUID customerId, String email, String currency,
                            List<OrderLineView> lines, List<DiscountView> discounts, Totals totals, Shipping shipping, Address billingAddress,
                            PaymentView payment, String channel, Instant reservationExpiresAt, Instant placedAt,
                            Instant updatedAt, List<Transition> history, List<Note> notes,
                            String fulfilmentStatus, List<ShipmentView> shipments, Money refundedTotal) {
    }

    /** A shipment as the buyer sees it (issue #5): what left, with whom, and how to track it. */
    public record ShipmentView(UUID id, String status, String carrier, String trackingNumber, String trackingUrl,
                               List<ShipmentLineView> lines, Instant shippedAt, Instant deliveredAt,
                               UUID returnId) {
    }

    public record ShipmentLineView(UUID orderLineId, String sku, String title, int quantity) {
    }

    /** Supplies shipments to order views; implemented by the fulfilment feature, wired at start. */
    public interface ShipmentViews {
        List<ShipmentView> forOrder(org.jdbi.v3.core.Handle handle, UUID orderId);
    }

    public record OrderSummary(UUID id, String number, String status, String email, Money grandTotal, int itemCount,
                               Instant placedAt) {
    }

    /**
     * What a client needs to (re)start paying an unpaid order with a provider such as Stripe:
     * {@code clientSecret} is for the provider's client SDK and is never stored by Bazaar.
     */
    public record PaymentIntentView(UUID orderId, String orderNumber, String provider, String status, Money amount,
                                    String clientSecret, String instructions) {
    }

    /**
     * The answer to a checkout. {@code accessToken} lets a guest track the order; it is shown only
     * here. {@code clientSecret} is for the payment provider's client SDK (Stripe), null for manual.
     */
    public record CheckoutResult(OrderView order, String accessToken, String clientSecret, String paymentInstructions) {
    }
}
