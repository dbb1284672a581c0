package io.bazaar.crm.loyalty.app;

import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.ForwardingCrmIntake;
import io.bazaar.crm.intake.OrderCancelledFact;
import io.bazaar.crm.intake.OrderPaidFact;
import io.bazaar.crm.intake.RefundedFact;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The CRM intake with loyalty on top: every fact goes to the timeline/ledger intake first, then
 * payments earn points and refunds or cancellations take them back, in the same transaction.
 */
public final class LoyaltyIntake extends ForwardingCrmIntake {
    private final LoyaltyService loyalty;
    private final LoyaltyProgram program;

    public LoyaltyIntake(CrmIntake delegate, LoyaltyService loyalty) {
        this(delegate, loyalty, null);
    }

    /** With the loyalty program (issue #8): referral rewards, redeemed points on refunds, tiers. */
    public LoyaltyIntake(CrmIntake delegate, LoyaltyService loyalty, LoyaltyProgram program) {
        super(delegate);
        this.loyalty = Objects.requireNonNull(loyalty);
        this.program = program;
    }

    @Override
    public void orderPaid(Handle handle, UUID eventId, OrderPaidFact fact) {
        delegate.orderPaid(handle, eventId, fact);
        loyalty.earnForPaidOrder(handle, eventId, fact.customerId(), fact.orderId(), fact.amount(), fact.currency(),
                fact.paidAt());
        if (program != null) {
            program.onOrderPaid(handle, eventId, fact.customerId(), fact.orderId());
        }
    }

    @Override
    public void orderCancelled(Handle handle, UUID eventId, OrderCancelledFact fact) {
        delegate.orderCancelled(handle, eventId, fact);
        loyalty.reverseForCancellation(handle, eventId, fact.customerId(), fact.orderId(), fact.cancelledAt());
        if (program != null) {
            program.onOrderCancelled(handle, fact.customerId());
        }
    }

    // ---- Abandoned-cart leads (issue #6) ----

    // ---- end ----

    @Override
    public void refunded(Handle handle, UUID eventId, RefundedFact fact) {
        delegate.refunded(handle, eventId, fact);
        loyalty.reverseForRefund(handle, eventId, fact.customerId(), fact.orderId(), fact.amount(), fact.refundedAt());
        if (program != null) {
            program.onRefunded(handle, eventId, fact.customerId(), fact.orderId());
        }
    }

}
