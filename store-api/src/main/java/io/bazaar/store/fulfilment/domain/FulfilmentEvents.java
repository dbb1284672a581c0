package io.bazaar.store.fulfilment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events the fulfilment feature writes to the outbox; each names the customer (null for guests) and the lines. */
public final class FulfilmentEvents {
    public static final String SHIPPED = "order.shipped";
    public static final String DELIVERED = "order.delivered";

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
}
