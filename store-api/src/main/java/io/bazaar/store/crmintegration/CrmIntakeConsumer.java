package io.bazaar.store.crmintegration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.CustomerRegisteredFact;
import io.bazaar.crm.intake.OrderCancelledFact;
import io.bazaar.crm.intake.OrderDeliveredFact;
import io.bazaar.crm.intake.OrderShippedFact;
import io.bazaar.crm.intake.RefundedFact;
import io.bazaar.crm.intake.ReturnReceivedFact;
import io.bazaar.crm.intake.ReturnRequestedFact;
import io.bazaar.crm.intake.OrderPaidFact;
import io.bazaar.crm.intake.OrderPlacedFact;
import io.bazaar.shared.outbox.OutboxConsumer;
import io.bazaar.shared.outbox.OutboxEvent;
import io.bazaar.store.customer.domain.CustomerRegistered;
import io.bazaar.store.fulfilment.domain.FulfilmentEvents;
import io.bazaar.store.order.domain.OrderEvents;
import io.bazaar.store.refund.domain.RefundEvents;
import io.bazaar.store.returns.domain.ReturnEvents;
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
            ReturnEvents.RECEIVED, RefundEvents.REFUNDED);

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

    @Override
    public void handle(Handle handle, OutboxEvent event) throws Exception {
        switch (event.type()) {
            case CustomerRegistered.TYPE -> {
                CustomerRegistered e = mapper.treeToValue(event.payload(), CustomerRegistered.class);
                intake.customerRegistered(handle, event.id(),
                        new CustomerRegisteredFact(e.customerId(), e.email(), e.name(), e.phone(), e.locale(), e.channel(),
                                e.registeredAt()));
            }
            // Guest orders have no customer to put them on; the CRM hears about customers' orders only.
            case OrderEvents.PLACED -> {
                OrderEvents.OrderPlaced e = mapper.treeToValue(event.payload(), OrderEvents.OrderPlaced.class);
                if (e.customerId() != null) {
                    intake.orderPlaced(handle, event.id(), new OrderPlacedFact(e.orderId(), e.number(), e.customerId(),
                            e.grandTotal(), e.currency(), e.channel(), e.placedAt(), e.lines().stream()
                            .map(l -> new OrderPlacedFact.Line(l.title(), l.quantity(), l.lineTotal(), l.productId(),
                                    l.categoryIds())).toList()));
                }
            }
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
                            e.deliveredAt()));
                }
            }
            case ReturnEvents.REQUESTED -> {
                ReturnEvents.ReturnChanged e = mapper.treeToValue(event.payload(), ReturnEvents.ReturnChanged.class);
                if (e.customerId() != null) {
                    intake.returnRequested(handle, event.id(), new ReturnRequestedFact(e.returnId(), e.orderId(),
                            e.customerId(), e.channel(), e.at()));
                }
            }
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
            default -> throw new IllegalStateException("crm-intake subscribed to " + event.type() + " but cannot map it");
        }
    }
}
