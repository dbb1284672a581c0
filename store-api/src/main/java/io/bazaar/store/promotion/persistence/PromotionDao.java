package io.bazaar.store.promotion.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface PromotionDao {

    record PromotionRow(UUID id, String code, String name, String kind, boolean automatic,
                        @ColumnName("percent_off") Integer percentOff, @ColumnName("amount_off") Long amountOff,
                        String currency, @ColumnName("min_subtotal") Long minSubtotal,
                        @ColumnName("min_quantity") Integer minQuantity, @ColumnName("starts_at") Instant startsAt,
                        @ColumnName("ends_at") Instant endsAt, @ColumnName("usage_limit") Integer usageLimit,
                        @ColumnName("per_customer_limit") Integer perCustomerLimit, int redemptions,
                        @ColumnName("product_ids") UUID[] productIds, @ColumnName("category_ids") UUID[] categoryIds,
                        boolean active, int version, @ColumnName("created_at") Instant createdAt,
                        @ColumnName("updated_at") Instant updatedAt) {
    }

    /** A product with its categories and every ancestor of them. */
    record ProductCategoriesRow(@ColumnName("product_id") UUID productId,
                                @ColumnName("category_ids") UUID[] categoryIds) {
    }

    record ReleasedRow(@ColumnName("promotion_id") UUID promotionId, @ColumnName("customer_key") String customerKey) {
    }

    String COLUMNS = """
            id, code, name, kind, automatic, percent_off, amount_off, currency, min_subtotal, min_quantity, starts_at,
            ends_at, usage_limit, per_customer_limit, redemptions, product_ids, category_ids, active, version,
            created_at, updated_at
            """;

    @SqlUpdate("""
            INSERT INTO promotion (id, code, name, kind, automatic, percent_off, amount_off, currency, min_subtotal,
                min_quantity, starts_at, ends_at, usage_limit, per_customer_limit, product_ids, category_ids,
                created_at, updated_at)
            VALUES (:id, :code, :name, :kind, :automatic, :percentOff, :amountOff, :currency, :minSubtotal,
                :minQuantity, :startsAt, :endsAt, :usageLimit, :perCustomerLimit, :productIds, :categoryIds,
                :createdAt, :updatedAt)
            ON CONFLICT DO NOTHING
            """)
    int insert(@BindMethods PromotionRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM promotion WHERE id = :id")
    Optional<PromotionRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM promotion WHERE code = :code")
    Optional<PromotionRow> findByCode(@Bind("code") String code);

    @SqlQuery("SELECT " + COLUMNS + " FROM promotion WHERE automatic AND active ORDER BY id")
    List<PromotionRow> listLiveAutomatic();

    @SqlQuery("SELECT " + COLUMNS + """
             FROM promotion
            WHERE (CAST(:active AS boolean) IS NULL OR active = :active)
              AND (CAST(:atTime AS timestamptz) IS NULL OR (created_at, id) < (:atTime, :atId))
            ORDER BY created_at DESC, id DESC
            LIMIT :limit
            """)
    List<PromotionRow> list(@Bind("active") Boolean active, @Bind("atTime") Instant atTime, @Bind("atId") UUID atId,
                            @Bind("limit") int limit);

    /** Optimistic: zero rows when someone changed the promotion since {@code version} was read. */
    @SqlUpdate("""
            UPDATE promotion SET name = :name, percent_off = :percentOff, amount_off = :amountOff,
                min_subtotal = :minSubtotal, min_quantity = :minQuantity, starts_at = :startsAt, ends_at = :endsAt,
                usage_limit = :usageLimit, per_customer_limit = :perCustomerLimit, product_ids = :productIds,
                category_ids = :categoryIds, version = version + 1, updated_at = :updatedAt
            WHERE id = :id AND version = :version
              -- A redemption racing this change must not leave more uses than the new limit.
              AND (CAST(:usageLimit AS integer) IS NULL OR redemptions <= :usageLimit)
            """)
    int update(@BindMethods PromotionRow row);

    @SqlUpdate("""
            UPDATE promotion SET active = false, version = version + 1, updated_at = :now
            WHERE id = :id AND active
            """)
    int deactivate(@Bind("id") UUID id, @Bind("now") Instant now);

    /**
     * Takes one use of a code. The condition is re-checked on the latest row version after waiting for a
     * concurrent redeemer's lock, so the count never passes the limit: exactly one of N racing checkouts
     * takes the last use.
     */
    @SqlUpdate("""
            UPDATE promotion SET redemptions = redemptions + 1
            WHERE id = :id AND active AND (usage_limit IS NULL OR redemptions < usage_limit)
              AND (starts_at IS NULL OR starts_at <= :now) AND (ends_at IS NULL OR ends_at > :now)
            """)
    int redeem(@Bind("id") UUID id, @Bind("now") Instant now);

    /** Takes one of a customer's uses of a code; zero rows when they have none left. */
    @SqlUpdate("""
            INSERT INTO promotion_customer_usage (promotion_id, customer_key, uses, created_at, updated_at)
            VALUES (:id, :key, 1, :now, :now)
            ON CONFLICT (promotion_id, customer_key) DO UPDATE
               SET uses = promotion_customer_usage.uses + 1, updated_at = :now
             WHERE promotion_customer_usage.uses < :limit
            """)
    int takeCustomerUse(@Bind("id") UUID id, @Bind("key") String customerKey, @Bind("limit") int limit,
                        @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO promotion_redemption (id, promotion_id, order_id, customer_key, amount, created_at)
            VALUES (:id, :promotionId, :orderId, :key, :amount, :now)
            """)
    void insertRedemption(@Bind("id") UUID id, @Bind("promotionId") UUID promotionId, @Bind("orderId") UUID orderId,
                          @Bind("key") String customerKey, @Bind("amount") long amount, @Bind("now") Instant now);

    /** Marks an order's redemptions released; each row is returned to exactly one caller. */
    @SqlQuery("""
            UPDATE promotion_redemption SET released_at = :now
            WHERE order_id = :orderId AND released_at IS NULL
            RETURNING promotion_id, customer_key
            """)
    List<ReleasedRow> releaseForOrder(@Bind("orderId") UUID orderId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE promotion SET redemptions = redemptions - 1 WHERE id = :id AND redemptions > 0")
    int giveBack(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE promotion_customer_usage SET uses = uses - 1, updated_at = :now
            WHERE promotion_id = :id AND customer_key = :key AND uses > 0
            """)
    int giveBackCustomerUse(@Bind("id") UUID id, @Bind("key") String customerKey, @Bind("now") Instant now);

    @SqlQuery("""
            WITH RECURSIVE up (product_id, category_id) AS (
                SELECT product_id, category_id FROM product_category WHERE product_id = ANY (:productIds)
                UNION
                SELECT up.product_id, c.parent_id FROM up JOIN category c ON c.id = up.category_id
                WHERE c.parent_id IS NOT NULL
            )
            SELECT product_id, array_agg(category_id) AS category_ids FROM up GROUP BY product_id
            """)
    List<ProductCategoriesRow> categoriesWithAncestors(@Bind("productIds") UUID[] productIds);

    @SqlQuery("SELECT id FROM product WHERE id = ANY (:ids)")
    List<UUID> existingProducts(@Bind("ids") UUID[] ids);

    @SqlQuery("SELECT id FROM category WHERE id = ANY (:ids)")
    List<UUID> existingCategories(@Bind("ids") UUID[] ids);
}
