package io.bazaar.store.promotion.domain;

import io.bazaar.store.order.domain.Pricing;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a promotion takes off: a percentage of the eligible lines, a fixed amount of them, or the shipping. */
public enum PromotionKind {
    PERCENTAGE("percentage", Pricing.DiscountKind.PERCENTAGE),
    FIXED_AMOUNT("fixed_amount", Pricing.DiscountKind.FIXED_AMOUNT),
    FREE_SHIPPING("free_shipping", Pricing.DiscountKind.FREE_SHIPPING);

    private final String dbValue;
    private final Pricing.DiscountKind discountKind;

    PromotionKind(String dbValue, Pricing.DiscountKind discountKind) {
        this.dbValue = dbValue;
        this.discountKind = discountKind;
    }

    public String dbValue() {
        return dbValue;
    }

    public Pricing.DiscountKind discountKind() {
        return discountKind;
    }

    public static Optional<PromotionKind> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.dbValue.equals(v)).findFirst();
    }
}
