package io.bazaar.store.catalog.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.catalog.app.ProductCommands.CategoryDraft;
import io.bazaar.store.catalog.app.ProductCommands.PriceDraft;
import io.bazaar.store.catalog.app.ProductCommands.ProductChanges;
import io.bazaar.store.catalog.app.ProductCommands.ProductDraft;
import io.bazaar.store.catalog.app.ProductCommands.VariantChanges;
import io.bazaar.store.catalog.app.ProductCommands.VariantDraft;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies of the catalogue endpoints (snake_case JSON; unknown fields are 400). */
public final class CatalogRequests {
    private CatalogRequests() {
    }

    public record PriceRequest(String currency, Long amount, Long compareAtAmount) {
        PriceDraft toDraft() {
            return new PriceDraft(currency, amount, compareAtAmount);
        }

        static List<PriceDraft> all(List<PriceRequest> prices) {
            return prices == null ? null : prices.stream().map(p -> p == null ? null : p.toDraft()).toList();
        }
    }

    public record VariantRequest(String sku, Map<String, String> options, List<PriceRequest> prices, Integer weightGrams,
                                 Integer stockOnHand) {
        VariantDraft toDraft() {
            return new VariantDraft(sku, options, PriceRequest.all(prices), weightGrams, stockOnHand);
        }
    }

    public record CreateProductRequest(String title, String slug, String description, String status, String brand,
                                       Map<String, String> attributes, List<String> imageUrls, List<UUID> categoryIds,
                                       List<String> tags, List<UUID> relatedProductIds, Integer deliveryMinDays,
                                       Integer deliveryMaxDays, List<VariantRequest> variants,
                                       @Schema(type = "string", format = "date-time", nullable = true,
                                               description = EARLY_ACCESS) String earlyAccessUntil) {
        ProductDraft toDraft() {
            return new ProductDraft(title, slug, description, status, brand, attributes, imageUrls, categoryIds, null,
                    tags, relatedProductIds, deliveryMinDays, deliveryMaxDays,
                    variants == null ? null : variants.stream().map(v -> v == null ? null : v.toDraft()).toList(),
                    earlyAccessUntil);
        }
    }

    /**
     * {@code earlyAccessUntil} is a JSON node so that an explicit {@code null} (clear the window) differs from
     * an absent field (keep it): Jackson gives a NullNode for the first and null for the second.
     */
    public record UpdateProductRequest(Integer version, String title, String slug, String description, String status,
                                       String brand, Map<String, String> attributes, List<String> imageUrls,
                                       List<UUID> categoryIds, List<String> tags, List<UUID> relatedProductIds,
                                       Integer deliveryMinDays, Integer deliveryMaxDays,
                                       @Schema(type = "string", format = "date-time", nullable = true,
                                               description = EARLY_ACCESS + " Send null to remove the window; "
                                                       + "leave the field out to keep it.")
                                       JsonNode earlyAccessUntil) {
        ProductChanges toChanges() {
            boolean sent = earlyAccessUntil != null;
            String raw = !sent || earlyAccessUntil.isNull() ? null
                    : earlyAccessUntil.isTextual() ? earlyAccessUntil.textValue() : earlyAccessUntil.toString();
            return new ProductChanges(version, title, slug, description, status, brand, attributes, imageUrls,
                    categoryIds, tags, relatedProductIds, deliveryMinDays, deliveryMaxDays, sent, raw);
        }
    }

    private static final String EARLY_ACCESS = "Until this instant only customers whose loyalty tier has early "
            + "access can buy the product; everyone sees it. ISO-8601, e.g. 2026-12-01T08:00:00Z.";

    public record UpdateVariantRequest(String sku, Map<String, String> options, List<PriceRequest> prices,
                                       Integer weightGrams) {
        VariantChanges toChanges() {
            return new VariantChanges(sku, options, PriceRequest.all(prices), weightGrams);
        }
    }

    public record StockAdjustmentRequest(Integer delta, String reason, String note) {
    }

    public record CategoryRequest(String name, String slug, UUID parentId, Integer position) {
        CategoryDraft toDraft() {
            return new CategoryDraft(name, slug, parentId, position);
        }
    }
}
