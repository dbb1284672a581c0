package io.bazaar.crm.followup.app;

import io.bazaar.crm.followup.domain.FollowUpTrigger;
import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.ForwardingCrmIntake;
import io.bazaar.crm.intake.OrderCancelledFact;
import io.bazaar.crm.intake.OrderDeliveredFact;
import io.bazaar.crm.intake.OrderPlacedFact;
import io.bazaar.crm.intake.ReturnReceivedFact;
import io.bazaar.crm.intake.ReturnRequestedFact;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The CRM intake with follow-ups on top: after the delegate recorded a fact, the matching rules'
 * jobs are scheduled (or an order's pending ones cancelled) in the same transaction, so a fact and
 * its follow-ups commit together. Scheduling is idempotent per (rule, order), so a redelivered
 * fact changes nothing.
 */
public final class FollowUpIntake extends ForwardingCrmIntake {
    private final FollowUpService followUps;

    public FollowUpIntake(CrmIntake delegate, FollowUpService followUps) {
        super(delegate);
        this.followUps = Objects.requireNonNull(followUps);
    }

    @Override
    public void orderPlaced(Handle handle, UUID eventId, OrderPlacedFact fact) {
        delegate.orderPlaced(handle, eventId, fact);
        followUps.orderedAgain(handle, fact.customerId(), fact.orderId());
        if (followUps.isFirstOrder(handle, fact.customerId())) {
            followUps.schedule(handle, FollowUpTrigger.FIRST_ORDER, fact.customerId(), fact.orderId(), null,
                    fact.placedAt());
        }
        followUps.schedule(handle, FollowUpTrigger.NO_ORDER_FOR_DAYS, fact.customerId(), fact.orderId(), null,
                fact.placedAt());
    }

    @Override
    public void orderCancelled(Handle handle, UUID eventId, OrderCancelledFact fact) {
        delegate.orderCancelled(handle, eventId, fact);
        followUps.cancelForOrder(handle, fact.orderId(), "order_cancelled");
    }

    @Override
    public void orderDelivered(Handle handle, UUID eventId, OrderDeliveredFact fact) {
        delegate.orderDelivered(handle, eventId, fact);
        if (!fact.fullyDelivered()) {
            return; // follow up once everything arrived
        }
        followUps.schedule(handle, FollowUpTrigger.ORDER_DELIVERED, fact.customerId(), fact.orderId(), null,
                fact.deliveredAt());
    }

    @Override
    public void returnRequested(Handle handle, UUID eventId, ReturnRequestedFact fact) {
        delegate.returnRequested(handle, eventId, fact);
        followUps.cancelForOrder(handle, fact.orderId(), "order_returned");
    }

    @Override
    public void returnReceived(Handle handle, UUID eventId, ReturnReceivedFact fact) {
        delegate.returnReceived(handle, eventId, fact);
        followUps.schedule(handle, FollowUpTrigger.RETURN_RECEIVED, fact.customerId(), fact.orderId(), null,
                fact.receivedAt());
    }

}
