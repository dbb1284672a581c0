package io.bazaar.crm.ticket.app;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Port: carries out a goodwill gesture decided when a ticket is resolved (a refund to the customer's
 * payment method, or loyalty points). The CRM records the intent (staff member, reason, amount) in
 * {@code crm_ticket_goodwill} and then calls this port in the same transaction.
 *
 * <p>The store implements it in {@code io.bazaar.store.crmintegration} once it has a refunds service
 * and a points ledger; until then {@link #RECORD_ONLY} leaves the intent with status
 * {@code recorded} for staff to carry out by hand. An implementation must be idempotent by
 * {@link Intent#id()}: it may be called again for the same intent after a crash.
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

    /** No store integration yet: the intent is only recorded. */
    GoodwillPort RECORD_ONLY = (handle, intent) -> Outcome.RECORDED;
}
