package io.bazaar.crm.segment.app;

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
 * The intake with segments on top, in the same transaction: order lines (with their categories) are kept for
 * "category bought" rules, and every fact that changes what a customer bought re-scores that customer's RFM.
 */
public final class SegmentIntake implements CrmIntake {
    private final CrmIntake delegate;
    private final RfmService rfm;

    public SegmentIntake(CrmIntake delegate, RfmService rfm) {
        this.delegate = Objects.requireNonNull(delegate);
        this.rfm = Objects.requireNonNull(rfm);
    }

    @Override
    public void customerRegistered(Handle handle, UUID eventId, CustomerRegisteredFact fact) {
        delegate.customerRegistered(handle, eventId, fact);
    }

    @Override
    public void orderPlaced(Handle handle, UUID eventId, OrderPlacedFact fact) {
        delegate.orderPlaced(handle, eventId, fact);
        int lineNo = 0;
        for (OrderPlacedFact.Line l : fact.lines()) {
            lineNo++;
            // Keyed by (order, line): a redelivered event inserts nothing new.
            handle.createUpdate("""
                            INSERT INTO crm_order_line_fact (order_id, line_no, customer_id, product_id, category_ids,
                                                             quantity, created_at)
                            VALUES (:order, :line, :customer, :product, :categories, :quantity, :at)
                            ON CONFLICT (order_id, line_no) DO NOTHING
                            """).bind("order", fact.orderId()).bind("line", lineNo).bind("customer", fact.customerId())
                    .bind("product", l.productId()).bind("categories", l.categoryIds().toArray(UUID[]::new))
                    .bind("quantity", l.quantity()).bind("at", fact.placedAt()).execute();
        }
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
    public void returnReceived(Handle handle, UUID eventId, ReturnReceivedFact fact) {
        delegate.returnReceived(handle, eventId, fact);
    }

    @Override
    public void refunded(Handle handle, UUID eventId, RefundedFact fact) {
        delegate.refunded(handle, eventId, fact);
        rfm.refreshCustomer(handle, fact.customerId());
    }
}
