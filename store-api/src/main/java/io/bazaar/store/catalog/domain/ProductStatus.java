package io.bazaar.store.catalog.domain;

import java.util.Locale;

/** Only {@link #ACTIVE} products are visible to shoppers. */
public enum ProductStatus {
    DRAFT, ACTIVE, ARCHIVED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProductStatus parse(String raw) {
        for (ProductStatus s : values()) {
            if (s.value().equals(raw)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be draft, active or archived");
    }
}
