package io.bazaar.crm.ticket.app;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Port: carries out a goodwill gesture decided when a ticket is resolved (a refund to the customer's
 * payment method, or loyalty points). The CRM records the intent (staff member, reason, amount) in
 * {@code crm_ticket_goodwill} and then calls this port in the same transaction.
 *
 * <p>The store implements it in {@code io.bazaar.store.crmintegration} ({@code StoreGoodwillRefunds}:
 * refunds through the order's payment provider); points are granted by the CRM's own ledger before
 * this port is asked. {@link #RECORD_ONLY} leaves the intent with status {@code recorded} for staff to
 * carry out by hand. An implementation that throws rolls the goodwill decision back.
 */
public interface GoodwillPort {
    enum Outcome { RECORDED, GRANTED, FAILED }

    /**
     * @param kind {@code refund} (amount in minor units of {@code currency}) or {@code points} (currency null)
     */
    record Intent(UUID id, UUID ticketId, UUID customerId, UUID orderId, UUID staffId, String kind, long amount,
                  String currency, String reason) {
    }

    Outcome grant(Handle handle, Intent intent);

    /** No store integration (tests of the CRM alone): the intent is only recorded. */
    GoodwillPort RECORD_ONLY = (handle, intent) -> Outcome.RECORDED;
}
