package io.bazaar.store.crmintegration;

import io.bazaar.crm.campaign.app.NewProductsSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The store's side of the CRM's {@link NewProductsSource} port: active products by their publication time,
 * with their categories, for the "new products in categories you bought" occasion.
 */
public final class StoreNewProducts implements NewProductsSource {
    private final Jdbi jdbi;

    public StoreNewProducts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<NewProduct> publishedBetween(Instant from, Instant to, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT p.id, p.title,
                               COALESCE(array_agg(pc.category_id) FILTER (WHERE pc.category_id IS NOT NULL), '{}') AS cats
                        FROM product p LEFT JOIN product_category pc ON pc.product_id = p.id
                        WHERE p.status = 'active' AND p.published_at > :from AND p.published_at <= :to
                        GROUP BY p.id, p.title, p.published_at
                        ORDER BY p.published_at, p.id LIMIT :limit
                        """).bind("from", from).bind("to", to).bind("limit", limit)
                .map((rs, ctx) -> new NewProduct(rs.getObject("id", UUID.class), rs.getString("title"),
                        List.of((UUID[]) rs.getArray("cats").getArray())))
                .list());
    }
}
