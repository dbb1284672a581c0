package io.bazaar.store.catalog.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Products with their variants, prices, categories and stock ledger (one aggregate). */
public interface ProductDao {

    String PRODUCT_COLUMNS = """
            id, slug, title, description, status, brand, attributes::text AS attributes, image_urls, tags,
            delivery_min_days, delivery_max_days, version, published_at, created_at, updated_at, early_access_until""";

    record ProductRow(UUID id, String slug, String title, String description, String status, String brand,
                      String attributes, @ColumnName("image_urls") String[] imageUrls, String[] tags,
                      @ColumnName("delivery_min_days") int deliveryMinDays,
                      @ColumnName("delivery_max_days") int deliveryMaxDays, int version,
                      @ColumnName("published_at") Instant publishedAt, @ColumnName("created_at") Instant createdAt,
                      @ColumnName("updated_at") Instant updatedAt,
                      @ColumnName("early_access_until") Instant earlyAccessUntil) {
    }

    record VariantRow(UUID id, @ColumnName("product_id") UUID productId, String sku, String options,
                      @ColumnName("weight_grams") Integer weightGrams, @ColumnName("stock_on_hand") int stockOnHand,
                      int position) {
    }

    record PriceRow(@ColumnName("variant_id") UUID variantId, String currency, long amount,
                    @ColumnName("compare_at_amount") Long compareAtAmount) {
    }

    record MovementRow(UUID id, @ColumnName("variant_id") UUID variantId, int delta, String reason, String note,
                       @ColumnName("stock_after") int stockAfter, @ColumnName("created_by") UUID createdBy,
                       @ColumnName("created_at") Instant createdAt) {
    }

    /** A product linked to another id: its category or related product. */
    record LinkRow(@ColumnName("product_id") UUID productId, @ColumnName("other_id") UUID otherId) {
    }

    @SqlUpdate("""
            INSERT INTO product (id, slug, title, description, status, brand, attributes, image_urls, tags,
                                 delivery_min_days, delivery_max_days, search_title, search_body, published_at,
                                 created_at, updated_at, early_access_until)
            VALUES (:id, :slug, :title, :description, :status, :brand, CAST(:attributes AS jsonb), :imageUrls, :tags,
                    :deliveryMinDays, :deliveryMaxDays, :searchTitle, :searchBody, :publishedAt, :now, :now,
                    :earlyAccessUntil)
            ON CONFLICT (slug) DO NOTHING
            """)
    int insertProduct(@Bind("id") UUID id, @Bind("slug") String slug, @Bind("title") String title,
                      @Bind("description") String description, @Bind("status") String status,
                      @Bind("brand") String brand, @Bind("attributes") String attributesJson,
                      @Bind("imageUrls") String[] imageUrls, @Bind("tags") String[] tags,
                      @Bind("deliveryMinDays") int deliveryMinDays, @Bind("deliveryMaxDays") int deliveryMaxDays,
                      @Bind("searchTitle") String searchTitle, @Bind("searchBody") String searchBody,
                      @Bind("publishedAt") Instant publishedAt, @Bind("now") Instant now,
                      @Bind("earlyAccessUntil") Instant earlyAccessUntil);

    /** Optimistic concurrency: zero rows means someone else changed the product since {@code expectedVersion}. */
    @SqlUpdate("""
            UPDATE product SET slug = :slug, title = :title, description = :description, status = :status,
                   brand = :brand, attributes = CAST(:attributes AS jsonb), image_urls = :imageUrls, tags = :tags,
                   delivery_min_days = :deliveryMinDays, delivery_max_days = :deliveryMaxDays,
                   search_title = :searchTitle, search_body = :searchBody,
                   published_at = COALESCE(published_at, :publishedAt), early_access_until = :earlyAccessUntil,
                   version = version + 1, updated_at = :now
            WHERE id = :id AND version = :expectedVersion
            """)
    int updateProduct(@Bind("id") UUID id, @Bind("expectedVersion") int expectedVersion, @Bind("slug") String slug,
                      @Bind("title") String title, @Bind("description") String description,
                      @Bind("status") String status, @Bind("brand") String brand,
                      @Bind("attributes") String attributesJson, @Bind("imageUrls") String[] imageUrls,
                      @Bind("tags") String[] tags, @Bind("deliveryMinDays") int deliveryMinDays,
                      @Bind("deliveryMaxDays") int deliveryMaxDays, @Bind("searchTitle") String searchTitle,
                      @Bind("searchBody") String searchBody, @Bind("publishedAt") Instant publishedAt,
                      @Bind("now") Instant now, @Bind("earlyAccessUntil") Instant earlyAccessUntil);

    @SqlUpdate("UPDATE product SET updated_at = :now WHERE id = :id")
    int touch(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE product SET search_body = :searchBody WHERE id = :id")
    int updateSearchBody(@Bind("id") UUID id, @Bind("searchBody") String searchBody);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM product WHERE slug = :slug AND id <> :id)")
    boolean slugUsedByOther(@Bind("slug") String slug, @Bind("id") UUID id);

    @SqlQuery("SELECT " + PRODUCT_COLUMNS + " FROM product WHERE id = :id")
    Optional<ProductRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + PRODUCT_COLUMNS + " FROM product WHERE slug = :slug")
    Optional<ProductRow> findBySlug(@Bind("slug") String slug);

    @SqlQuery("SELECT " + PRODUCT_COLUMNS + " FROM product WHERE id = ANY(:ids)")
    List<ProductRow> listByIds(@Bind("ids") UUID[] ids);

    @SqlQuery("SELECT id FROM product WHERE id = ANY(:ids)")
    List<UUID> existing(@Bind("ids") UUID[] ids);

    @SqlQuery("""
            SELECT id, slug, title, description, status, brand, attributes::text AS attributes, image_urls, tags,
                   delivery_min_days, delivery_max_days, version, published_at, created_at, updated_at,
                   early_access_until
            FROM product
            WHERE (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:titleLike AS text) IS NULL OR search_title LIKE :titleLike)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
            ORDER BY created_at DESC, id DESC
            LIMIT :limit
            """)
    List<ProductRow> listForAdmin(@Bind("status") String status, @Bind("titleLike") String titleLike,
                                  @Bind("cursorAt") Instant cursorAt, @Bind("cursorId") UUID cursorId,
                                  @Bind("limit") int limit);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM product)")
    boolean anyProduct();

    @SqlUpdate("DELETE FROM product_category WHERE product_id = :id")
    void deleteCategories(@Bind("id") UUID productId);

    @SqlBatch("INSERT INTO product_category (product_id, category_id) VALUES (:productId, :categoryId)")
    void insertCategories(@Bind("productId") UUID productId, @Bind("categoryId") List<UUID> categoryIds);

    @SqlQuery("""
            SELECT pc.product_id, pc.category_id AS other_id FROM product_category pc
            JOIN category c ON c.id = pc.category_id
            WHERE pc.product_id = ANY(:ids) ORDER BY c.position, c.name
            """)
    List<LinkRow> listCategoryLinks(@Bind("ids") UUID[] productIds);

    @SqlUpdate("DELETE FROM product_related WHERE product_id = :id")
    void deleteRelated(@Bind("id") UUID productId);

    @SqlBatch("""
            INSERT INTO product_related (product_id, related_product_id, position)
            VALUES (:productId, :relatedId, :position)
            """)
    void insertRelated(@Bind("productId") UUID productId, @Bind("relatedId") List<UUID> relatedIds,
                       @Bind("position") List<Integer> positions);

    @SqlQuery("""
            SELECT product_id, related_product_id AS other_id FROM product_related
            WHERE product_id = ANY(:ids) ORDER BY position
            """)
    List<LinkRow> listRelatedLinks(@Bind("ids") UUID[] productIds);

    @SqlUpdate("""
            INSERT INTO variant (id, product_id, sku, options, weight_grams, stock_on_hand, position, created_at, updated_at)
            VALUES (:id, :productId, :sku, CAST(:options AS jsonb), :weightGrams, 0,
                    (SELECT COALESCE(max(position) + 1, 0) FROM variant WHERE product_id = :productId), :now, :now)
            ON CONFLICT (sku) DO NOTHING
            """)
    int insertVariant(@Bind("id") UUID id, @Bind("productId") UUID productId, @Bind("sku") String sku,
                      @Bind("options") String optionsJson, @Bind("weightGrams") Integer weightGrams,
                      @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE variant SET sku = :sku, options = CAST(:options AS jsonb), weight_grams = :weightGrams, updated_at = :now
            WHERE id = :id
            """)
    int updateVariant(@Bind("id") UUID id, @Bind("sku") String sku, @Bind("options") String optionsJson,
                      @Bind("weightGrams") Integer weightGrams, @Bind("now") Instant now);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM variant WHERE sku = :sku AND id <> :id)")
    boolean skuUsedByOther(@Bind("sku") String sku, @Bind("id") UUID id);

    @SqlQuery("""
            SELECT id, product_id, sku, options::text AS options, weight_grams, stock_on_hand, position
            FROM variant WHERE id = :id
            """)
    Optional<VariantRow> findVariant(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT id, product_id, sku, options::text AS options, weight_grams, stock_on_hand, position
            FROM variant WHERE product_id = ANY(:ids) ORDER BY position, id
            """)
    List<VariantRow> listVariants(@Bind("ids") UUID[] productIds);

    @SqlUpdate("DELETE FROM variant_price WHERE variant_id = :id")
    void deletePrices(@Bind("id") UUID variantId);

    @SqlBatch("""
            INSERT INTO variant_price (variant_id, currency, amount, compare_at_amount, created_at)
            VALUES (:variantId, :currency, :amount, :compareAt, :now)
            """)
    void insertPrices(@Bind("variantId") UUID variantId, @Bind("currency") List<String> currencies,
                      @Bind("amount") List<Long> amounts, @Bind("compareAt") List<Long> compareAt,
                      @Bind("now") Instant now);

    @SqlQuery("""
            SELECT variant_id, currency, amount, compare_at_amount FROM variant_price
            WHERE variant_id = ANY(:ids) ORDER BY currency
            """)
    List<PriceRow> listPrices(@Bind("ids") UUID[] variantIds);

    /** Recomputes the per-currency minimum the price filters and sorts read; run after any variant or price change. */
    @SqlUpdate("""
            WITH mins AS (
                SELECT v.product_id, vp.currency, min(vp.amount) AS amount
                FROM variant v JOIN variant_price vp ON vp.variant_id = v.id
                WHERE v.product_id = :id
                GROUP BY v.product_id, vp.currency
            ), gone AS (
                DELETE FROM product_price pp
                WHERE pp.product_id = :id AND NOT EXISTS (SELECT 1 FROM mins WHERE mins.currency = pp.currency)
            )
            INSERT INTO product_price (product_id, currency, amount)
            SELECT product_id, currency, amount FROM mins
            ON CONFLICT (product_id, currency) DO UPDATE SET amount = EXCLUDED.amount
            """)
    void refreshProductPrices(@Bind("id") UUID productId);

    /** product_id of each listed product's cheapest price per currency. */
    @SqlQuery("SELECT product_id AS variant_id, currency, amount, NULL::bigint AS compare_at_amount FROM product_price WHERE product_id = ANY(:ids) ORDER BY currency")
    List<PriceRow> listProductPrices(@Bind("ids") UUID[] productIds);

    /**
     * Moves stock and writes its ledger row in one statement. The conditional update keeps stock non-negative
     * under concurrency: the row lock taken by UPDATE serialises adjusters, and the WHERE re-checks the fresh
     * value. The ledger row carries the level the update left, so stock on hand always equals the ledger sum.
     *
     * @return the stock left; empty when it would go negative (then nothing is written)
     */
    @SqlQuery("""
            WITH moved AS (
                UPDATE variant SET stock_on_hand = stock_on_hand + :delta, updated_at = :now
                WHERE id = :variantId AND stock_on_hand + :delta >= 0
                RETURNING stock_on_hand
            ), ledger AS (
                INSERT INTO stock_movement (id, variant_id, delta, reason, note, stock_after, created_by, created_at)
                SELECT :id, :variantId, :delta, :reason, :note, stock_on_hand, :createdBy, :now FROM moved
            )
            SELECT stock_on_hand FROM moved
            """)
    Optional<Integer> moveStock(@Bind("id") UUID id, @Bind("variantId") UUID variantId, @Bind("delta") int delta,
                                @Bind("reason") String reason, @Bind("note") String note,
                                @Bind("createdBy") UUID createdBy, @Bind("now") Instant now);

    /**
     * Takes stock for an order and holds it, as {@code WITH} members of a statement that defines
     * {@code holds(variant_id, quantity, movement_id, reason, note, at)}: per hold, the stock update (refused below
     * zero) with its ledger row (as {@link #moveStock}); the order records that it holds the stock
     * ({@code customer_order.stock_state}). The statement can read {@code moved}, one row per hold taken: fewer rows than
     * holds means a shortfall, and the caller must roll back. For several variants the caller holds their locks
     * already, taken in id order ({@code PlaceOrder} takes them in the same round trip), so that concurrent orders
     * cannot deadlock here; a single variant's update takes its lock itself. The order statement uses it
     * ({@code OrderDao.INSERT_ORDER}): a checkout takes its stock in the statement that writes the order.
     */
    String TAKE_HELD_STOCK = """
            moved AS (
                UPDATE variant v SET stock_on_hand = v.stock_on_hand - h.quantity, updated_at = h.at
                FROM holds h
                WHERE v.id = h.variant_id AND v.stock_on_hand >= h.quantity
                RETURNING v.id AS variant_id, v.stock_on_hand, h.quantity, h.movement_id, h.reason, h.note, h.at
            ), stock_taken AS (
                INSERT INTO stock_movement (id, variant_id, delta, reason, note, stock_after, created_by, created_at)
                SELECT movement_id, variant_id, -quantity, reason, note, stock_on_hand, NULL, at FROM moved
            )
            """;

    @SqlQuery("""
            SELECT id, variant_id, delta, reason, note, stock_after, created_by, created_at FROM stock_movement
            WHERE variant_id = :variantId
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
            ORDER BY created_at DESC, id DESC
            LIMIT :limit
            """)
    List<MovementRow> listMovements(@Bind("variantId") UUID variantId, @Bind("cursorAt") Instant cursorAt,
                                    @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlQuery("SELECT COALESCE(sum(delta), 0) FROM stock_movement WHERE variant_id = :id")
    long ledgerSum(@Bind("id") UUID variantId);

    @SqlBatch("INSERT INTO search_word (word) VALUES (:word) ON CONFLICT (word) DO NOTHING")
    void insertWords(@Bind("word") List<String> words);

    // ---- Reviews (issue #7, part 5): the approved-only rating summary the review feature maintains ----
    record RatingRow(@ColumnName("product_id") UUID productId, @ColumnName("review_count") int count,
                     @ColumnName("rating_sum") int sum, @ColumnName("rating_1") int r1, @ColumnName("rating_2") int r2,
                     @ColumnName("rating_3") int r3, @ColumnName("rating_4") int r4, @ColumnName("rating_5") int r5) {
    }

    @SqlQuery("""
            SELECT product_id, review_count, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5
            FROM product_rating WHERE product_id = ANY(:ids)""")
    List<RatingRow> listRatings(@Bind("ids") UUID[] productIds);
    // ---- end reviews ----
}
