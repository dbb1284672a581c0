package io.bazaar.crm.intake;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Base of the intake decorators (loyalty, follow-ups, segments): every fact goes to the wrapped intake;
 * a decorator overrides only the facts it adds work to, calls {@code super} first, and does its own
 * work in the same transaction. A new fact type then needs no change in the decorators.
 */
public abstract class ForwardingCrmIntake implements CrmIntake {
    protected final CrmIntake delegate;

    protected ForwardingCrmIntake(CrmIntake delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate);
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
    }

    @Override
    public void orderCancelled(Handle handle, UUID eventId, OrderCancelledFact fact) {
        delegate.orderCancelled(handle, eventId, fact);
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

    @Override
    public void returnDecided(Handle handle, UUID eventId, ReturnDecidedFact fact) {
        delegate.returnDecided(handle, eventId, fact);
    }

    @Override
    public void cartAbandoned(Handle handle, UUID eventId, CartAbandonedFact fact) {
        delegate.cartAbandoned(handle, eventId, fact);
    }

    @Override
    public void guestOrdersPlaced(Handle handle, List<GuestOrderPlacedFact> facts) {
        delegate.guestOrdersPlaced(handle, facts);
    }

    @Override
    public void returnReceived(Handle handle, UUID eventId, ReturnReceivedFact fact) {
        delegate.returnReceived(handle, eventId, fact);
    }

    @Override
    public void refunded(Handle handle, UUID eventId, RefundedFact fact) {
        delegate.refunded(handle, eventId, fact);
    }

    @Override
    public void communityPost(Handle handle, UUID eventId, CommunityPostFact fact) {
        delegate.communityPost(handle, eventId, fact);
    }
}
