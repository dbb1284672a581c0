package io.bazaar.store.payment.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Stripe events already applied, and the reconciliation job's claims. */
public interface StripeEventDao {

    /**
     * Claims the event for this transaction: 1 when it is new, 0 when it was already applied. A
     * concurrent copy blocks here until the first transaction ends.
     */
    @SqlUpdate("""
            INSERT INTO stripe_event (id, type, object_id, outcome, livemode, created_at)
            VALUES (:id, :type, :objectId, 'processing', :livemode, :now)
            ON CONFLICT (id) DO NOTHING
            """)
    int insert(@Bind("id") String id, @Bind("type") String type, @Bind("objectId") String objectId,
               @Bind("livemode") boolean livemode, @Bind("now") Instant now);

    @SqlUpdate("UPDATE stripe_event SET outcome = :outcome, order_id = :orderId WHERE id = :id")
    void setOutcome(@Bind("id") String id, @Bind("outcome") String outcome, @Bind("orderId") UUID orderId);

    /** A Stripe payment that may have changed at Stripe without Bazaar hearing of it. */
    record Candidate(@ColumnName("payment_id") UUID paymentId, @ColumnName("order_id") UUID orderId,
                     @ColumnName("order_number") String orderNumber, @ColumnName("payment_status") String paymentStatus,
                     @ColumnName("order_status") String orderStatus, @ColumnName("provider_ref") String providerRef,
                     long amount, String currency) {
    }

    /**
     * Due payments: unpaid orders' payments older than {@code olderThan} (younger ones are left to the
     * webhooks), and payments voided since {@code voidedSince} whose intent might still have succeeded.
     * SKIP LOCKED lets every instance run the job; {@link #lease} then hides the claimed rows from the
     * others while Stripe is asked, outside any transaction.
     */
    @SqlQuery("""
            SELECT p.id AS payment_id, p.order_id, o.number AS order_number, p.status AS payment_status,
                   o.status AS order_status, p.provider_ref, p.amount, p.currency
            FROM payment p
            JOIN customer_order o ON o.id = p.order_id
            LEFT JOIN stripe_reconciliation r ON r.payment_id = p.id
            WHERE p.provider = 'stripe' AND p.status IN ('pending', 'failed', 'voided')
              AND p.created_at <= :olderThan
              AND ((p.status IN ('pending', 'failed') AND o.status = 'pending_payment')
                   OR (p.status = 'voided' AND p.provider_ref IS NOT NULL AND p.updated_at >= :voidedSince))
              AND (r.payment_id IS NULL OR (NOT r.done AND r.next_check_at <= :now))
            ORDER BY p.created_at
            LIMIT :limit
            FOR UPDATE OF p SKIP LOCKED
            """)
    List<Candidate> claimDue(@Bind("now") Instant now, @Bind("olderThan") Instant olderThan,
                             @Bind("voidedSince") Instant voidedSince, @Bind("limit") int limit);

    /**
     * Takes the lease on a claimed payment; 0 means another instance leased it first. The claim's
     * SKIP LOCKED alone is not enough: a claim whose snapshot predates the other instance's commit
     * can still lock the payment row once it is released, without seeing the new lease; the upsert's
     * condition is checked against the latest committed lease, so only one of them wins.
     */
    @SqlUpdate("""
            INSERT INTO stripe_reconciliation (payment_id, next_check_at, created_at, updated_at)
            VALUES (:paymentId, :next, :now, :now)
            ON CONFLICT (payment_id) DO UPDATE SET next_check_at = :next, updated_at = :now
            WHERE NOT stripe_reconciliation.done AND stripe_reconciliation.next_check_at <= :now
            """)
    int lease(@Bind("paymentId") UUID paymentId, @Bind("next") Instant next, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE stripe_reconciliation
            SET checks = checks + 1, last_status = :status, done = :done, next_check_at = :next, updated_at = :now
            WHERE payment_id = :paymentId
            """)
    void recordCheck(@Bind("paymentId") UUID paymentId, @Bind("status") String status, @Bind("done") boolean done,
                     @Bind("next") Instant next, @Bind("now") Instant now);
}
