package io.bazaar.store.returns.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events the returns feature writes to the outbox, all with the same facts for the CRM's after-sales follow-up. */
public final class ReturnEvents {
    public static final String REQUESTED = "return.requested";
    public static final String APPROVED = "return.approved";
    public static final String REJECTED = "return.rejected";
    public static final String RECEIVED = "return.received";
    public static final String EXCHANGE_CREATED = "return.exchange_created";
    public static final String EXTRA_PAYMENT_RECEIVED = "return.extra_payment_received";

    private ReturnEvents() {
    }

    /**
     * A returned line: {@code amount} is what these units were paid; {@code restocked}/{@code damaged}
     * are filled once received; the replacement fields only for exchanges.
     */
    public record Line(UUID orderLineId, UUID variantId, String sku, String title, int quantity, long amount,
                       int restocked, int damaged, UUID replacementVariantId, Long replacementUnitPrice) {
    }

    /**
     * {@code reason} is the customer's reason code; {@code message} the customer's comment (requested) or the
     * staff message (approved/rejected). {@code amount} is the value of the returned units;
     * {@code priceDifference} the exchange's replacement value minus it (positive: the customer pays).
     */
    public record ReturnChanged(UUID returnId, String number, UUID orderId, String orderNumber, UUID customerId,
                                String status, String resolution, String reason, String message, String currency,
                                long amount, long priceDifference, List<Line> lines, String actorType, UUID actorId,
                                String channel, Instant at) {
    }
}
