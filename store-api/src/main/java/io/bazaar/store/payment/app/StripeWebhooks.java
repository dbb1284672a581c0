package io.bazaar.store.payment.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.order.app.OrderService.PaymentOutcome;
import io.bazaar.store.payment.domain.PaymentProviderException;
import io.bazaar.store.payment.domain.StripeAmounts;
import io.bazaar.store.payment.persistence.StripeEventDao;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe's webhook events: verified, de-duplicated and applied to orders.
 *
 * <p>The signature ({@code Stripe-Signature: t=...,v1=...}, an HMAC-SHA256 of {@code t.body} under the
 * endpoint's signing secret) is checked by stripe-java on exactly the bytes received, and the timestamp
 * must be within the tolerance of the application clock. Nothing is read from an event before that.
 *
 * <p>Each event is applied in one transaction that first inserts its id into {@code stripe_event}:
 * a redelivery, even one running at the same moment, finds the id taken and changes nothing. The
 * effects themselves ({@link OrderService#confirmProviderPayment} and friends) lock the order and
 * accept the events in any order, so a success that overtakes a failure, or arrives before the
 * checkout response reached the client, still makes exactly one paid order.
 */
public final class StripeWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Bazaar answers Stripe for an event. */
    public record Receipt(String eventId, String type, String outcome, boolean duplicate) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderService orders;
    private final String signingSecret;
    private final long toleranceSeconds;

    public StripeWebhooks(Jdbi jdbi, Clock clock, OrderService orders, String signingSecret, Duration tolerance) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.orders = orders;
        this.signingSecret = signingSecret;
        this.toleranceSeconds = tolerance.toSeconds();
    }

    /**
     * Verifies and applies one delivery.
     *
     * @throws ApiException 400 {@code invalid_webhook_signature} for a missing, wrong or stale signature;
     *                      503 when applying it needs Stripe (a refund) and Stripe cannot be reached, so
     *                      that Stripe delivers the event again later
     */
    public Receipt receive(byte[] body, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw invalid("The Stripe-Signature header is missing");
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        try {
            Webhook.constructEvent(payload, signatureHeader, signingSecret, toleranceSeconds, clock);
        } catch (SignatureVerificationException e) {
            LOG.warn("Rejected a Stripe webhook: {}", e.getMessage());
            throw invalid(e.getMessage());
        } catch (RuntimeException e) {
            // Signed by Stripe yet not an event: nothing to apply.
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The webhook body is not a Stripe event");
        }
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The webhook body is not a Stripe event");
        }
        String id = event.path("id").asText("");
        String type = event.path("type").asText("");
        JsonNode object = event.path("data").path("object");
        if (id.isEmpty() || !object.isObject()) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The webhook body is not a Stripe event");
        }
        return switch (type) {
            case "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled",
                 "charge.refunded" -> apply(id, type, object, event.path("livemode").asBoolean(false));
            default -> new Receipt(id, type, "ignored", false);
        };
    }

    private Receipt apply(String id, String type, JsonNode object, boolean livemode) {
        String objectId = object.path("id").asText(null);
        try {
            return jdbi.inTransaction(h -> {
                StripeEventDao events = h.attach(StripeEventDao.class);
                if (events.insert(id, type, objectId, livemode, clock.instant()) == 0) {
                    return new Receipt(id, type, "duplicate", true);
                }
                String intentId = type.startsWith("charge.") ? object.path("payment_intent").asText(null) : objectId;
                UUID orderId = orderOf(h, object, intentId);
                PaymentOutcome outcome = orderId == null || intentId == null ? PaymentOutcome.UNKNOWN_ORDER
                        : effect(h, type, object, orderId, intentId);
                events.setOutcome(id, outcome.code(), orderId);
                LOG.info("Stripe {} {} for order {}: {}", type, id, orderId, outcome.code());
                return new Receipt(id, type, outcome.code(), false);
            });
        } catch (PaymentProviderException e) {
            LOG.warn("Stripe event {} could not be applied yet: {}", id, e.getMessage());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Stripe could not be reached while applying "
                    + "this event; nothing changed, deliver it again");
        }
    }

    private PaymentOutcome effect(Handle h, String type, JsonNode object, UUID orderId, String intentId) {
        String name = StripePaymentProvider.NAME;
        switch (type) {
            case "payment_intent.succeeded": {
                String currency = object.path("currency").asText("").toUpperCase(Locale.ROOT);
                long stripeAmount = object.has("amount_received") ? object.path("amount_received").asLong()
                        : object.path("amount").asLong();
                return orders.confirmProviderPayment(h, orderId, name, intentId,
                        StripeAmounts.fromStripe(stripeAmount, currency), currency);
            }
            case "payment_intent.payment_failed":
                return orders.recordPaymentFailure(h, orderId, name, intentId, failureReason(object));
            case "payment_intent.canceled":
                return orders.recordPaymentCanceled(h, orderId, name, intentId);
            case "charge.refunded":
                if (!object.path("refunded").asBoolean(false)) {
                    // Partial refunds are made by Bazaar's returns, which record them themselves.
                    return PaymentOutcome.IGNORED;
                }
                return orders.recordProviderRefund(h, orderId, name, intentId);
            default:
                throw new IllegalArgumentException(type);
        }
    }

    /** The order an event is about: our metadata on the intent, else the payment recorded under its id. */
    private UUID orderOf(Handle h, JsonNode object, String intentId) {
        String fromMetadata = object.path("metadata").path("order_id").asText(null);
        if (fromMetadata != null) {
            UUID id = Ids.parse(fromMetadata).orElse(null);
            if (id != null) {
                return id;
            }
        }
        return intentId == null ? null : orders.orderForPayment(h, StripePaymentProvider.NAME, intentId).orElse(null);
    }

    /** A short reason safe to share: Stripe's decline code or error code, and its message (no card data). */
    private static String failureReason(JsonNode intent) {
        JsonNode error = intent.path("last_payment_error");
        String code = error.path("decline_code").asText(error.path("code").asText("payment_failed"));
        String message = error.path("message").asText("");
        String reason = message.isEmpty() ? code : code + ": " + message;
        return reason.length() > 300 ? reason.substring(0, 300) : reason;
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.INVALID_WEBHOOK_SIGNATURE, detail + "; nothing was changed");
    }
}
