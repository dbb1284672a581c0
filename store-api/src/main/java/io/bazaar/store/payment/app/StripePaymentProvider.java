package io.bazaar.store.payment.app;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.store.payment.domain.PaymentProvider;
import io.bazaar.store.payment.domain.PaymentProviderException;
import io.bazaar.store.payment.domain.StripeAmounts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card payments through Stripe PaymentIntents (stripe-java). Bazaar creates the intent for the
 * order's grand total and hands its client secret to the shop frontend, which confirms it with
 * Stripe.js: card data goes from the browser to Stripe, never through Bazaar. Whether the payment
 * succeeded is learnt from signed webhooks ({@link StripeWebhooks}) and, when one is missed, from the
 * reconciliation job ({@link StripeReconciler}).
 *
 * <p>Every POST carries an idempotency key derived from our own operation, so a retry (ours, or
 * stripe-java's network retries) can never create a second intent or a second refund:
 * {@code order:<id>:create-intent}, {@code order:<id>:cancel-intent}, {@code refund:<order id>:<intent id>}.
 */
public final class StripePaymentProvider implements PaymentProvider {
    public static final String NAME = "stripe";
    private static final Logger LOG = LoggerFactory.getLogger(StripePaymentProvider.class);

    /** What Bazaar needs to know about an intent, in Bazaar's minor units. */
    public record Intent(String id, String status, long amount, long amountReceived, String currency,
                         String clientSecret, String orderId) {
    }

    private final StripeClient client;

    public StripePaymentProvider(StripeClient client) {
        this.client = client;
    }

    /**
     * A client for {@code secretKey}; {@code apiBase} empty means Stripe's own API, anything else (a
     * local stub in tests) replaces it.
     */
    public static StripeClient client(String secretKey, String apiBase, Duration connectTimeout, Duration readTimeout,
                                      int maxNetworkRetries) {
        StripeClient.StripeClientBuilder b = StripeClient.builder()
                .setApiKey(secretKey)
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setReadTimeout((int) readTimeout.toMillis())
                .setMaxNetworkRetries(maxNetworkRetries);
        if (apiBase != null && !apiBase.isBlank()) {
            b.setApiBase(apiBase.strip().replaceAll("/+$", ""));
        }
        return b.build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkChargeable(long amount, String currency) {
        try {
            long stripeAmount = StripeAmounts.toStripe(amount, currency);
            if (stripeAmount <= 0) {
                throw new StripeAmounts.NotChargeable("Stripe cannot charge a total of zero");
            }
        } catch (StripeAmounts.NotChargeable e) {
            throw new ApiException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE, e.getMessage()
                    + "; choose another payment provider", List.of(new FieldError("payment_provider",
                    "stripe cannot charge this order")));
        }
    }

    @Override
    public PaymentStart start(UUID orderId, String orderNumber, long amount, String currency) {
        Intent intent = createIntent(orderId, orderNumber, amount, currency);
        return new PaymentStart(intent.id(), intent.clientSecret(), null);
    }

    @Override
    public PaymentStart resume(UUID orderId, String orderNumber, long amount, String currency,
                               String providerReference) {
        Intent intent = providerReference == null ? createIntent(orderId, orderNumber, amount, currency)
                : retrieve(providerReference);
        return new PaymentStart(intent.id(), intent.clientSecret(), null);
    }

    /**
     * Creates (or, for the same order, finds again: the idempotency key makes Stripe answer the first
     * response for 24 hours) the order's PaymentIntent.
     */
    public Intent createIntent(UUID orderId, String orderNumber, long amount, String currency) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(StripeAmounts.toStripe(amount, currency))
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true).build())
                .setDescription("Order " + orderNumber)
                .putMetadata("order_id", orderId.toString())
                .putMetadata("order_number", orderNumber)
                .build();
        try {
            return intent(client.v1().paymentIntents().create(params, key("order:" + orderId + ":create-intent")));
        } catch (StripeException e) {
            throw failure("create the payment for order " + orderNumber, e);
        }
    }

    public Intent retrieve(String paymentIntentId) {
        try {
            return intent(client.v1().paymentIntents().retrieve(paymentIntentId));
        } catch (StripeException e) {
            throw failure("read payment " + paymentIntentId, e);
        }
    }

    @Override
    public void refund(String operationKey, UUID orderId, String providerReference, long amount, String currency) {
        if (providerReference == null) {
            throw new IllegalStateException("order " + orderId + " has no Stripe payment to refund");
        }
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(providerReference)
                .setAmount(StripeAmounts.toStripe(amount, currency))
                .putMetadata("order_id", orderId.toString())
                .build();
        try {
            Refund refund = client.v1().refunds().create(params, key(operationKey));
            LOG.info("Refunded {} for order {} ({})", providerReference, orderId, refund.getId());
        } catch (StripeException e) {
            if ("charge_already_refunded".equals(e.getCode())) {
                // Refunded before (our earlier attempt past the 24 h idempotency window, or from the Dashboard).
                LOG.info("Payment {} of order {} was already refunded", providerReference, orderId);
                return;
            }
            throw failure("refund payment " + providerReference, e);
        }
    }

    @Override
    public void cancel(UUID orderId, String providerReference) {
        if (providerReference == null) {
            return;
        }
        try {
            client.v1().paymentIntents().cancel(providerReference, PaymentIntentCancelParams.builder()
                    .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build(),
                    key("order:" + orderId + ":cancel-intent"));
        } catch (StripeException e) {
            // Typically payment_intent_unexpected_state: it succeeded meanwhile, which the webhook or the
            // reconciliation job settles as a late payment.
            throw failure("cancel payment " + providerReference, e);
        }
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private static Intent intent(PaymentIntent pi) {
        String currency = pi.getCurrency() == null ? null : pi.getCurrency().toUpperCase(Locale.ROOT);
        long amount = pi.getAmount() == null || currency == null ? 0 : StripeAmounts.fromStripe(pi.getAmount(), currency);
        long received = pi.getAmountReceived() == null || currency == null ? 0
                : StripeAmounts.fromStripe(pi.getAmountReceived(), currency);
        return new Intent(pi.getId(), pi.getStatus(), amount, received, currency, pi.getClientSecret(),
                pi.getMetadata() == null ? null : pi.getMetadata().get("order_id"));
    }

    private static PaymentProviderException failure(String what, StripeException e) {
        return new PaymentProviderException("Stripe could not " + what + ": " + e.getMessage(), e.getCode(), e);
    }
}
