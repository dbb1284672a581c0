package io.bazaar.store.catalog.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The public list/search query. Filters are optional and combine freely, so the SQL is assembled
 * here from fixed fragments; every value is a bind parameter, never concatenated text.
 */
public interface ProductSearchDao extends SqlObject {

    enum Sort { NEWEST, PRICE_ASC, PRICE_DESC, RELEVANCE, BEST_SELLING }

    /**
     * @param categoryIds   already expanded to sub-categories; null for no filter
     * @param attributes    key to accepted values (values of one key are alternatives, keys all apply)
     * @param tsQuery       to_tsquery('simple') text built from sanitised words; null without a search
     * @param afterKey      keyset position: the sort key of the last row of the previous page
     */
    record Filter(List<UUID> categoryIds, String currency, Long minPrice, Long maxPrice, Boolean inStock,
                  Map<String, List<String>> attributes, String tag, String tsQuery, Sort sort,
                  String afterKey, UUID afterId) {
    }

    record Hit(UUID id, @ColumnName("sort_key") String sortKey) {
    }

    record FacetRow(String facet, String key, String value, String label, long count) {
    }

    default List<Hit> search(Filter f, int limit) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String sortExpr = switch (f.sort()) {
            case NEWEST -> "p.created_at";
            case PRICE_ASC, PRICE_DESC -> "pp.amount";
            case RELEVANCE -> "ts_rank_cd(p.search_vector, to_tsquery('simple', :tsq))::float8";
            case BEST_SELLING -> "p.units_sold";
        };
        StringBuilder sql = new StringBuilder("SELECT p.id, ")
                .append(f.sort() == Sort.NEWEST ? "to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                        : sortExpr + "::text")
                .append(" AS sort_key ");
        sql.append(fromWhere(f, binds));
        if (f.afterId() != null) {
            String cmp = f.sort() == Sort.PRICE_ASC ? ">" : "<";
            String typed = switch (f.sort()) {
                case NEWEST -> "CAST(:afterKey AS timestamptz)";
                case PRICE_ASC, PRICE_DESC, BEST_SELLING -> "CAST(:afterKey AS bigint)";
                case RELEVANCE -> "CAST(:afterKey AS float8)";
            };
            sql.append(" AND (").append(sortExpr).append(", p.id) ").append(cmp).append(" (").append(typed)
                    .append(", :afterId)");
            binds.put("afterKey", f.afterKey());
            binds.put("afterId", f.afterId());
        }
        String dir = f.sort() == Sort.PRICE_ASC ? "ASC" : "DESC";
        sql.append(" ORDER BY ").append(sortExpr).append(' ').append(dir).append(", p.id ").append(dir)
                .append(" LIMIT :limit");
        binds.put("limit", limit);
        Query q = getHandle().createQuery(sql.toString());
        binds.forEach(q::bind);
        return q.mapTo(Hit.class).list();
    }

    /**
     * Counts per category and per attribute value over the whole result set (not just one page). A
     * category counts the matching products of its whole subtree (a phone in "Smartphones" also counts
     * for its parent "Electronics"), each product once however many of the subtree's categories it is in.
     */
    default List<FacetRow> facets(Filter f, int maxPerFacet) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String matching = "SELECT p.id, p.attributes " + fromWhere(f, binds);
        String sql = """
                WITH RECURSIVE m AS (%s),
                -- every category with itself and each of its ancestors (categories are few: hundreds at most)
                up (category_id, ancestor_id) AS (
                    SELECT id, id FROM category
                    UNION ALL
                    SELECT up.category_id, c.parent_id FROM up JOIN category c ON c.id = up.ancestor_id
                     WHERE c.parent_id IS NOT NULL)
                (SELECT 'category' AS facet, c.id::text AS key, c.slug AS value, c.name AS label,
                        count(DISTINCT m.id) AS count
                   FROM m JOIN product_category pc ON pc.product_id = m.id
                   JOIN up ON up.category_id = pc.category_id JOIN category c ON c.id = up.ancestor_id
                  GROUP BY c.id, c.slug, c.name ORDER BY count(DISTINCT m.id) DESC, c.slug LIMIT :maxPerFacet)
                UNION ALL
                (SELECT 'attribute', kv.key, kv.value, kv.value, count(*)
                   FROM m, jsonb_each_text(m.attributes) kv
                  GROUP BY kv.key, kv.value ORDER BY count(*) DESC, kv.key, kv.value LIMIT :maxAttributes)
                """.formatted(matching);
        binds.put("maxPerFacet", maxPerFacet);
        binds.put("maxAttributes", maxPerFacet * 4);
        Query q = getHandle().createQuery(sql);
        binds.forEach(q::bind);
        return q.mapTo(FacetRow.class).list();
    }

    /**
     * Units of each product in orders paid (and not cancelled) in the window, written where they changed.
     * Idempotent, so two instances refreshing at once only do the same work twice.
     *
     * @return how many products changed rank data
     */
    @SqlUpdate("""
            UPDATE product p SET units_sold = s.units
            FROM (SELECT p2.id, COALESCE(sold.units, 0) AS units
                    FROM product p2
                    LEFT JOIN (SELECT ol.product_id, sum(ol.quantity)::bigint AS units
                                 FROM order_line ol JOIN customer_order o ON o.id = ol.order_id
                                WHERE o.status NOT IN ('pending_payment', 'cancelled') AND o.placed_at >= :since
                                GROUP BY ol.product_id) sold ON sold.product_id = p2.id) s
            WHERE p.id = s.id AND p.units_sold <> s.units
            """)
    int refreshUnitsSold(@Bind("since") java.time.Instant since);

    private static String fromWhere(Filter f, Map<String, Object> binds) {
        StringBuilder sql = new StringBuilder("FROM product p ");
        boolean priced = f.currency() != null;
        if (priced) {
            sql.append("JOIN product_price pp ON pp.product_id = p.id AND pp.currency = :currency ");
            binds.put("currency", f.currency());
        }
        sql.append("WHERE p.status = 'active'");
        if (f.categoryIds() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM product_category pc WHERE pc.product_id = p.id AND pc.category_id = ANY(:cats))");
            binds.put("cats", f.categoryIds().toArray(UUID[]::new));
        }
        if (priced && f.minPrice() != null) {
            sql.append(" AND pp.amount >= :minPrice");
            binds.put("minPrice", f.minPrice());
        }
        if (priced && f.maxPrice() != null) {
            sql.append(" AND pp.amount <= :maxPrice");
            binds.put("maxPrice", f.maxPrice());
        }
        if (Boolean.TRUE.equals(f.inStock())) {
            sql.append(" AND EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND v.stock_on_hand > 0)");
        } else if (Boolean.FALSE.equals(f.inStock())) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND v.stock_on_hand > 0)");
        }
        int i = 0;
        for (Map.Entry<String, List<String>> a : f.attributes().entrySet()) {
            sql.append(" AND p.attributes ->> :ak").append(i).append(" = ANY(:av").append(i).append(")");
            binds.put("ak" + i, a.getKey());
            binds.put("av" + i, a.getValue().toArray(String[]::new));
            i++;
        }
        if (f.tag() != null) {
            sql.append(" AND p.tags @> ARRAY[CAST(:tag AS text)]");
            binds.put("tag", f.tag());
        }
        if (f.tsQuery() != null) {
            sql.append(" AND p.search_vector @@ to_tsquery('simple', :tsq)");
            binds.put("tsq", f.tsQuery());
        }
        return sql.toString();
    }

    /** Does any indexed word start with this prefix? (Then it is not a typo.) */
    // LIKE with a constant prefix uses the text_pattern_ops btree (V96); starts_with() would scan the table.
    // Words are letters and digits only (SearchText), so the prefix holds no LIKE wildcards.
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM search_word WHERE word LIKE :prefix || '%')")
    boolean anyWordWithPrefix(@Bind("prefix") String prefix);

    /** The nearest indexed words by trigram distance (KNN on the GiST index). */
    @SqlQuery("SELECT word FROM search_word ORDER BY word <-> :word LIMIT :limit")
    List<String> nearestWords(@Bind("word") String word, @Bind("limit") int limit);
}
