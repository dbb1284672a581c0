package io.bazaar.store.catalog.app;

import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.money.Money;
import io.bazaar.store.catalog.app.ProductCommands.PriceDraft;
import io.bazaar.store.catalog.app.ProductCommands.VariantDraft;
import io.bazaar.store.catalog.domain.ProductStatus;
import io.bazaar.store.catalog.domain.Slugs;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Field-by-field checks shared by the API and bulk import; collects every problem, not just the first. */
final class ProductValidator {
    static final Set<String> RESERVED_SLUGS = Set.of("compare", "search");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    void text(String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required");
            }
            return;
        }
        if (value.length() > max) {
            add(field, "must be at most " + max + " characters");
        }
    }

    void slug(String field, String slug) {
        if (slug == null) {
            return;
        }
        if (!Slugs.isValid(slug)) {
            add(field, "must be lower-case letters or digits separated by single hyphens (at most 200)");
        } else if (RESERVED_SLUGS.contains(slug)) {
            add(field, "is reserved");
        }
    }

    void status(String field, String status) {
        if (status == null) {
            return;
        }
        try {
            ProductStatus.parse(status);
        } catch (IllegalArgumentException e) {
            add(field, e.getMessage());
        }
    }

    void stringMap(String field, Map<String, String> map, int maxEntries) {
        if (map == null) {
            return;
        }
        if (map.size() > maxEntries) {
            add(field, "must have at most " + maxEntries + " entries");
        }
        map.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > 100) {
                add(field, "keys must be 1 to 100 characters");
            } else if (v == null || v.isBlank() || v.length() > 500) {
                add(field + "." + k, "must be 1 to 500 characters");
            }
        });
    }

    void imageUrls(String field, List<String> urls) {
        if (urls == null) {
            return;
        }
        if (urls.size() > 50) {
            add(field, "must have at most 50 entries");
        }
        for (int i = 0; i < urls.size(); i++) {
            String u = urls.get(i);
            boolean ok;
            try {
                URI uri = u == null ? null : URI.create(u);
                ok = uri != null && u.length() <= 2000 && uri.getHost() != null
                        && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
            } catch (IllegalArgumentException e) {
                ok = false;
            }
            if (!ok) {
                add(field + "[" + i + "]", "must be an absolute http(s) URL");
            }
        }
    }

    void tags(String field, List<String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > 50) {
            add(field, "must have at most 50 entries");
        }
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            if (t == null || t.isBlank() || t.length() > 100) {
                add(field + "[" + i + "]", "must be 1 to 100 characters");
            }
        }
    }

    /**
     * An ISO-8601 instant ({@code 2026-12-01T08:00:00Z}, or with an offset); null stays null. Years 1970 to 9999,
     * which PostgreSQL's timestamptz always holds.
     */
    java.time.Instant instant(String field, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            java.time.Instant at = java.time.Instant.parse(raw.strip());
            int year = at.atZone(java.time.ZoneOffset.UTC).getYear();
            if (year >= 1970 && year <= 9999) {
                return at;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // Reported below like an out-of-range year.
        }
        add(field, "must be an ISO-8601 instant such as 2026-12-01T08:00:00Z (years 1970 to 9999), or null for none");
        return null;
    }

    void delivery(Integer min, Integer max) {
        if (min != null && (min < 0 || min > 365)) {
            add("delivery_min_days", "must be between 0 and 365");
        }
        if (max != null && (max < 0 || max > 365)) {
            add("delivery_max_days", "must be between 0 and 365");
        }
        if (min != null && max != null && min > max) {
            add("delivery_max_days", "must not be less than delivery_min_days");
        }
    }

    void variants(List<VariantDraft> variants) {
        if (variants == null) {
            return;
        }
        if (variants.size() > 200) {
            add("variants", "must have at most 200 entries");
        }
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            VariantDraft v = variants.get(i);
            String at = "variants[" + i + "]";
            if (v == null) {
                add(at, "is required");
                continue;
            }
            variant(at, v.sku(), true, v.options(), v.prices(), v.weightGrams());
            if (v.stockOnHand() != null && v.stockOnHand() < 0) {
                add(at + ".stock_on_hand", "must not be negative");
            }
            if (v.sku() != null && !skus.add(v.sku())) {
                add(at + ".sku", "is repeated in this product");
            }
        }
    }

    void variant(String at, String sku, boolean skuRequired, Map<String, String> options, List<PriceDraft> prices,
                 Integer weightGrams) {
        String p = at.isEmpty() ? "" : at + ".";
        if (sku == null) {
            if (skuRequired) {
                add(p + "sku", "is required");
            }
        } else if (!SKU.matcher(sku).matches()) {
            add(p + "sku", "must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        stringMap(p + "options", options, 20);
        if (weightGrams != null && weightGrams < 0) {
            add(p + "weight_grams", "must not be negative");
        }
        prices(p + "prices", prices);
    }

    void prices(String field, List<PriceDraft> prices) {
        if (prices == null) {
            return;
        }
        Set<String> currencies = new HashSet<>();
        for (int j = 0; j < prices.size(); j++) {
            PriceDraft price = prices.get(j);
            String at = field + "[" + j + "]";
            if (price == null) {
                add(at, "is required");
                continue;
            }
            try {
                Money.currency(price.currency());
                if (!currencies.add(price.currency())) {
                    add(at + ".currency", "is repeated for this variant");
                }
            } catch (IllegalArgumentException e) {
                add(at + ".currency", e.getMessage());
            }
            if (price.amount() == null) {
                add(at + ".amount", "is required");
            } else if (price.amount() < 0) {
                add(at + ".amount", "must not be negative");
            }
            if (price.compareAtAmount() != null && price.amount() != null && price.compareAtAmount() < price.amount()) {
                add(at + ".compare_at_amount", "must not be less than amount");
            }
        }
    }
}
