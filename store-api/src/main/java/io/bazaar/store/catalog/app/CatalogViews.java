package io.bazaar.store.catalog.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bazaar.store.catalog.domain.Availability;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read models of the catalogue, shaped as the API answers them (snake_case JSON). They are also what
 * the Redis cache stores, so they hold no secrets and nothing request-specific.
 */
public final class CatalogViews {
    private CatalogViews() {
    }

    public record PriceView(String currency, long amount, @JsonInclude(JsonInclude.Include.NON_NULL) Long compareAtAmount) {
    }

    public record VariantView(UUID id, String sku, Map<String, String> options, List<PriceView> prices,
                              Integer weightGrams, Availability availability,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer stockOnHand) {
    }

    public record CategoryRef(UUID id, String slug, String name) {
    }

    public record DeliveryEstimate(int minDays, int maxDays, String label) {
    }

    public record RelatedRef(UUID id, String slug, String title) {
    }

    /**
     * A product with everything a product page needs. {@code version} and {@code status} matter to staff.
     * {@code earlyAccessUntil} (issue #8): until then only customers whose tier has early access can buy it; null
     * when there is no such window. The instant, not a "locked now" flag, so the cached view is the same for
     * every caller and at any time; frontends compare it with the clock to show a badge.
     */
    public record ProductView(UUID id, String slug, String title, String description, String status, String brand,
                              Map<String, String> attributes, List<String> imageUrls, List<CategoryRef> categories,
                              List<String> tags, List<RelatedRef> relatedProducts, List<VariantView> variants,
                              List<PriceView> priceFrom, Availability availability, DeliveryEstimate deliveryEstimate,
                              int version, Instant publishedAt, Instant createdAt, Instant updatedAt,
                              RatingView rating, Instant earlyAccessUntil) {
    }

    /**
     * Reviews (issue #7): the rating from approved reviews only. {@code average} is the mean rounded half-up
     * to two decimals, null without reviews; {@code distribution} counts reviews per star, "1" to "5".
     */
    public record RatingView(java.math.BigDecimal average, int count, Map<String, Integer> distribution) {
        public static RatingView of(int count, int sum, int r1, int r2, int r3, int r4, int r5) {
            Map<String, Integer> distribution = new java.util.LinkedHashMap<>();
            distribution.put("1", r1);
            distribution.put("2", r2);
            distribution.put("3", r3);
            distribution.put("4", r4);
            distribution.put("5", r5);
            java.math.BigDecimal average = count == 0 ? null : java.math.BigDecimal.valueOf(sum)
                    .divide(java.math.BigDecimal.valueOf(count), 2, java.math.RoundingMode.HALF_UP);
            return new RatingView(average, count, distribution);
        }

        public static final RatingView NONE = of(0, 0, 0, 0, 0, 0, 0);
    }

    /** One product in a list page; {@code earlyAccessUntil} as in {@link ProductView}. */
    public record ProductSummary(UUID id, String slug, String title, String brand, String imageUrl,
                                 List<PriceView> priceFrom, Availability availability, List<String> tags,
                                 Instant createdAt, Instant earlyAccessUntil) {
    }

    public record CategoryNode(UUID id, String slug, String name, int position, List<CategoryNode> children) {
    }

    public record StockMovementView(UUID id, UUID variantId, int delta, String reason, String note, int stockAfter,
                                    UUID createdBy, Instant createdAt) {
    }

    public record StockLevel(UUID variantId, String sku, int stockOnHand, StockMovementView movement) {
    }

    public record FacetValue(String value, String label, long count) {
    }

    public record Facets(List<FacetValue> categories, Map<String, List<FacetValue>> attributes) {
    }

    /** A search result page: like a list page, plus facets (on the first page) and the words searched for. */
    public record SearchPage(List<ProductSummary> data, String nextCursor, Facets facets, List<String> searchedWords) {
    }

    public record CompareRow(String attribute, List<String> values) {
    }

    /** Products side by side: {@code rows} align each attribute across {@code products}, null where absent. */
    public record Comparison(List<ProductSummary> products, List<CompareRow> rows) {
    }
}
