package io.bazaar.store.catalog.domain;

/**
 * What a shopper is told about stock: plenty, "only N left" at or below the low-stock threshold, or
 * out of stock. The exact count is revealed only when it is low.
 */
public record Availability(String status, String label, Integer quantity) {
    public static final int LOW_STOCK_THRESHOLD = 5;

    public static Availability of(int stockOnHand) {
        if (stockOnHand <= 0) {
            return new Availability("out_of_stock", "out of stock", 0);
        }
        if (stockOnHand <= LOW_STOCK_THRESHOLD) {
            return new Availability("low_stock", "only " + stockOnHand + " left", stockOnHand);
        }
        return new Availability("in_stock", "in stock", null);
    }
}
