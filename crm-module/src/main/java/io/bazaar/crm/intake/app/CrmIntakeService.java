package io.bazaar.crm.intake.app;

import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.customer.persistence.ContactRow;
import io.bazaar.crm.customer.domain.EmailAddresses;
import io.bazaar.crm.customer.persistence.ContactDao;
import io.bazaar.crm.customer.persistence.OrderLedgerDao;
import io.bazaar.crm.intake.CartAbandonedFact;
import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.GuestOrderPlacedFact;
import io.bazaar.crm.intake.CustomerRegisteredFact;
import io.bazaar.crm.intake.OrderCancelledFact;
import io.bazaar.crm.intake.OrderDeliveredFact;
import io.bazaar.crm.intake.OrderPaidFact;
import io.bazaar.crm.intake.OrderPlacedFact;
import io.bazaar.crm.intake.OrderShippedFact;
import io.bazaar.crm.intake.RefundedFact;
import io.bazaar.crm.intake.ReturnDecidedFact;
import io.bazaar.crm.intake.ReturnReceivedFact;
import io.bazaar.crm.intake.ReturnRequestedFact;
import io.bazaar.crm.lead.app.LeadService;
import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.message.app.MessageTemplates;
import io.bazaar.crm.message.domain.MessageCategory;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.money.Money;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Implements the intake contract. Each fact becomes exactly one timeline entry; the order ledger
 * and other side effects run only when that entry was newly inserted, so a redelivered event
 * changes nothing. Kinds: buying and delivery are transactional, a return request is interactive
 * (the customer starts a conversation about a purchase).
 */
public final class CrmIntakeService implements CrmIntake {
    private final TimelineService timeline;
    private final LeadService leads;
    private final MessageService messages;

    public CrmIntakeService(TimelineService timeline, LeadService leads, MessageService messages) {
        this.timeline = Objects.requireNonNull(timeline);
        this.leads = Objects.requireNonNull(leads);
        this.messages = Objects.requireNonNull(messages);
    }

    @Override
    public void customerRegistered(Handle h, UUID eventId, CustomerRegisteredFact f) {
        h.attach(ContactDao.class).insert(f.customerId(), f.email(), EmailAddresses.normalize(f.email()), f.name(),
                f.phone(), f.locale(), f.registeredAt());
        if (!timeline.record(h, eventId, f.customerId(), "customer.registered", InteractionKind.TRANSACTIONAL,
                Channel.fromReported(f.channel()), "Created a customer account", Map.of(), f.registeredAt())) {
            return;
        }
        leads.convertOnRegistration(h, eventId, f.customerId(), f.email(), f.registeredAt());
        Map<String, String> params = new HashMap<>();
        if (f.name() != null) {
            params.put("name", f.name());
        }
        messages.enqueue(h, new MessageService.MessageRequest(f.customerId(), ConsentChannel.EMAIL,
                MessageCategory.TRANSACTIONAL, null, MessageTemplates.WELCOME, f.locale(), f.email(), params,
                "welcome:" + eventId));
    }

    @Override
    public void orderPlaced(Handle h, UUID eventId, OrderPlacedFact f) {
        Map<String, String> refs = new HashMap<>(Map.of("order_id", f.orderId().toString()));
        if (f.orderNumber() != null) {
            refs.put("order_number", f.orderNumber());
        }
        if (timeline.record(h, eventId, f.customerId(), "order.placed", InteractionKind.TRANSACTIONAL,
                Channel.fromReported(f.channel()), "Placed order " + (f.orderNumber() == null ? "" : f.orderNumber()).strip(),
                refs, f.placedAt())) {
            OrderLedgerDao ledger = h.attach(OrderLedgerDao.class);
            ledger.insertOrder(f.orderId(), f.customerId(), f.orderNumber(), f.currency(), f.totalAmount(), f.placedAt());
            for (int i = 0; i < f.lines().size(); i++) {
                OrderPlacedFact.Line l = f.lines().get(i);
                ledger.insertOrderLine(f.orderId(), i + 1, l.productId(), l.variantId(), l.sku(), l.title(),
                        l.quantity(), l.lineTotal(), l.categoryIds().toArray(UUID[]::new));
            }
            // The order confirmation is owed whatever the customer's marketing choices: no consent purpose.
            h.attach(ContactDao.class).findById(f.customerId()).ifPresent(c -> {
                Map<String, String> params = orderParams(c, f.orderNumber(), Money.of(f.totalAmount(), f.currency()));
                StringBuilder items = new StringBuilder();
                for (OrderPlacedFact.Line l : f.lines()) {
                    items.append(l.quantity()).append(" × ").append(l.title()).append(" — ")
                            .append(Money.of(l.lineTotal(), f.currency()).format()).append('\n');
                }
                params.put("items", items.toString());
                messages.enqueue(h, new MessageService.MessageRequest(f.customerId(), ConsentChannel.EMAIL,
                        MessageCategory.TRANSACTIONAL, null, MessageTemplates.ORDER_CONFIRMATION, c.locale(), c.email(),
                        params, "order-confirmation:" + f.orderId()));
            });
        }
    }

    /**
     * Queues an order-update email (shipped, delivered, refunded). It follows the customer's
     * order_updates consent, checked when it is sent.
     */
    private void orderUpdate(Handle h, UUID customerId, UUID orderId, String template, Money amount,
                             Map<String, String> extra, String dedupeKey) {
        String number = h.attach(OrderLedgerDao.class).orderNumber(orderId).orElse(null);
        h.attach(ContactDao.class).findById(customerId).ifPresent(c -> {
            Map<String, String> params = orderParams(c, number, amount);
            params.putAll(extra);
            messages.enqueue(h, new MessageService.MessageRequest(customerId, ConsentChannel.EMAIL,
                    MessageCategory.TRANSACTIONAL, ConsentPurpose.ORDER_UPDATES, template, c.locale(), c.email(), params,
                    dedupeKey));
        });
    }

    /** @param total null when the message names no amount (shipped, delivered) */
    private static Map<String, String> orderParams(ContactRow c, String orderNumber, Money total) {
        Map<String, String> params = new HashMap<>();
        if (c.name() != null) {
            params.put("name", c.name());
        }
        params.put("order_number", orderNumber == null ? "" : orderNumber);
        if (total != null) {
            params.put("total", total.format());
        }
        return params;
    }

    @Override
    public void orderPaid(Handle h, UUID eventId, OrderPaidFact f) {
        if (timeline.record(h, eventId, f.customerId(), "order.paid", InteractionKind.TRANSACTIONAL,
                Channel.fromReported(f.channel()), "Paid for the order", orderRefs(f.orderId()), f.paidAt())) {
            h.attach(OrderLedgerDao.class).advanceStatus(f.orderId(), "paid", List.of("placed"), f.paidAt());
            // An order update: sent unless the customer turned order updates by email off (checked at send time).
            String number = h.attach(OrderLedgerDao.class).orderNumber(f.orderId()).orElse(null);
            h.attach(ContactDao.class).findById(f.customerId()).ifPresent(c -> messages.enqueue(h,
                    new MessageService.MessageRequest(f.customerId(), ConsentChannel.EMAIL, MessageCategory.TRANSACTIONAL,
                            ConsentPurpose.ORDER_UPDATES, MessageTemplates.PAYMENT_RECEIVED, c.locale(), c.email(),
                            orderParams(c, number, Money.of(f.amount(), f.currency())), "payment-received:" + f.orderId())));
        }
    }

    @Override
    public void orderCancelled(Handle h, UUID eventId, OrderCancelledFact f) {
        if (timeline.record(h, eventId, f.customerId(), "order.cancelled", InteractionKind.TRANSACTIONAL,
                Channel.fromReported(f.channel()), "Order cancelled" + (f.reason() == null ? "" : ": " + f.reason()),
                orderRefs(f.orderId()), f.cancelledAt())) {
            h.attach(OrderLedgerDao.class).advanceStatus(f.orderId(), "cancelled", List.of("placed", "paid"),
                    f.cancelledAt());
        }
    }

    @Override
    public void orderShipped(Handle h, UUID eventId, OrderShippedFact f) {
        Map<String, String> refs = new HashMap<>(orderRefs(f.orderId()));
        if (f.carrier() != null) {
            refs.put("carrier", f.carrier());
        }
        if (f.trackingNumber() != null) {
            refs.put("tracking_number", f.trackingNumber());
        }
        if (timeline.record(h, eventId, f.customerId(), "order.shipped", InteractionKind.TRANSACTIONAL, Channel.SYSTEM,
                "Order shipped" + (f.carrier() == null ? "" : " with " + f.carrier()), refs, f.shippedAt())) {
            h.attach(OrderLedgerDao.class).advanceStatus(f.orderId(), "shipped", List.of("placed", "paid"), f.shippedAt());
            Map<String, String> extra = new HashMap<>();
            extra.put("carrier", f.carrier() == null ? "" : f.carrier());
            extra.put("tracking_number", f.trackingNumber() == null ? "" : f.trackingNumber());
            orderUpdate(h, f.customerId(), f.orderId(), MessageTemplates.ORDER_SHIPPED, null, extra,
                    "order-shipped:" + eventId);
        }
    }

    @Override
    public void orderDelivered(Handle h, UUID eventId, OrderDeliveredFact f) {
        if (timeline.record(h, eventId, f.customerId(), "order.delivered", InteractionKind.TRANSACTIONAL,
                Channel.IN_PERSON, "Order delivered", orderRefs(f.orderId()), f.deliveredAt())) {
            h.attach(OrderLedgerDao.class).advanceStatus(f.orderId(), "delivered", List.of("placed", "paid", "shipped"),
                    f.deliveredAt());
            orderUpdate(h, f.customerId(), f.orderId(), MessageTemplates.ORDER_DELIVERED, null, Map.of(),
                    "order-delivered:" + eventId);
        }
    }

    @Override
    public void returnRequested(Handle h, UUID eventId, ReturnRequestedFact f) {
        if (timeline.record(h, eventId, f.customerId(), "return.requested", InteractionKind.INTERACTIVE,
                Channel.fromReported(f.channel()), "Asked to return items", returnRefs(f.returnId(), f.orderId()),
                f.requestedAt())) {
            OrderLedgerDao ledger = h.attach(OrderLedgerDao.class);
            ledger.insertReturn(f.returnId(), f.customerId(), f.orderId(), f.requestedAt());
            for (int i = 0; i < f.lines().size(); i++) {
                ReturnRequestedFact.Line l = f.lines().get(i);
                ledger.insertReturnLine(f.returnId(), i + 1, f.orderId(), l.variantId(), l.sku(), l.quantity());
            }
        }
    }

    // ---- Return updates (issue #6): every staff decision and step of a return mails the customer ----
    @Override
    public void returnDecided(Handle h, UUID eventId, ReturnDecidedFact f) {
        String type = f.approved() ? "return.approved" : "return.rejected";
        if (timeline.record(h, eventId, f.customerId(), type, InteractionKind.INTERACTIVE, Channel.SYSTEM,
                f.approved() ? "Return approved" : "Return rejected", returnRefs(f.returnId(), f.orderId()),
                f.decidedAt())) {
            h.attach(OrderLedgerDao.class).advanceReturn(f.returnId(), f.approved() ? "approved" : "rejected",
                    List.of("requested"), f.decidedAt());
            orderUpdate(h, f.customerId(), f.orderId(), f.approved() ? MessageTemplates.RETURN_APPROVED
                    : MessageTemplates.RETURN_REJECTED, null, Map.of("message", f.message() == null ? "" : f.message()),
                    type + ":" + f.returnId());
        }
    }
    // ---- end ----

    // ---- Abandoned-cart leads (issue #6) ----
    @Override
    public void cartAbandoned(Handle h, UUID eventId, CartAbandonedFact f) {
        leads.recordAbandonedCart(h, eventId, f.cartId(), f.email(), f.items(), f.abandonedAt());
    }

    @Override
    public void guestOrdersPlaced(Handle h, List<GuestOrderPlacedFact> facts) {
        leads.convertOnGuestOrders(h, facts.stream()
                .map(f -> new LeadService.GuestOrder(f.email(), f.orderId(), f.placedAt())).toList());
    }
    // ---- end ----

    @Override
    public void returnReceived(Handle h, UUID eventId, ReturnReceivedFact f) {
        if (timeline.record(h, eventId, f.customerId(), "return.received", InteractionKind.TRANSACTIONAL,
                Channel.SYSTEM, "Returned items received", returnRefs(f.returnId(), f.orderId()), f.receivedAt())) {
            h.attach(OrderLedgerDao.class).advanceReturn(f.returnId(), "received", List.of("requested", "approved"),
                    f.receivedAt());
            orderUpdate(h, f.customerId(), f.orderId(), MessageTemplates.RETURN_RECEIVED, null, Map.of(),
                    "return.received:" + f.returnId());
        }
    }

    @Override
    public void refunded(Handle h, UUID eventId, RefundedFact f) {
        Map<String, String> refs = new HashMap<>(orderRefs(f.orderId()));
        refs.put("refund_id", f.refundId().toString());
        if (f.returnId() != null) {
            refs.put("return_id", f.returnId().toString());
        }
        if (timeline.record(h, eventId, f.customerId(), "order.refunded", InteractionKind.TRANSACTIONAL, Channel.SYSTEM,
                "Refunded " + f.amount() + " " + f.currency() + " (minor units)", refs, f.refundedAt())) {
            OrderLedgerDao ledger = h.attach(OrderLedgerDao.class);
            ledger.addRefund(f.orderId(), f.amount(), f.currency(), f.refundedAt());
            // A refund for a return is that return's last update; other refunds get the plain refund email.
            orderUpdate(h, f.customerId(), f.orderId(), f.returnId() == null ? MessageTemplates.REFUND_ISSUED
                    : MessageTemplates.RETURN_REFUNDED, Money.of(f.amount(), f.currency()), Map.of(),
                    "refund:" + f.refundId());
            if (f.returnId() != null) {
                ledger.advanceReturn(f.returnId(), "refunded", List.of("requested", "approved", "received"),
                        f.refundedAt());
            }
        }
    }

    // ---- Reviews and questions (issue #7, part 5): co-creation is an interactive contact ----
    @Override
    public void communityPost(Handle h, UUID eventId, io.bazaar.crm.intake.CommunityPostFact f) {
        Map<String, String> refs = new HashMap<>();
        refs.put("product_id", f.productId().toString());
        refs.put(f.kind() + "_id", f.postId().toString());
        if (f.status() != null) {
            refs.put("moderation_status", f.status());
        }
        String product = f.productTitle() == null ? "a product" : f.productTitle();
        String type;
        String summary;
        switch (f.kind()) {
            case "review" -> {
                type = "review.submitted";
                if (f.rating() != null) {
                    refs.put("rating", f.rating().toString());
                }
                summary = "Reviewed " + product + (f.rating() == null ? "" : " (" + f.rating() + "/5)");
            }
            case "question" -> {
                type = "question.asked";
                summary = "Asked a question about " + product;
            }
            default -> {
                type = "answer.posted";
                summary = "Answered a question about " + product;
            }
        }
        timeline.record(h, eventId, f.customerId(), type, InteractionKind.INTERACTIVE, Channel.fromReported(f.channel()),
                summary, refs, f.postedAt());
    }
    // ---- end reviews ----

    private static Map<String, String> orderRefs(UUID orderId) {
        return Map.of("order_id", orderId.toString());
    }

    private static Map<String, String> returnRefs(UUID returnId, UUID orderId) {
        return Map.of("return_id", returnId.toString(), "order_id", orderId.toString());
    }
}
