package io.bazaar.store.promotion.app;

import io.bazaar.shared.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** How promotions are shown to staff, and how an applied discount is shown on a cart or an order. */
public final class PromotionViews {
    private PromotionViews() {
    }

    public record PromotionView(UUID id, String code, String name, String kind, boolean automatic, Integer percentOff,
                                Money amountOff, String currency, Money minSubtotal, Integer minQuantity,
                                Instant startsAt, Instant endsAt, Integer usageLimit, Integer perCustomerLimit,
                                int redemptions, List<UUID> productIds, List<UUID> categoryIds, boolean active,
                                int version, Instant createdAt, Instant updatedAt) {
    }

    /** One discount line of a cart or order: which promotion, and how much it took off. */
    /**
     * A discount line. {@code source}: promotion, tier, referral or points (loyalty lines have no promotion);
     * {@code points} is set on a points line.
     */
    public record DiscountView(UUID promotionId, String code, String name, String kind, boolean automatic,
                               Money amount, String source, Long points) {
        public DiscountView(UUID promotionId, String code, String name, String kind, boolean automatic, Money amount) {
            this(promotionId, code, name, kind, automatic, amount, "promotion", null);
        }
    }
}
