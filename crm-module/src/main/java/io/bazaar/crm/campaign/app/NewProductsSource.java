package io.bazaar.crm.campaign.app;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Port: products the store published in a time window, for the "new products in categories you bought"
 * occasion. Implemented by the store in its CRM integration package.
 */
public interface NewProductsSource {

    /** A published product and its categories. */
    record NewProduct(UUID productId, String title, List<UUID> categoryIds) {
        public NewProduct {
            categoryIds = List.copyOf(categoryIds);
        }
    }

    /** Products whose publication time is in {@code (from, to]}, oldest first, at most {@code limit}. */
    List<NewProduct> publishedBetween(Instant from, Instant to, int limit);

    /** No store attached: nothing is ever new. */
    NewProductsSource NONE = (from, to, limit) -> List.of();
}
