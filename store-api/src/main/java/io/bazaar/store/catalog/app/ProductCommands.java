package io.bazaar.store.catalog.app;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What staff send to create or change products; validated by {@link ProductValidator}. */
public final class ProductCommands {
    private ProductCommands() {
    }

    public record PriceDraft(String currency, Long amount, Long compareAtAmount) {
    }

    public record VariantDraft(String sku, Map<String, String> options, List<PriceDraft> prices, Integer weightGrams,
                               Integer stockOnHand) {
    }

    /**
     * A new product. {@code categoryIds} or {@code categorySlugs} (the import format's way) name its
     * categories; a missing slug is derived from the title. {@code earlyAccessUntil}: the ISO-8601 instant as
     * sent (validated by the service), null for none.
     */
    public record ProductDraft(String title, String slug, String description, String status, String brand,
                               Map<String, String> attributes, List<String> imageUrls, List<UUID> categoryIds,
                               List<String> categorySlugs, List<String> tags, List<UUID> relatedProductIds,
                               Integer deliveryMinDays, Integer deliveryMaxDays, List<VariantDraft> variants,
                               String earlyAccessUntil) {
    }

    /**
     * A partial update: null fields stay as they are. {@code version} is the one the client last read.
     * {@code earlyAccessUntil} is the exception, because null is a value there: it changes only when
     * {@code earlyAccessUntilSent}, and then null clears the window.
     */
    public record ProductChanges(Integer version, String title, String slug, String description, String status,
                                 String brand, Map<String, String> attributes, List<String> imageUrls,
                                 List<UUID> categoryIds, List<String> tags, List<UUID> relatedProductIds,
                                 Integer deliveryMinDays, Integer deliveryMaxDays, boolean earlyAccessUntilSent,
                                 String earlyAccessUntil) {
    }

    /** Null fields stay; {@code prices}, when given, replaces the variant's whole price list. */
    public record VariantChanges(String sku, Map<String, String> options, List<PriceDraft> prices, Integer weightGrams) {
    }

    public record CategoryDraft(String name, String slug, UUID parentId, Integer position) {
    }
}
