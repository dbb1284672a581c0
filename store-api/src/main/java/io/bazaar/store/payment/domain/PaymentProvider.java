package io.bazaar.store.payment.domain;

import java.util.UUID;

/**
 * The port every payment provider implements. Bazaar never sees card data: a provider either
 * collects payment offline (manual) or hands the client what it needs to pay the provider directly.
 */
public interface PaymentProvider {

    /** Stable name clients choose at checkout ({@code manual}, {@code stripe}). */
    String name();

    /** What checkout returns to the client to complete payment. */
    record PaymentStart(String providerReference, String clientSecret, String instructions) {
    }

    /**
     * Starts collecting {@code amount} for an order. Called inside the checkout transaction, so it must
     * be idempotent by {@code orderId} (the same order never starts two payments).
     */
    PaymentStart start(UUID orderId, String orderNumber, long amount, String currency);

    /** Gives the money back for a paid order (or records that staff must). */
    void refund(UUID orderId, String providerReference, long amount, String currency);
}
