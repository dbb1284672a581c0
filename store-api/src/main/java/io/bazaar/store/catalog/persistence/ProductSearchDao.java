package io.bazaar.store.catalog.persistence;

import io.bazaar.shared.db.JdbcReads;
import io.bazaar.shared.db.NamedSql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
        String sortExpr = sortExpr(f.sort());
        StringBuilder sql = new StringBuilder("SELECT p.id, ").append(sortKeyText(f.sort(), sortExpr))
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
        String dir = direction(f.sort());
        sql.append(" ORDER BY ").append(sortExpr).append(' ').append(dir).append(", p.id ").append(dir)
                .append(" LIMIT :limit");
        binds.put("limit", limit);
        Query q = getHandle().createQuery(sql.toString());
        binds.forEach(q::bind);
        return q.mapTo(Hit.class).list();
    }

    /** A search's first page: its hits, the product card of each (same order) and the facet counts. */
    record FirstPage(List<Hit> hits, List<ProductSummaryQuery.SummaryRow> cards, List<FacetRow> facets) {
    }

    /**
     * The first page of a search with the product card of every hit and the facet counts of its whole result set,
     * in one statement: the full-text match (a GIN scan, most of a search's database time) is evaluated once for
     * all of it. Counts per category and per attribute value cover every match, not just the page. A category
     * counts the matching products of its whole subtree (a phone in "Smartphones" also counts for its parent
     * "Electronics"), each product once however many of the subtree's categories it is in. Rows: section 0 is a
     * hit with its card, 1 a category count, 2 an attribute count. Runs on the handle's JDBC connection, as the
     * hottest catalogue miss (see {@link ProductSummaryQuery}).
     */
    default FirstPage firstPageWithFacets(Filter f, int limit, int maxPerFacet) {
        if (f.afterId() != null) {
            throw new IllegalArgumentException("facets come with the first page only");
        }
        Map<String, Object> binds = new LinkedHashMap<>();
        String sortExpr = sortExpr(f.sort());
        String dir = direction(f.sort());
        String noCard = ", NULL::text, NULL::text, NULL::text, NULL::text, NULL::text[], NULL::timestamptz,"
                + " NULL::timestamptz, NULL::int, NULL::text[], NULL::bigint[]";
        String sql = """
                WITH RECURSIVE m AS MATERIALIZED (SELECT p.id, p.attributes, %s AS sort_val, %s AS sort_key %s),
                -- every category with itself and each of its ancestors (categories are few: hundreds at most)
                up (category_id, ancestor_id) AS (
                    SELECT id, id FROM category
                    UNION ALL
                    SELECT up.category_id, c.parent_id FROM up JOIN category c ON c.id = up.ancestor_id
                     WHERE c.parent_id IS NOT NULL)
                (SELECT 0 AS section, h.ord, h.id, h.sort_key, NULL AS facet, NULL AS key, NULL AS value,
                        NULL AS label, 0::bigint AS count, %s
                   FROM (SELECT row_number() OVER (ORDER BY m.sort_val %s, m.id %s) AS ord, m.id, m.sort_key
                           FROM m ORDER BY m.sort_val %s, m.id %s LIMIT :limit) h
                   JOIN product p ON p.id = h.id
                   %s)
                UNION ALL
                (SELECT 1, row_number() OVER (ORDER BY count(DISTINCT m.id) DESC, c.slug), NULL, NULL,
                        'category', c.id::text, c.slug, c.name, count(DISTINCT m.id) %s
                   FROM m JOIN product_category pc ON pc.product_id = m.id
                   JOIN up ON up.category_id = pc.category_id JOIN category c ON c.id = up.ancestor_id
                  GROUP BY c.id, c.slug, c.name ORDER BY count(DISTINCT m.id) DESC, c.slug LIMIT :maxPerFacet)
                UNION ALL
                (SELECT 2, row_number() OVER (ORDER BY count(*) DESC, kv.key, kv.value), NULL, NULL,
                        'attribute', kv.key, kv.value, kv.value, count(*) %s
                   FROM m, jsonb_each_text(m.attributes) kv
                  GROUP BY kv.key, kv.value ORDER BY count(*) DESC, kv.key, kv.value LIMIT :maxAttributes)
                ORDER BY section, ord
                """.formatted(sortExpr, sortKeyText(f.sort(), sortExpr), fromWhere(f, binds),
                ProductSummaryQuery.CARD_COLUMNS, dir, dir, dir, dir, ProductSummaryQuery.CARD_JOIN, noCard, noCard);
        binds.put("limit", limit);
        binds.put("maxPerFacet", maxPerFacet);
        binds.put("maxAttributes", maxPerFacet * 4);
        List<Hit> hits = new ArrayList<>();
        List<ProductSummaryQuery.SummaryRow> cards = new ArrayList<>();
        List<FacetRow> facets = new ArrayList<>();
        try (PreparedStatement ps = NamedSql.parse(sql).prepare(getHandle().getConnection(), binds);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getInt("section") == 0) {
                    hits.add(new Hit(rs.getObject("id", UUID.class), rs.getString("sort_key")));
                    cards.add(ProductSummaryQuery.card(rs));
                } else {
                    facets.add(new FacetRow(rs.getString("facet"), rs.getString("key"), rs.getString("value"),
                            rs.getString("label"), rs.getLong("count")));
                }
            }
        } catch (SQLException e) {
            throw JdbcReads.failed("search first page", e);
        }
        return new FirstPage(hits, cards, facets);
    }

    private static String sortExpr(Sort sort) {
        return switch (sort) {
            case NEWEST -> "p.created_at";
            case PRICE_ASC, PRICE_DESC -> "pp.amount";
            case RELEVANCE -> "ts_rank_cd(p.search_vector, to_tsquery('simple', :tsq))::float8";
            case BEST_SELLING -> "p.units_sold";
        };
    }

    /** The sort key as text, for the keyset cursor. */
    private static String sortKeyText(Sort sort, String sortExpr) {
        return sort == Sort.NEWEST ? "to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                : sortExpr + "::text";
    }

    private static String direction(Sort sort) {
        return sort == Sort.PRICE_ASC ? "ASC" : "DESC";
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

    /** What the lexicon knows of one query word: is it a whole indexed word, and does any indexed word start with it. */
    record WordCheck(String word, boolean whole, boolean prefixed) {
    }

    /**
     * Every query word checked against the lexicon in one statement. The prefix test is a range on the
     * text_pattern_ops btree (V96), byte order: from the word up to the word followed by the highest code point,
     * which stays an index range in a generic plan (a LIKE with a bound pattern would not).
     */
    @SqlQuery("""
            SELECT w.word,
                   EXISTS (SELECT 1 FROM search_word s WHERE s.word = w.word) AS whole,
                   EXISTS (SELECT 1 FROM search_word s
                           WHERE s.word ~>=~ w.word AND s.word ~<~ (w.word || chr(1114111))) AS prefixed
            FROM unnest(CAST(:words AS text[])) AS w(word)
            """)
    List<WordCheck> checkWords(@Bind("words") String[] words);

    /** The nearest indexed words by trigram distance (KNN on the GiST index). */
    @SqlQuery("SELECT word FROM search_word ORDER BY word <-> :word LIMIT :limit")
    List<String> nearestWords(@Bind("word") String word, @Bind("limit") int limit);
}
