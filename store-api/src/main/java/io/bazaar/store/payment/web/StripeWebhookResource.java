package io.bazaar.store.payment.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.store.payment.app.StripeWebhooks;
import io.bazaar.store.payment.app.StripeWebhooks.Receipt;
import io.bazaar.store.platform.idempotency.IdempotencyExempt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Where Stripe delivers events. The body is taken as raw bytes (any content type, no JSON binding)
 * so the signature is checked on exactly what was received.
 */
@Path("/v1/webhooks/stripe")
@Tag(name = "Payments")
public class StripeWebhookResource {
    public static final String SIGNATURE_HEADER = "Stripe-Signature";
    private final StripeWebhooks webhooks;

    /** @param webhooks null when Stripe is not configured: every delivery is then 404 */
    public StripeWebhookResource(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @IdempotencyExempt("Stripe events are de-duplicated by their event id")
    @Operation(summary = "Stripe webhook endpoint",
            description = "Verifies Stripe-Signature on the raw body (400 invalid_webhook_signature when missing, "
                    + "wrong or older than the tolerance), then applies payment_intent.succeeded, "
                    + "payment_intent.payment_failed, payment_intent.canceled and charge.refunded once per event id. "
                    + "A repeated event answers 200 with duplicate=true. 404 when Stripe is not enabled.")
    public Receipt receive(@HeaderParam(SIGNATURE_HEADER) String signature, byte[] body) {
        if (webhooks == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Stripe payments are not enabled on this shop");
        }
        return webhooks.receive(body == null ? new byte[0] : body, signature);
    }
}
