package io.bazaar.store.payment.app;

import io.bazaar.store.payment.domain.PaymentProvider;
import java.util.UUID;

/**
 * Bank transfer or cash on delivery: nothing is charged online. Staff mark the order paid when the
 * money arrives, and pay refunds back themselves; Bazaar records both.
 */
public final class ManualPaymentProvider implements PaymentProvider {
    private final String instructions;

    public ManualPaymentProvider(String instructions) {
        this.instructions = instructions;
    }

    @Override
    public String name() {
        return "manual";
    }

    @Override
    public String instructions(String orderNumber) {
        return instructions.replace("{order_number}", orderNumber);
    }

    @Override
    public PaymentStart start(UUID orderId, String orderNumber, long amount, String currency) {
        return new PaymentStart(null, null, instructions(orderNumber));
    }

    @Override
    public void refund(String operationKey, UUID orderId, String providerReference, long amount, String currency) {
        // Recorded by the caller; the transfer back is done by staff outside Bazaar.
    }
}
