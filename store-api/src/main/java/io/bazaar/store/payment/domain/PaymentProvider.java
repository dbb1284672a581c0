package io.bazaar.store.payment.domain;

import java.util.UUID;

/**
 * The port every payment provider implements. Bazaar never sees card data: a provider either
 * collects payment offline (manual) or hands the client what it needs to pay the provider directly.
 *
 * <p>Order of operations at checkout: {@link #checkChargeable} runs inside the checkout transaction
 * (no I/O, it may refuse the order before anything is written); {@link #start} runs after that
 * transaction committed, so a provider that calls out over the network never does so while
 * checkout holds stock and order locks.
 */
public interface PaymentProvider {

    /** Stable name clients choose at checkout ({@code manual}, {@code stripe}). */
    String name();

    /** What checkout returns to the client to complete payment. */
    record PaymentStart(String providerReference, String clientSecret, String instructions) {
    }

    /**
     * Refuses, before the order is placed, an amount or currency this provider cannot collect. Throws the
     * API's business exception; no I/O.
     */
    default void checkChargeable(long amount, String currency) {
    }

    /** Text shown to the customer about how to pay (manual), or null. No I/O. */
    default String instructions(String orderNumber) {
        return null;
    }

    /**
     * Starts collecting {@code amount} for a placed order. Called after the checkout transaction
     * committed, and must be idempotent by {@code orderId}: calling it again for the same order never
     * starts a second payment.
     *
     * @throws PaymentProviderException when the provider cannot be reached or refuses
     */
    PaymentStart start(UUID orderId, String orderNumber, long amount, String currency);

    /**
     * Answers the payment already started for an order (for a client that lost the checkout
     * response, or whose first attempt failed). {@code providerReference} is null when the reference
     * was never recorded. Never starts a second payment for the order.
     */
    default PaymentStart resume(UUID orderId, String orderNumber, long amount, String currency,
                                String providerReference) {
        return start(orderId, orderNumber, amount, currency);
    }

    /**
     * Gives {@code amount} back for a paid order (or records that staff must). Idempotent per
     * {@code operationKey}: a retried call with the same key never refunds twice, and two different
     * refunds of one order (two partial refunds of the same amount, say) must have different keys.
     *
     * @param operationKey our operation's identity, e.g. {@code refund:<refund id>}
     * @throws PaymentProviderException when the provider cannot be reached or refuses
     */
    void refund(String operationKey, UUID orderId, String providerReference, long amount, String currency);

    /**
     * Stops a payment that has not completed, for an order cancelled before it was paid, so the
     * customer can no longer pay for it. Best effort: a payment that completes anyway is handled as a
     * late payment.
     */
    default void cancel(UUID orderId, String providerReference) {
    }
}
