package io.bazaar.store.fulfilment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events the fulfilment feature writes to the outbox; each names the customer (null for guests) and the lines. */
public final class FulfilmentEvents {
    public static final String SHIPPED = "order.shipped";
    public static final String DELIVERED = "order.delivered";
    /** An exchange's replacement left (its own shipment, not an order line). */
    public static final String REPLACEMENT_SHIPPED = "return.replacement_shipped";
    public static final String REPLACEMENT_DELIVERED = "return.replacement_delivered";

    private FulfilmentEvents() {
    }

    public record Line(UUID orderLineId, UUID variantId, String sku, String title, int quantity, long unitPrice) {
    }

    /** {@code fulfilmentStatus} is the order's state after this shipment (partially_shipped or shipped). */
    public record OrderShipped(UUID orderId, String number, UUID customerId, UUID shipmentId, String carrier,
                               String trackingNumber, String trackingUrl, String currency, List<Line> lines,
                               String fulfilmentStatus, String channel, Instant shippedAt) {
    }

    /** {@code via} is staff or carrier (a signed callback). */
    public record OrderDelivered(UUID orderId, String number, UUID customerId, UUID shipmentId, String currency,
                                 List<Line> lines, String fulfilmentStatus, String via, String channel,
                                 Instant deliveredAt) {
    }

    public record ReplacementLine(UUID variantId, String sku, String title, int quantity) {
    }

    /** {@code status} is shipped or delivered; {@code via} (staff or carrier) only once delivered. */
    public record ReplacementShipment(UUID orderId, String number, UUID customerId, UUID returnId, UUID shipmentId,
                                      String carrier, String trackingNumber, String trackingUrl,
                                      List<ReplacementLine> lines, String status, String via, String channel,
                                      Instant at) {
    }
}
