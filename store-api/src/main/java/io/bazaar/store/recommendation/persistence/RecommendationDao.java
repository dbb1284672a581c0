package io.bazaar.store.recommendation.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Recommendation read models over the order and catalogue tables. Every method ranks in one SQL
 * statement and answers product ids only; the caller builds summaries for a whole list at once.
 *
 * <p>"Paid" orders are those whose money was taken and not wholly given back: paid through completed,
 * and partially refunded. Pending, cancelled and fully refunded orders are not purchases.
 */
public interface RecommendationDao {
    String PAID = "('paid', 'partially_shipped', 'shipped', 'partially_delivered', 'delivered', 'completed', "
            + "'partially_refunded')";

    /**
     * Claims the co-purchase rebuild when it is due (or forced). The updated row stays locked until the
     * rebuilding transaction ends, so a second instance waits, then re-checks the condition against the
     * new {@code refreshed_at} and skips: one rebuild per interval however many instances run the job.
     */
    @SqlUpdate("""
            UPDATE recommendation_refresh SET refreshed_at = :now
            WHERE name = 'copurchase' AND (:force OR refreshed_at IS NULL OR refreshed_at <= :dueBefore)
            """)
    int claimCopurchaseRefresh(@Bind("now") Instant now, @Bind("dueBefore") Instant dueBefore,
                               @Bind("force") boolean force);

    @SqlUpdate("DELETE FROM product_copurchase")
    int clearCopurchases();

    /**
     * For every product, its {@code keep} strongest partners: the number of distinct paid orders (placed
     * since {@code since}) holding both. Ties go to the lower product id, so the order is stable.
     */
    @SqlUpdate("INSERT INTO product_copurchase (product_id, other_product_id, order_count, created_at) "
            + """
            WITH bought AS (
                SELECT DISTINCT ol.order_id, ol.product_id
                FROM customer_order o JOIN order_line ol ON ol.order_id = o.id
                WHERE o.status IN """ + PAID + """
                  AND o.placed_at >= :since
            ), pairs AS (
                SELECT a.product_id, b.product_id AS other_product_id, count(*)::int AS order_count
                FROM bought a JOIN bought b ON b.order_id = a.order_id AND b.product_id <> a.product_id
                GROUP BY a.product_id, b.product_id
            ), ranked AS (
                SELECT pairs.*, row_number() OVER (PARTITION BY product_id
                                                   ORDER BY order_count DESC, other_product_id) AS rn
                FROM pairs
            )
            SELECT r.product_id, r.other_product_id, r.order_count, :now
            FROM ranked r
            JOIN product p ON p.id = r.product_id
            JOIN product q ON q.id = r.other_product_id
            WHERE r.rn <= :keep
            """)
    int insertCopurchases(@Bind("since") Instant since, @Bind("keep") int keep, @Bind("now") Instant now);

    @SqlUpdate("UPDATE recommendation_refresh SET source_rows = :rows WHERE name = 'copurchase'")
    void recordRows(@Bind("rows") int rows);

    @SqlQuery("SELECT refreshed_at FROM recommendation_refresh WHERE name = 'copurchase'")
    Instant copurchaseRefreshedAt();

    @SqlQuery("""
            SELECT other_product_id FROM product_copurchase WHERE product_id = :id
            ORDER BY order_count DESC, other_product_id LIMIT :limit
            """)
    List<UUID> boughtTogether(@Bind("id") UUID productId, @Bind("limit") int limit);

    /**
     * Related products: the staff's own related list first (in its order), then products ranked by
     * 2 × shared categories + shared attribute key/values (the GIN index answers each {@code @>}),
     * newest first on ties.
     */
    @SqlQuery("""
            WITH me AS (
                SELECT id, attributes FROM product WHERE id = :id
            ), explicit AS (
                SELECT related_product_id AS id, position FROM product_related WHERE product_id = :id
            ), cats AS (
                SELECT pc.product_id AS id, count(*) AS n
                FROM product_category mine
                JOIN product_category pc ON pc.category_id = mine.category_id AND pc.product_id <> mine.product_id
                WHERE mine.product_id = :id
                GROUP BY pc.product_id
            ), attrs AS (
                SELECT p.id, count(*) AS n
                FROM me CROSS JOIN LATERAL jsonb_each(me.attributes) kv
                JOIN product p ON p.attributes @> jsonb_build_object(kv.key, kv.value)
                WHERE p.id <> me.id AND p.status = 'active'
                GROUP BY p.id
            ), scored AS (
                SELECT id, sum(score) AS score, min(position) AS position
                FROM (SELECT id, 0 AS score, position FROM explicit
                      UNION ALL SELECT id, 2 * n, NULL FROM cats
                      UNION ALL SELECT id, n, NULL FROM attrs) x
                WHERE id <> :id
                GROUP BY id
            )
            SELECT s.id FROM scored s JOIN product p ON p.id = s.id AND p.status = 'active'
            ORDER BY (s.position IS NULL), s.position, s.score DESC, p.created_at DESC, p.id
            LIMIT :limit
            """)
    List<UUID> related(@Bind("id") UUID productId, @Bind("limit") int limit);

    /**
     * "For you": products the customer has not bought, ranked by 3 × Σ co-purchase counts with what they
     * bought + Σ over the product's categories of how many of their purchases were in that category.
     */
    @SqlQuery("""
            WITH bought AS (
                SELECT DISTINCT ol.product_id
                FROM customer_order o JOIN order_line ol ON ol.order_id = o.id
                WHERE o.customer_id = :customerId AND o.status IN """ + PAID + """
            ), category_weight AS (
                SELECT pc.category_id, count(*) AS w
                FROM product_category pc JOIN bought b ON b.product_id = pc.product_id
                GROUP BY pc.category_id
            ), scored AS (
                SELECT id, sum(score) AS score
                FROM (SELECT t.other_product_id AS id, 3 * t.order_count AS score
                      FROM product_copurchase t JOIN bought b ON b.product_id = t.product_id
                      UNION ALL
                      SELECT pc.product_id, cw.w
                      FROM product_category pc JOIN category_weight cw ON cw.category_id = pc.category_id) x
                WHERE id NOT IN (SELECT product_id FROM bought)
                GROUP BY id
            )
            SELECT s.id FROM scored s JOIN product p ON p.id = s.id AND p.status = 'active'
            ORDER BY s.score DESC, p.created_at DESC, p.id
            LIMIT :limit
            """)
    List<UUID> forCustomer(@Bind("customerId") UUID customerId, @Bind("limit") int limit);

    /** Best sellers: distinct paid orders per product since {@code since}; for customers without history. */
    @SqlQuery("""
            SELECT ol.product_id
            FROM customer_order o JOIN order_line ol ON ol.order_id = o.id
            JOIN product p ON p.id = ol.product_id AND p.status = 'active'
            WHERE o.status IN """ + PAID + """
              AND o.placed_at >= :since
            GROUP BY ol.product_id
            ORDER BY count(DISTINCT o.id) DESC, ol.product_id
            LIMIT :limit
            """)
    List<UUID> bestSellers(@Bind("since") Instant since, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT DISTINCT ol.product_id
            FROM customer_order o JOIN order_line ol ON ol.order_id = o.id
            WHERE o.customer_id = :customerId AND o.status IN """ + PAID)
    List<UUID> boughtBy(@Bind("customerId") UUID customerId);
}
