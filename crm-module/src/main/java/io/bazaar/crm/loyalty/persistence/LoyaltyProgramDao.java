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
 * The loyalty program's own rows: redemptions and their give-backs in the points ledger, referral codes
 * and referrals, customer tiers with their history, and VIP suggestions. The order ledger
 * ({@code crm_order_ledger}) is only read here.
 */
public interface LoyaltyProgramDao {

    record RedemptionRow(UUID id, @ColumnName("customer_id") UUID customerId, long points,
                         @ColumnName("order_total") long orderTotal, long returned) {
    }

    record ReferralRow(@ColumnName("referred_customer_id") UUID referredCustomerId,
                       @ColumnName("referrer_customer_id") UUID referrerCustomerId, String code,
                       @ColumnName("first_order_id") UUID firstOrderId,
                       @ColumnName("rewarded_order_id") UUID rewardedOrderId,
                       @ColumnName("reward_points") Long rewardPoints, @ColumnName("rewarded_at") Instant rewardedAt,
                       @ColumnName("created_at") Instant createdAt) {
    }

    record TierRow(@ColumnName("customer_id") UUID customerId, String tier, Instant since,
                   @ColumnName("evaluated_at") Instant evaluatedAt) {
    }

    record HistoryRow(UUID id, @ColumnName("from_tier") String fromTier, @ColumnName("to_tier") String toTier,
                      String reason, @ColumnName("net_spend") String netSpend,
                      @ColumnName("created_at") Instant createdAt) {
    }

    record SpendRow(String currency, long net) {
    }

    record SuggestionRow(@ColumnName("customer_id") UUID customerId, String tier, String email, String name,
                         @ColumnName("suggested_at") Instant suggestedAt) {
    }

    record LotRow(UUID id, long remaining) {
    }

    // ---- redemption ----

    @SqlUpdate("""
            INSERT INTO crm_points_ledger (id, customer_id, delta, remaining, reason, order_id, order_total,
                                           source_event_id, staff_id, note, expires_at, created_at)
            VALUES (:id, :customerId, :delta, NULL, :reason, :orderId, :orderTotal, :sourceEventId, NULL, :note,
                    NULL, :now)
            ON CONFLICT DO NOTHING
            """)
    int insertEntry(@Bind("id") UUID id, @Bind("customerId") UUID customerId, @Bind("delta") long delta,
                    @Bind("reason") String reason, @Bind("orderId") UUID orderId, @Bind("orderTotal") Long orderTotal,
                    @Bind("sourceEventId") UUID sourceEventId, @Bind("note") String note, @Bind("now") Instant now);

    /** Earned lots that still hold points, soonest expiry first: redemptions spend those first. */
    @SqlQuery("""
            SELECT id, remaining FROM crm_points_ledger
            WHERE customer_id = :customerId AND reason = 'earn' AND remaining > 0
            ORDER BY expires_at, id FOR UPDATE
            """)
    List<LotRow> lockOpenLots(@Bind("customerId") UUID customerId);

    @SqlUpdate("UPDATE crm_points_ledger SET remaining = remaining - :points WHERE id = :id AND remaining >= :points")
    int consumeLot(@Bind("id") UUID id, @Bind("points") long points);

    /** The order's redemption (locked) with what has been given back of it so far. */
    @SqlQuery("""
            SELECT r.id, r.customer_id, -r.delta AS points, COALESCE(r.order_total, 0) AS order_total,
                   COALESCE((SELECT sum(b.delta) FROM crm_points_ledger b
                             WHERE b.order_id = r.order_id AND b.reason = 'redeem_return'), 0) AS returned
            FROM crm_points_ledger r WHERE r.order_id = :orderId AND r.reason = 'redeem'
            FOR UPDATE OF r
            """)
    Optional<RedemptionRow> lockRedemption(@Bind("orderId") UUID orderId);

    @SqlQuery("SELECT refunded_amount FROM crm_order_ledger WHERE order_id = :orderId")
    Optional<Long> refundedAmount(@Bind("orderId") UUID orderId);

    // ---- referrals ----

    @SqlQuery("SELECT code FROM crm_referral_code WHERE customer_id = :customerId")
    Optional<String> referralCode(@Bind("customerId") UUID customerId);

    @SqlQuery("SELECT customer_id FROM crm_referral_code WHERE code = :code")
    Optional<UUID> referrerByCode(@Bind("code") String code);

    @SqlUpdate("""
            INSERT INTO crm_referral_code (customer_id, code, created_at) VALUES (:customerId, :code, :now)
            ON CONFLICT DO NOTHING
            """)
    int insertReferralCode(@Bind("customerId") UUID customerId, @Bind("code") String code, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO crm_referral (referred_customer_id, referrer_customer_id, code, created_at, updated_at)
            VALUES (:referred, :referrer, :code, :now, :now)
            ON CONFLICT (referred_customer_id) DO NOTHING
            """)
    int insertReferral(@Bind("referred") UUID referred, @Bind("referrer") UUID referrer, @Bind("code") String code,
                       @Bind("now") Instant now);

    @SqlQuery("""
            SELECT referred_customer_id, referrer_customer_id, code, first_order_id, rewarded_order_id, reward_points,
                   rewarded_at, created_at
            FROM crm_referral WHERE referred_customer_id = :customerId
            """)
    Optional<ReferralRow> referralOf(@Bind("customerId") UUID customerId);

    @SqlQuery("SELECT count(*) FROM crm_referral WHERE referrer_customer_id = :customerId")
    long referredCount(@Bind("customerId") UUID customerId);

    @SqlQuery("SELECT count(*) FROM crm_referral WHERE referrer_customer_id = :customerId AND rewarded_at IS NOT NULL")
    long rewardedCount(@Bind("customerId") UUID customerId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM crm_order_ledger WHERE customer_id = :customerId)")
    boolean hasOrders(@Bind("customerId") UUID customerId);

    /** Takes the first-order discount for this order; 0 rows: already taken by another order, or none. */
    @SqlUpdate("""
            UPDATE crm_referral SET first_order_id = :orderId, updated_at = :now
            WHERE referred_customer_id = :customerId AND first_order_id IS NULL AND rewarded_at IS NULL
            """)
    int takeFirstOrderDiscount(@Bind("customerId") UUID customerId, @Bind("orderId") UUID orderId,
                               @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_referral SET first_order_id = NULL, updated_at = :now
            WHERE first_order_id = :orderId AND rewarded_at IS NULL
            """)
    int releaseFirstOrderDiscount(@Bind("orderId") UUID orderId, @Bind("now") Instant now);

    /** Marks the referral rewarded for this paid order; exactly one caller gets 1 row. */
    @SqlUpdate("""
            UPDATE crm_referral SET rewarded_order_id = :orderId, reward_points = :points, rewarded_at = :now,
                                    updated_at = :now
            WHERE referred_customer_id = :customerId AND rewarded_at IS NULL
              AND (first_order_id IS NULL OR first_order_id = :orderId)
            """)
    int markRewarded(@Bind("customerId") UUID customerId, @Bind("orderId") UUID orderId, @Bind("points") long points,
                     @Bind("now") Instant now);

    // ---- tiers ----

    /** Rolling net spend per currency: paid, shipped or delivered orders placed since {@code from}, net of refunds. */
    @SqlQuery("""
            SELECT currency, COALESCE(sum(total_amount - refunded_amount), 0) AS net FROM crm_order_ledger
            WHERE customer_id = :customerId AND status IN ('paid', 'shipped', 'delivered') AND placed_at >= :from
            GROUP BY currency
            """)
    List<SpendRow> netSpend(@Bind("customerId") UUID customerId, @Bind("from") Instant from);

    @SqlUpdate("""
            INSERT INTO crm_customer_tier (customer_id, tier, since, evaluated_at, next_evaluation_at, created_at,
                                           updated_at)
            VALUES (:customerId, NULL, NULL, :now, :now, :now, :now)
            ON CONFLICT (customer_id) DO NOTHING
            """)
    void ensureTier(@Bind("customerId") UUID customerId, @Bind("now") Instant now);

    @SqlQuery("SELECT customer_id, tier, since, evaluated_at FROM crm_customer_tier WHERE customer_id = :customerId FOR UPDATE")
    Optional<TierRow> lockTier(@Bind("customerId") UUID customerId);

    @SqlQuery("SELECT customer_id, tier, since, evaluated_at FROM crm_customer_tier WHERE customer_id = :customerId")
    Optional<TierRow> findTier(@Bind("customerId") UUID customerId);

    @SqlUpdate("""
            UPDATE crm_customer_tier SET tier = :tier, since = :since, evaluated_at = :now, next_evaluation_at = :next,
                                         updated_at = :now
            WHERE customer_id = :customerId
            """)
    void updateTier(@Bind("customerId") UUID customerId, @Bind("tier") String tier, @Bind("since") Instant since,
                    @Bind("now") Instant now, @Bind("next") Instant next);

    /** Customers whose tier is due a fresh look; SKIP LOCKED so instances share the work. */
    @SqlQuery("""
            SELECT customer_id FROM crm_customer_tier WHERE next_evaluation_at <= :now
            ORDER BY next_evaluation_at LIMIT :limit FOR UPDATE SKIP LOCKED
            """)
    List<UUID> claimDueTiers(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlUpdate("""
            INSERT INTO crm_tier_history (id, customer_id, from_tier, to_tier, reason, net_spend, created_at)
            VALUES (:id, :customerId, :fromTier, :toTier, :reason, CAST(:netSpend AS jsonb), :now)
            """)
    void insertHistory(@Bind("id") UUID id, @Bind("customerId") UUID customerId, @Bind("fromTier") String fromTier,
                       @Bind("toTier") String toTier, @Bind("reason") String reason, @Bind("netSpend") String netSpend,
                       @Bind("now") Instant now);

    @SqlQuery("""
            SELECT id, from_tier, to_tier, reason, CAST(net_spend AS text) AS net_spend, created_at FROM crm_tier_history
            WHERE customer_id = :customerId ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<HistoryRow> history(@Bind("customerId") UUID customerId, @Bind("limit") int limit);

    // ---- VIP suggestions ----

    @SqlUpdate("""
            INSERT INTO crm_vip_suggestion (customer_id, tier, status, suggested_at, created_at, updated_at)
            VALUES (:customerId, :tier, 'open', :now, :now, :now)
            ON CONFLICT (customer_id) DO UPDATE SET tier = EXCLUDED.tier, status = 'open',
                suggested_at = CASE WHEN crm_vip_suggestion.status = 'open' THEN crm_vip_suggestion.suggested_at
                                    ELSE EXCLUDED.suggested_at END,
                updated_at = EXCLUDED.updated_at
            """)
    void suggestVip(@Bind("customerId") UUID customerId, @Bind("tier") String tier, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_vip_suggestion SET status = 'withdrawn', updated_at = :now
            WHERE customer_id = :customerId AND status = 'open'
            """)
    void withdrawVip(@Bind("customerId") UUID customerId, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT s.customer_id, s.tier, c.email, c.name, s.suggested_at
            FROM crm_vip_suggestion s LEFT JOIN crm_contact c ON c.customer_id = s.customer_id
            WHERE s.status = 'open'
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (s.suggested_at, s.customer_id) < (:cursorAt, :cursorId))
            ORDER BY s.suggested_at DESC, s.customer_id DESC LIMIT :limit
            """)
    List<SuggestionRow> openSuggestions(@Bind("cursorAt") Instant cursorAt, @Bind("cursorId") UUID cursorId,
                                        @Bind("limit") int limit);

    @SqlQuery("SELECT email FROM crm_contact WHERE customer_id = :customerId AND erased_at IS NULL")
    Optional<String> contactEmail(@Bind("customerId") UUID customerId);

    @SqlQuery("SELECT locale FROM crm_contact WHERE customer_id = :customerId")
    Optional<String> contactLocale(@Bind("customerId") UUID customerId);

    @SqlQuery("SELECT name FROM crm_contact WHERE customer_id = :customerId")
    Optional<String> contactName(@Bind("customerId") UUID customerId);
}
