package io.bazaar.store.crmintegration;

import io.bazaar.crm.ticket.app.GoodwillPort;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.store.refund.app.RefundService;
import org.jdbi.v3.core.Handle;

/**
 * The store carries out a goodwill refund decided on a resolved ticket: a {@code goodwill} refund of the
 * ticket's order through its payment provider, with the staff member and reason, capped by what was
 * captured like every refund.
 *
 * <p>The refund runs its own transactions (the provider is called outside any transaction), so it is
 * not rolled back with the ticket's. Business refusals (no order on the ticket, another currency, more
 * than is left to refund, an unpaid order) are thrown: the ticket's transaction rolls back and staff see
 * the problem, nothing is recorded. A provider failure is recorded as a failed refund in the store
 * (listed for staff) and answered {@link Outcome#FAILED}, which the ticket records.
 */
public final class StoreGoodwillRefunds implements GoodwillPort {
    private final RefundService refunds;

    public StoreGoodwillRefunds(RefundService refunds) {
        this.refunds = refunds;
    }

    @Override
    public Outcome grant(Handle handle, Intent intent) {
        if (!"refund".equals(intent.kind())) {
            return Outcome.RECORDED;
        }
        if (intent.orderId() == null) {
            throw ApiException.validation("kind", "a goodwill refund needs a ticket about an order of the shop; "
                    + "refund with POST /v1/admin/refunds instead");
        }
        String currency = refunds.orderCurrency(intent.orderId()).orElseThrow(() -> ApiException.validation("kind",
                "the ticket's order is not an order of the shop; refund with POST /v1/admin/refunds instead"));
        if (!currency.equalsIgnoreCase(intent.currency())) {
            throw ApiException.validation("currency", "must be the order's currency, " + currency);
        }
        try {
            refunds.goodwill(intent.staffId(), intent.orderId(), intent.amount(),
                    "ticket goodwill: " + intent.reason());
            return Outcome.GRANTED;
        } catch (ApiException e) {
            if (e.errorCode() == ErrorCode.REFUND_FAILED) {
                return Outcome.FAILED;
            }
            throw e;
        }
    }
}
