package io.bazaar.crm.loyalty.app;

import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.CustomerRegisteredFact;
import io.bazaar.crm.intake.OrderCancelledFact;
import io.bazaar.crm.intake.OrderDeliveredFact;
import io.bazaar.crm.intake.OrderPaidFact;
import io.bazaar.crm.intake.OrderPlacedFact;
import io.bazaar.crm.intake.OrderShippedFact;
import io.bazaar.crm.intake.RefundedFact;
import io.bazaar.crm.intake.ReturnReceivedFact;
import io.bazaar.crm.intake.ReturnRequestedFact;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The CRM intake with loyalty on top: every fact goes to the timeline/ledger intake first, then
 * payments earn points and refunds or cancellations take them back, in the same transaction.
 */
public final class LoyaltyIntake implements CrmIntake {
    private final CrmIntake delegate;
    private final LoyaltyService loyalty;
    private final LoyaltyProgram program;

    public LoyaltyIntake(CrmIntake delegate, LoyaltyService loyalty) {
        this(delegate, loyalty, null);
    }

    /** With the loyalty program (issue #8): referral rewards, redeemed points on refunds, tiers. */
    public LoyaltyIntake(CrmIntake delegate, LoyaltyService loyalty, LoyaltyProgram program) {
        this.delegate = Objects.requireNonNull(delegate);
        this.loyalty = Objects.requireNonNull(loyalty);
        this.program = program;
    }

    @Override
    public void customerRegistered(Handle handle, UUID eventId, CustomerRegisteredFact fact) {
        delegate.customerRegistered(handle, eventId, fact);
    }

    @Override
    public void orderPlaced(Handle handle, UUID eventId, OrderPlacedFact fact) {
        delegate.orderPlaced(handle, eventId, fact);
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

    @Override
    public void orderShipped(Handle handle, UUID eventId, OrderShippedFact fact) {
        delegate.orderShipped(handle, eventId, fact);
    }

    @Override
    public void orderDelivered(Handle handle, UUID eventId, OrderDeliveredFact fact) {
        delegate.orderDelivered(handle, eventId, fact);
    }

    @Override
    public void returnRequested(Handle handle, UUID eventId, ReturnRequestedFact fact) {
        delegate.returnRequested(handle, eventId, fact);
    }

    // ---- Return updates (issue #6) ----
    @Override
    public void returnDecided(Handle handle, UUID eventId, io.bazaar.crm.intake.ReturnDecidedFact fact) {
        delegate.returnDecided(handle, eventId, fact);
    }
    // ---- end ----

    // ---- Abandoned-cart leads (issue #6) ----
    @Override
    public void cartAbandoned(Handle handle, UUID eventId, io.bazaar.crm.intake.CartAbandonedFact fact) {
        delegate.cartAbandoned(handle, eventId, fact);
    }

    @Override
    public void guestOrderPlaced(Handle handle, UUID eventId, io.bazaar.crm.intake.GuestOrderPlacedFact fact) {
        delegate.guestOrderPlaced(handle, eventId, fact);
    }
    // ---- end ----

    @Override
    public void returnReceived(Handle handle, UUID eventId, ReturnReceivedFact fact) {
        delegate.returnReceived(handle, eventId, fact);
    }

    @Override
    public void refunded(Handle handle, UUID eventId, RefundedFact fact) {
        delegate.refunded(handle, eventId, fact);
        loyalty.reverseForRefund(handle, eventId, fact.customerId(), fact.orderId(), fact.amount(), fact.refundedAt());
        if (program != null) {
            program.onRefunded(handle, eventId, fact.customerId(), fact.orderId());
        }
    }

    // ---- Reviews and questions (issue #7, part 5) ----
    @Override
    public void communityPost(Handle handle, UUID eventId, io.bazaar.crm.intake.CommunityPostFact fact) {
        delegate.communityPost(handle, eventId, fact);
    }
    // ---- end reviews ----
}
