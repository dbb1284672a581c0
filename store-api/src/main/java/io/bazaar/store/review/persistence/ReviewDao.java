package io.bazaar.store.review.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Product reviews and the approved-only rating summary they feed. */
public interface ReviewDao {

    /** {@code authorName} is read from the customer at query time, so an erased customer shows no name. */
    record ReviewRow(UUID id, @ColumnName("product_id") UUID productId, @ColumnName("customer_id") UUID customerId,
                     @ColumnName("order_id") UUID orderId, int rating, String title, String body,
                     @ColumnName("verified_purchase") boolean verifiedPurchase, String status,
                     @ColumnName("flag_reason") String flagReason,
                     @ColumnName("moderation_message") String moderationMessage,
                     @ColumnName("moderated_by") UUID moderatedBy, @ColumnName("moderated_at") Instant moderatedAt,
                     @ColumnName("published_at") Instant publishedAt, int version,
                     @ColumnName("created_at") Instant createdAt, @ColumnName("updated_at") Instant updatedAt,
                     @ColumnName("author_name") String authorName) {
    }

    String SELECT = """
            SELECT r.id, r.product_id, r.customer_id, r.order_id, r.rating, r.title, r.body, r.verified_purchase,
                   r.status, r.flag_reason, r.moderation_message, r.moderated_by, r.moderated_at, r.published_at,
                   r.version, r.created_at, r.updated_at, c.name AS author_name
            FROM product_review r LEFT JOIN customer c ON c.id = r.customer_id
            """;

    /** Zero rows when this customer already reviewed this product (the unique key decides races). */
    @SqlUpdate("""
            INSERT INTO product_review (id, product_id, customer_id, order_id, rating, title, body, verified_purchase,
                                        status, flag_reason, published_at, created_at, updated_at)
            VALUES (:id, :productId, :customerId, :orderId, :rating, :title, :body, :verifiedPurchase, :status,
                    :flagReason, :publishedAt, :createdAt, :updatedAt)
            ON CONFLICT (product_id, customer_id) DO NOTHING
            """)
    int insert(@BindMethods ReviewRow row);

    @SqlQuery(SELECT + "WHERE r.id = :id")
    Optional<ReviewRow> findById(@Bind("id") UUID id);

    @SqlQuery(SELECT + "WHERE r.id = :id FOR UPDATE OF r")
    Optional<ReviewRow> lockById(@Bind("id") UUID id);

    /** The customer's edit: new text goes back through moderation, so any earlier decision is cleared. */
    @SqlUpdate("""
            UPDATE product_review
            SET rating = :rating, title = :title, body = :body, status = :status, flag_reason = :flagReason,
                moderation_message = NULL, moderated_by = NULL, moderated_at = NULL, published_at = :publishedAt,
                version = version + 1, updated_at = :now
            WHERE id = :id
            """)
    int updateContent(@Bind("id") UUID id, @Bind("rating") int rating, @Bind("title") String title,
                      @Bind("body") String body, @Bind("status") String status, @Bind("flagReason") String flagReason,
                      @Bind("publishedAt") Instant publishedAt, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE product_review
            SET status = :status, moderation_message = :message, moderated_by = :staffId, moderated_at = :now,
                published_at = :publishedAt, version = version + 1, updated_at = :now
            WHERE id = :id
            """)
    int decide(@Bind("id") UUID id, @Bind("status") String status, @Bind("message") String message,
               @Bind("staffId") UUID staffId, @Bind("publishedAt") Instant publishedAt, @Bind("now") Instant now);

    @SqlQuery(SELECT + """
            WHERE r.product_id = :productId AND r.status = 'approved'
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (r.created_at, r.id) < (:cursorAt, :cursorId))
            ORDER BY r.created_at DESC, r.id DESC
            LIMIT :limit
            """)
    List<ReviewRow> listApproved(@Bind("productId") UUID productId, @Bind("cursorAt") Instant cursorAt,
                                 @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlQuery(SELECT + """
            WHERE (CAST(:status AS text) IS NULL OR r.status = :status)
              AND (CAST(:productId AS uuid) IS NULL OR r.product_id = :productId)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (r.created_at, r.id) < (:cursorAt, :cursorId))
            ORDER BY r.created_at DESC, r.id DESC
            LIMIT :limit
            """)
    List<ReviewRow> search(@Bind("status") String status, @Bind("productId") UUID productId,
                           @Bind("cursorAt") Instant cursorAt, @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlQuery(SELECT + """
            WHERE r.customer_id = :customerId
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (r.created_at, r.id) < (:cursorAt, :cursorId))
            ORDER BY r.created_at DESC, r.id DESC
            LIMIT :limit
            """)
    List<ReviewRow> listForCustomer(@Bind("customerId") UUID customerId, @Bind("cursorAt") Instant cursorAt,
                                    @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlUpdate("""
            INSERT INTO product_rating (product_id, created_at, updated_at) VALUES (:productId, :now, :now)
            ON CONFLICT (product_id) DO NOTHING
            """)
    void ensureRating(@Bind("productId") UUID productId, @Bind("now") Instant now);

    /**
     * Serialises rating recomputations of one product: the recomputation that follows runs as a new
     * statement (a fresh READ COMMITTED snapshot) after the lock, so it sees every review change that
     * committed before it, and two concurrent moderations cannot each overwrite the other's count.
     */
    @SqlQuery("SELECT product_id FROM product_rating WHERE product_id = :productId FOR UPDATE")
    UUID lockRating(@Bind("productId") UUID productId);

    @SqlUpdate("""
            UPDATE product_rating p
            SET review_count = a.n, rating_sum = a.s, rating_1 = a.c1, rating_2 = a.c2, rating_3 = a.c3,
                rating_4 = a.c4, rating_5 = a.c5, updated_at = :now
            FROM (SELECT count(*) AS n, COALESCE(sum(rating), 0) AS s,
                         count(*) FILTER (WHERE rating = 1) AS c1, count(*) FILTER (WHERE rating = 2) AS c2,
                         count(*) FILTER (WHERE rating = 3) AS c3, count(*) FILTER (WHERE rating = 4) AS c4,
                         count(*) FILTER (WHERE rating = 5) AS c5
                  FROM product_review WHERE product_id = :productId AND status = 'approved') a
            WHERE p.product_id = :productId
            """)
    int recomputeRating(@Bind("productId") UUID productId, @Bind("now") Instant now);

    /** Erasure: the customer's reviews go; answers the products whose rating must be recomputed. */
    @SqlQuery("DELETE FROM product_review WHERE customer_id = :customerId RETURNING product_id")
    List<UUID> deleteByCustomer(@Bind("customerId") UUID customerId);
}
