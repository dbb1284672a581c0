package io.bazaar.crm.segment.app;

import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.ForwardingCrmIntake;
import io.bazaar.crm.intake.OrderCancelledFact;
import io.bazaar.crm.intake.OrderPaidFact;
import io.bazaar.crm.intake.RefundedFact;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The intake with segments on top, in the same transaction: every fact that changes what a customer bought
 * re-scores that customer's RFM. (Order lines with their categories, for "category bought" rules, are kept by
 * the intake itself in {@code crm_order_line_ledger}.)
 */
public final class SegmentIntake extends ForwardingCrmIntake {
    private final RfmService rfm;

    public SegmentIntake(CrmIntake delegate, RfmService rfm) {
        super(delegate);
        this.rfm = Objects.requireNonNull(rfm);
    }

    @Override
    public void orderPaid(Handle handle, UUID eventId, OrderPaidFact fact) {
        delegate.orderPaid(handle, eventId, fact);
        rfm.refreshCustomer(handle, fact.customerId());
    }

    @Override
    public void orderCancelled(Handle handle, UUID eventId, OrderCancelledFact fact) {
        delegate.orderCancelled(handle, eventId, fact);
        rfm.refreshCustomer(handle, fact.customerId());
    }

    @Override
    public void refunded(Handle handle, UUID eventId, RefundedFact fact) {
        delegate.refunded(handle, eventId, fact);
        rfm.refreshCustomer(handle, fact.customerId());
    }
}
