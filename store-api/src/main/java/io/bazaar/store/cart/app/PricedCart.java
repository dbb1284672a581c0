package io.bazaar.store.cart.app;

import io.bazaar.store.order.domain.Pricing;
import io.bazaar.store.promotion.app.PromotionService;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A cart priced for checkout inside the checkout transaction (the cart row is locked).
 *
 * @param rate       null when no shipping method applies
 * @param promotions what each applied promotion took off, in the order of {@code totals.discounts()}
 * @param loyalty    the loyalty lines (tier, referral, points), after the promotions in {@code totals.discounts()}
 */
public record PricedCart(UUID cartId, UUID customerId, String currency, List<Line> lines, Pricing.ShippingRate rate,
                         String shippingMethod, int minDays, int maxDays, int taxRateBp, boolean pricesIncludeTax,
                         Pricing.Totals totals, List<PromotionService.AppliedPromotion> promotions,
                         List<AppliedLoyalty> loyalty) {

    /** {@code categoryIds}: the product's categories, as order.placed carries them. */
    public record Line(UUID variantId, UUID productId, String sku, String title, Map<String, String> options,
                       int quantity, long unitPrice, int stockOnHand, int weightGrams, List<UUID> categoryIds) {
    }

    /**
     * A loyalty discount line: {@code source} tier, referral or points; {@code points} set for points.
     * {@code lineAmounts} as in {@link PromotionService.AppliedPromotion}.
     */
    public record AppliedLoyalty(String source, String name, String kind, long amount, Long points,
                                 List<Long> lineAmounts) {
    }

    public long pointsRedeemed() {
        return loyalty.stream().filter(l -> "points".equals(l.source())).mapToLong(l -> l.points() == null ? 0
                : l.points()).sum();
    }

    public boolean usesReferralDiscount() {
        return loyalty.stream().anyMatch(l -> "referral".equals(l.source()));
    }
}
