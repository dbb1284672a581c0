package io.bazaar.crm.loyalty.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The points ledger and the balance it adds up to. Every change inserts a ledger row and moves the
 * balance in the same transaction; the balance row's CHECK (balance >= 0) and conditional updates
 * make overspending impossible.
 */
public interface PointsDao {

    record LedgerRow(UUID id, long delta, String reason, @ColumnName("order_id") UUID orderId, String note,
                     @ColumnName("staff_id") UUID staffId, @ColumnName("expires_at") Instant expiresAt,
                     @ColumnName("created_at") Instant createdAt) {
    }

    record LotRow(UUID id, @ColumnName("customer_id") UUID customerId, @ColumnName("order_id") UUID orderId,
                  long delta, long remaining, @ColumnName("order_total") Long orderTotal) {
    }

    @SqlUpdate("""
            INSERT INTO crm_points_ledger (id, customer_id, delta, remaining, reason, order_id, order_total,
                                           source_event_id, staff_id, note, expires_at, created_at)
            VALUES (:id, :customerId, :delta, :remaining, :reason, :orderId, :orderTotal, :sourceEventId, :staffId,
                    :note, :expiresAt, :now)
            ON CONFLICT (source_event_id) DO NOTHING
            """)
    int insert(@Bind("id") UUID id, @Bind("customerId") UUID customerId, @Bind("delta") long delta,
               @Bind("remaining") Long remaining, @Bind("reason") String reason, @Bind("orderId") UUID orderId,
               @Bind("orderTotal") Long orderTotal, @Bind("sourceEventId") UUID sourceEventId,
               @Bind("staffId") UUID staffId, @Bind("note") String note, @Bind("expiresAt") Instant expiresAt,
               @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO crm_points_balance (customer_id, balance, updated_at) VALUES (:customerId, 0, :now)
            ON CONFLICT (customer_id) DO NOTHING
            """)
    void ensureBalance(@Bind("customerId") UUID customerId, @Bind("now") Instant now);

    /** Moves the balance unless that would take it below zero; 0 rows means "not enough points". */
    @SqlUpdate("""
            UPDATE crm_points_balance SET balance = balance + :delta, updated_at = :now
            WHERE customer_id = :customerId AND balance + :delta >= 0
            """)
    int move(@Bind("customerId") UUID customerId, @Bind("delta") long delta, @Bind("now") Instant now);

    @SqlQuery("SELECT balance FROM crm_points_balance WHERE customer_id = :customerId FOR UPDATE")
    Optional<Long> lockBalance(@Bind("customerId") UUID customerId);

    @SqlQuery("SELECT COALESCE((SELECT balance FROM crm_points_balance WHERE customer_id = :customerId), 0)")
    long balance(@Bind("customerId") UUID customerId);

    @SqlQuery("SELECT COALESCE(sum(delta), 0) FROM crm_points_ledger WHERE customer_id = :customerId")
    long ledgerSum(@Bind("customerId") UUID customerId);

    @SqlQuery("""
            SELECT id, customer_id, order_id, delta, remaining, order_total FROM crm_points_ledger
            WHERE order_id = :orderId AND reason = 'earn' FOR UPDATE
            """)
    Optional<LotRow> lockEarnLot(@Bind("orderId") UUID orderId);

    @SqlUpdate("UPDATE crm_points_ledger SET remaining = remaining - :points WHERE id = :id AND remaining >= :points")
    int consumeLot(@Bind("id") UUID lotId, @Bind("points") long points);

    @SqlQuery("""
            SELECT id, customer_id, order_id, delta, remaining, order_total FROM crm_points_ledger
            WHERE reason = 'earn' AND remaining > 0 AND expires_at <= :now
            ORDER BY expires_at LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """)
    List<LotRow> claimExpired(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT id, delta, reason, order_id, note, staff_id, expires_at, created_at FROM crm_points_ledger
            WHERE customer_id = :customerId
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
            ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<LedgerRow> page(@Bind("customerId") UUID customerId, @Bind("cursorAt") Instant cursorAt,
                         @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);
}
