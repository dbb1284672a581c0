package io.bazaar.store.catalog.app;

import java.util.List;

/**
 * A public list or search request as the shopper sent it (raw query parameters); {@link CatalogQueries}
 * validates it. {@code attributes} entries are {@code key:value}.
 */
public record ListQuery(String q, String category, String currency, Long minPrice, Long maxPrice, Boolean inStock,
                        List<String> attributes, String tag, String sort, String cursor, Integer limit) {

    /** A stable text form: the cache key of the page. */
    String canonical() {
        return String.join("\u0001", String.valueOf(q), String.valueOf(category), String.valueOf(currency),
                String.valueOf(minPrice), String.valueOf(maxPrice), String.valueOf(inStock),
                String.valueOf(attributes == null ? null : attributes.stream().sorted().toList()), String.valueOf(tag),
                String.valueOf(sort), String.valueOf(cursor), String.valueOf(limit));
    }
}
