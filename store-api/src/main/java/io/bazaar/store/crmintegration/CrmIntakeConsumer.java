package io.bazaar.store.crmintegration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.intake.CartAbandonedFact;
import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.GuestOrderPlacedFact;
import io.bazaar.crm.intake.CustomerRegisteredFact;
import io.bazaar.crm.intake.OrderCancelledFact;
import io.bazaar.crm.intake.OrderDeliveredFact;
import io.bazaar.crm.intake.OrderShippedFact;
import io.bazaar.crm.intake.RefundedFact;
import io.bazaar.crm.intake.ReturnDecidedFact;
import io.bazaar.crm.intake.ReturnReceivedFact;
import io.bazaar.crm.intake.ReturnRequestedFact;
import io.bazaar.crm.intake.OrderPaidFact;
import io.bazaar.crm.intake.OrderPlacedFact;
import io.bazaar.shared.outbox.OutboxConsumer;
import io.bazaar.shared.outbox.OutboxEvent;
import io.bazaar.store.cart.domain.CartEvents;
import io.bazaar.store.customer.domain.CustomerRegistered;
import io.bazaar.store.fulfilment.domain.FulfilmentEvents;
import io.bazaar.store.order.domain.OrderEvents;
import io.bazaar.store.refund.domain.RefundEvents;
import io.bazaar.store.returns.domain.ReturnEvents;
import io.bazaar.store.review.domain.CommunityEvents;
import io.bazaar.crm.intake.CommunityPostFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The one place where store events meet the CRM: translates each store event into the CRM's intake
 * facts. Runs inside the outbox dispatcher's transaction, so the timeline entry and the delivery
 * mark commit together.
 */
public final class CrmIntakeConsumer implements OutboxConsumer {
    private static final Set<String> TYPES = Set.of(CustomerRegistered.TYPE, OrderEvents.PLACED, OrderEvents.PAID,
            OrderEvents.CANCELLED, FulfilmentEvents.SHIPPED, FulfilmentEvents.DELIVERED, ReturnEvents.REQUESTED,
            ReturnEvents.RECEIVED, RefundEvents.REFUNDED,
            // Reviews and questions (issue #7, part 5): customers' posts only; staff answers stay off timelines.
            CommunityEvents.REVIEW_SUBMITTED, CommunityEvents.QUESTION_ASKED, CommunityEvents.ANSWER_POSTED,
            // ---- Return updates (issue #6) ----
            ReturnEvents.APPROVED, ReturnEvents.REJECTED,
            // ---- Abandoned-cart leads (issue #6) ----
            CartEvents.ABANDONED);

    private final CrmIntake intake;
    private final ObjectMapper mapper;

    public CrmIntakeConsumer(CrmIntake intake, ObjectMapper mapper) {
        this.intake = intake;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "crm-intake";
    }

    @Override
    public boolean accepts(String eventType) {
        return TYPES.contains(eventType);
    }

    /**
     * As {@link #handle} for each event, in order, except that consecutive guest orders (whose only CRM effect is
     * converting the lead with their email) are handed over together: one statement for a run of them, where each
     * alone was one. Other events end a run, so every event still meets the CRM in the order it was given.
     */
    @Override
    public void handleAll(Handle handle, List<OutboxEvent> events) throws Exception {
        List<GuestOrderPlacedFact> guestOrders = new ArrayList<>();
        for (OutboxEvent event : events) {
            OrderEvents.OrderPlaced placed;
            try {
                placed = OrderEvents.PLACED.equals(event.type())
                        ? mapper.treeToValue(event.payload(), OrderEvents.OrderPlaced.class) : null;
            } catch (Exception e) {
                throw new EventFailed(event, e);
            }
            GuestOrderPlacedFact guestOrder = placed == null ? null : guestOrder(placed);
            if (guestOrder != null) {
                guestOrders.add(guestOrder);
                continue;
            }
            // A failure of a run of guest orders belongs to no one event: the dispatcher then runs each on its own.
            convertLeads(handle, guestOrders);
            try {
                if (placed != null) {
                    placed(handle, event, placed);
                } else {
                    handle(handle, event);
                }
            } catch (Exception e) {
                throw new EventFailed(event, e);
            }
        }
        convertLeads(handle, guestOrders);
    }

    private void convertLeads(Handle handle, List<GuestOrderPlacedFact> guestOrders) {
        if (!guestOrders.isEmpty()) {
            intake.guestOrdersPlaced(handle, List.copyOf(guestOrders));
            guestOrders.clear();
        }
    }

    /** The lead conversion a guest's order asks for (a guest with an email); null for a customer's order. */
    private static GuestOrderPlacedFact guestOrder(OrderEvents.OrderPlaced e) {
        return e.customerId() == null && e.email() != null
                ? new GuestOrderPlacedFact(e.orderId(), e.email(), e.placedAt()) : null;
    }

    // Guest orders have no customer to put them on: the CRM hears only their email (lead conversion).
    private void placed(Handle handle, OutboxEvent event, OrderEvents.OrderPlaced e) {
        GuestOrderPlacedFact guestOrder = guestOrder(e);
        if (guestOrder != null) {
            // ---- Abandoned-cart leads (issue #6): a guest order converts a lead with its email ----
            intake.guestOrdersPlaced(handle, List.of(guestOrder));
        }
        if (e.customerId() != null) {
            intake.orderPlaced(handle, event.id(), new OrderPlacedFact(e.orderId(), e.number(), e.customerId(),
                    e.grandTotal(), e.currency(), e.channel(), e.placedAt(), e.lines().stream()
                    .map(l -> new OrderPlacedFact.Line(l.title(), l.quantity(), l.lineTotal(), l.productId(),
                            l.variantId(), l.sku(), l.categoryIds())).toList()));
        }
    }

    @Override
    public void handle(Handle handle, OutboxEvent event) throws Exception {
        switch (event.type()) {
            case CustomerRegistered.TYPE -> {
                CustomerRegistered e = mapper.treeToValue(event.payload(), CustomerRegistered.class);
                intake.customerRegistered(handle, event.id(),
                        new CustomerRegisteredFact(e.customerId(), e.email(), e.name(), e.phone(), e.locale(), e.channel(),
                                e.registeredAt()));
            }
            case OrderEvents.PLACED -> placed(handle, event,
                    mapper.treeToValue(event.payload(), OrderEvents.OrderPlaced.class));
            case OrderEvents.PAID -> {
                OrderEvents.OrderPaid e = mapper.treeToValue(event.payload(), OrderEvents.OrderPaid.class);
                if (e.customerId() != null) {
                    intake.orderPaid(handle, event.id(), new OrderPaidFact(e.orderId(), e.customerId(), e.amount(),
                            e.currency(), e.channel(), e.paidAt()));
                }
            }
            case OrderEvents.CANCELLED -> {
                OrderEvents.OrderCancelled e = mapper.treeToValue(event.payload(), OrderEvents.OrderCancelled.class);
                if (e.customerId() != null) {
                    intake.orderCancelled(handle, event.id(), new OrderCancelledFact(e.orderId(), e.customerId(),
                            e.reasonCode(), e.channel(), e.cancelledAt()));
                }
            }
            // After-sales (issue #5): customers' orders only, like order.placed.
            case FulfilmentEvents.SHIPPED -> {
                FulfilmentEvents.OrderShipped e = mapper.treeToValue(event.payload(), FulfilmentEvents.OrderShipped.class);
                if (e.customerId() != null) {
                    intake.orderShipped(handle, event.id(), new OrderShippedFact(e.orderId(), e.customerId(),
                            e.carrier(), e.trackingNumber(), e.shippedAt()));
                }
            }
            case FulfilmentEvents.DELIVERED -> {
                FulfilmentEvents.OrderDelivered e = mapper.treeToValue(event.payload(),
                        FulfilmentEvents.OrderDelivered.class);
                if (e.customerId() != null) {
                    intake.orderDelivered(handle, event.id(), new OrderDeliveredFact(e.orderId(), e.customerId(),
                            e.deliveredAt(), !"partially_delivered".equals(e.fulfilmentStatus())));
                }
            }
            case ReturnEvents.REQUESTED -> {
                ReturnEvents.ReturnChanged e = mapper.treeToValue(event.payload(), ReturnEvents.ReturnChanged.class);
                if (e.customerId() != null) {
                    intake.returnRequested(handle, event.id(), new ReturnRequestedFact(e.returnId(), e.orderId(),
                            e.customerId(), e.channel(), e.at(), e.lines() == null ? List.of() : e.lines().stream()
                            .map(l -> new ReturnRequestedFact.Line(l.variantId(), l.sku(), l.quantity())).toList()));
                }
            }
            // ---- Abandoned-cart leads (issue #6) ----
            case CartEvents.ABANDONED -> {
                CartEvents.CartAbandoned e = mapper.treeToValue(event.payload(), CartEvents.CartAbandoned.class);
                intake.cartAbandoned(handle, event.id(), new CartAbandonedFact(e.cartId(), e.email(),
                        e.lines().stream().mapToInt(CartEvents.Line::quantity).sum(), e.abandonedAt()));
            }
            // ---- end ----
            // ---- Return updates (issue #6) ----
            case ReturnEvents.APPROVED, ReturnEvents.REJECTED -> {
                ReturnEvents.ReturnChanged e = mapper.treeToValue(event.payload(), ReturnEvents.ReturnChanged.class);
                if (e.customerId() != null) {
                    intake.returnDecided(handle, event.id(), new ReturnDecidedFact(e.returnId(), e.orderId(),
                            e.customerId(), ReturnEvents.APPROVED.equals(event.type()), e.message(), e.at()));
                }
            }
            // ---- end ----
            case ReturnEvents.RECEIVED -> {
                ReturnEvents.ReturnChanged e = mapper.treeToValue(event.payload(), ReturnEvents.ReturnChanged.class);
                if (e.customerId() != null) {
                    intake.returnReceived(handle, event.id(), new ReturnReceivedFact(e.returnId(), e.orderId(),
                            e.customerId(), e.at()));
                }
            }
            case RefundEvents.REFUNDED -> {
                RefundEvents.OrderRefunded e = mapper.treeToValue(event.payload(), RefundEvents.OrderRefunded.class);
                if (e.customerId() != null) {
                    intake.refunded(handle, event.id(), new RefundedFact(e.refundId(), e.orderId(), e.returnId(),
                            e.customerId(), e.amount(), e.currency(), e.refundedAt()));
                }
            }
            // ---- Reviews and questions (issue #7, part 5) ----
            case CommunityEvents.REVIEW_SUBMITTED -> {
                CommunityEvents.ReviewSubmitted e = mapper.treeToValue(event.payload(), CommunityEvents.ReviewSubmitted.class);
                intake.communityPost(handle, event.id(), new CommunityPostFact("review", e.reviewId(), e.customerId(),
                        e.productId(), e.productTitle(), e.rating(), e.status(), e.channel(), e.submittedAt()));
            }
            case CommunityEvents.QUESTION_ASKED -> {
                CommunityEvents.QuestionAsked e = mapper.treeToValue(event.payload(), CommunityEvents.QuestionAsked.class);
                intake.communityPost(handle, event.id(), new CommunityPostFact("question", e.questionId(), e.customerId(),
                        e.productId(), e.productTitle(), null, e.status(), e.channel(), e.askedAt()));
            }
            case CommunityEvents.ANSWER_POSTED -> {
                CommunityEvents.AnswerPosted e = mapper.treeToValue(event.payload(), CommunityEvents.AnswerPosted.class);
                if (e.customerId() != null) {
                    intake.communityPost(handle, event.id(), new CommunityPostFact("answer", e.answerId(), e.customerId(),
                            e.productId(), e.productTitle(), null, e.status(), e.channel(), e.postedAt()));
                }
            }
            // ---- end reviews ----
            default -> throw new IllegalStateException("crm-intake subscribed to " + event.type() + " but cannot map it");
        }
    }
}
