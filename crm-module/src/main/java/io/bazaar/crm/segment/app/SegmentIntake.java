package io.bazaar.crm.segment.app;

import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.ForwardingCrmIntake;
import io.bazaar.crm.intake.OrderCancelledFact;
import io.bazaar.crm.intake.OrderPaidFact;
import io.bazaar.crm.intake.OrderPlacedFact;
import io.bazaar.crm.intake.RefundedFact;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The intake with segments on top, in the same transaction: order lines (with their categories) are kept for
 * "category bought" rules, and every fact that changes what a customer bought re-scores that customer's RFM.
 */
public final class SegmentIntake extends ForwardingCrmIntake {
    private final RfmService rfm;

    public SegmentIntake(CrmIntake delegate, RfmService rfm) {
        super(delegate);
        this.rfm = Objects.requireNonNull(rfm);
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
    public void refunded(Handle handle, UUID eventId, RefundedFact fact) {
        delegate.refunded(handle, eventId, fact);
        rfm.refreshCustomer(handle, fact.customerId());
    }
}
