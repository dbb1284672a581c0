package io.bazaar.store.promotion.domain;

import io.bazaar.store.order.domain.Pricing;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A promotion's rules, as plain values. Amounts ({@code amountOff}, {@code minSubtotal}) are minor units of
 * {@code currency}; a promotion with a currency applies only to carts in that currency. Nullable limits and
 * bounds mean "none".
 */
public record Promotion(UUID id, String code, String name, PromotionKind kind, boolean automatic, Integer percentOff,
                        Long amountOff, String currency, Long minSubtotal, Integer minQuantity, Instant startsAt,
                        Instant endsAt, Integer usageLimit, Integer perCustomerLimit, int redemptions,
                        Set<UUID> productIds, Set<UUID> categoryIds, boolean active) {

    public Promotion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        productIds = Set.copyOf(productIds);
        categoryIds = Set.copyOf(categoryIds);
    }

    /** Why a promotion does not apply to a cart right now. */
    public enum Ineligibility { INACTIVE, NOT_STARTED, EXPIRED, EXHAUSTED, NOT_APPLICABLE }

    /**
     * A cart line as promotions see it.
     *
     * @param categoryIds the product's categories and all their ancestors (a promotion on a category
     *                    covers its sub-categories)
     */
    public record CartLine(UUID productId, Set<UUID> categoryIds, long lineTotal, int quantity) {
        public CartLine {
            categoryIds = Set.copyOf(categoryIds);
        }
    }

    /** The outcome of {@link #check}: either eligible lines, or why not (with words for the shopper). */
    public record Eligibility(Ineligibility problem, String message, Set<Integer> eligibleLines) {
        public boolean eligible() {
            return problem == null;
        }

        static Eligibility no(Ineligibility problem, String message) {
            return new Eligibility(problem, message, Set.of());
        }
    }

    /**
     * Checks every rule against a cart at {@code now}: active, window, total usage limit, currency, lines it
     * covers, minimum quantity of those lines, minimum subtotal of the whole cart (before discounts). The
     * per-customer limit needs the buyer and is checked when the code is redeemed.
     */
    public Eligibility check(String cartCurrency, List<CartLine> lines, Instant now) {
        if (!active) {
            return Eligibility.no(Ineligibility.INACTIVE, "this promotion has ended");
        }
        if (startsAt != null && now.isBefore(startsAt)) {
            return Eligibility.no(Ineligibility.NOT_STARTED, "this promotion starts at " + startsAt);
        }
        if (endsAt != null && !now.isBefore(endsAt)) {
            return Eligibility.no(Ineligibility.EXPIRED, "this promotion ended at " + endsAt);
        }
        if (usageLimit != null && redemptions >= usageLimit) {
            return Eligibility.no(Ineligibility.EXHAUSTED, "this code has been used up");
        }
        if (currency != null && !currency.equals(cartCurrency)) {
            return Eligibility.no(Ineligibility.NOT_APPLICABLE, "this promotion is only for carts in " + currency);
        }
        Set<Integer> eligible = new HashSet<>();
        long subtotal = 0;
        int quantity = 0;
        for (int i = 0; i < lines.size(); i++) {
            CartLine l = lines.get(i);
            subtotal = Math.addExact(subtotal, l.lineTotal());
            if (covers(l)) {
                eligible.add(i);
                quantity += l.quantity();
            }
        }
        if (kind != PromotionKind.FREE_SHIPPING && eligible.isEmpty()) {
            return Eligibility.no(Ineligibility.NOT_APPLICABLE, "no product in the cart is part of this promotion");
        }
        if (minQuantity != null && quantity < minQuantity) {
            return Eligibility.no(Ineligibility.NOT_APPLICABLE, "needs at least " + minQuantity
                    + " eligible items in the cart (" + quantity + " now)");
        }
        if (minSubtotal != null && subtotal < minSubtotal) {
            return Eligibility.no(Ineligibility.NOT_APPLICABLE, "needs a subtotal of at least "
                    + java.math.BigDecimal.valueOf(minSubtotal, java.util.Currency.getInstance(currency)
                    .getDefaultFractionDigits()).toPlainString() + " " + currency);
        }
        return new Eligibility(null, null, eligible);
    }

    /** Empty product and category lists mean the whole cart. */
    boolean covers(CartLine line) {
        if (productIds.isEmpty() && categoryIds.isEmpty()) {
            return true;
        }
        if (productIds.contains(line.productId())) {
            return true;
        }
        return line.categoryIds().stream().anyMatch(categoryIds::contains);
    }

    public Pricing.Discount toDiscount(Set<Integer> eligibleLines) {
        return new Pricing.Discount(id.toString(), kind.discountKind(), percentOff == null ? 0 : percentOff,
                amountOff == null ? 0 : amountOff, eligibleLines);
    }
}
