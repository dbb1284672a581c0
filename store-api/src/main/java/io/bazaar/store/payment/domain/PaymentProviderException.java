package io.bazaar.store.payment.domain;

/**
 * A payment provider could not do what was asked: unreachable, or it refused. Nothing changed on
 * Bazaar's side; the caller decides whether to retry, to answer 503, or to carry on without it.
 */
public class PaymentProviderException extends RuntimeException {
    private final String providerCode;

    public PaymentProviderException(String message, String providerCode, Throwable cause) {
        super(message, cause);
        this.providerCode = providerCode;
    }

    /** The provider's own error code (e.g. Stripe's {@code charge_already_refunded}), or null. */
    public String providerCode() {
        return providerCode;
    }
}
