package io.bazaar.crm.intake;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The CRM's intake contract: the facts it wants to hear from the store. The store adapts its own
 * domain events to these facts in one integration package; the CRM never sees store types.
 *
 * <p>Every method takes the id of the event that carried the fact and the handle of the
 * transaction delivering it. Recording is idempotent by event id (the unique
 * {@code crm_timeline_entry.source_event_id}), so a fact delivered twice leaves one timeline entry
 * and changes the CRM's order ledger once. Facts about an order the CRM has not heard of yet (out of
 * order delivery) still land on the timeline; ledger updates for it are skipped.
 */
public interface CrmIntake {

    void customerRegistered(Handle handle, UUID eventId, CustomerRegisteredFact fact);

    void orderPlaced(Handle handle, UUID eventId, OrderPlacedFact fact);

    void orderPaid(Handle handle, UUID eventId, OrderPaidFact fact);

    void orderCancelled(Handle handle, UUID eventId, OrderCancelledFact fact);

    void orderShipped(Handle handle, UUID eventId, OrderShippedFact fact);

    void orderDelivered(Handle handle, UUID eventId, OrderDeliveredFact fact);

    void returnRequested(Handle handle, UUID eventId, ReturnRequestedFact fact);

    // ---- Return updates (issue #6) ----
    void returnDecided(Handle handle, UUID eventId, ReturnDecidedFact fact);
    // ---- end ----

    // ---- Abandoned-cart leads (issue #6) ----
    void cartAbandoned(Handle handle, UUID eventId, CartAbandonedFact fact);

    /** Guest orders, in the order placed: each converts the lead with its email, if one is still open. */
    void guestOrdersPlaced(Handle handle, List<GuestOrderPlacedFact> facts);
    // ---- end ----

    void returnReceived(Handle handle, UUID eventId, ReturnReceivedFact fact);

    void refunded(Handle handle, UUID eventId, RefundedFact fact);

    // ---- Reviews and questions (issue #7, part 5) ----
    void communityPost(Handle handle, UUID eventId, CommunityPostFact fact);
    // ---- end reviews ----
}
