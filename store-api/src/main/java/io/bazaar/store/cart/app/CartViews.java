package io.bazaar.store.cart.app;

import io.bazaar.shared.money.Money;
import io.bazaar.store.catalog.domain.Availability;
import io.bazaar.store.promotion.app.PromotionViews.DiscountView;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the cart feature shows: every amount computed on the server from current catalogue prices. */
public final class CartViews {
    private CartViews() {
    }

    public record CartLineView(UUID variantId, UUID productId, String sku, String title, Map<String, String> options,
                               int quantity, Money unitPrice, Money lineTotal, Money discount,
                               Availability availability) {
    }

    /** {@code variantId} is null for a problem of the whole cart (e.g. its discount code no longer applies). */
    public record Problem(UUID variantId, String code, String message) {
    }

    public record ShippingOption(String code, String name, Money price, int minDays, int maxDays) {
    }

    public record Totals(Money subtotal, Money discountTotal, Money shippingTotal, Money taxTotal, Money grandTotal,
                         boolean pricesIncludeTax) {
    }

    public record CartView(UUID id, String currency, List<CartLineView> lines, int itemCount, String shippingCountry,
                           String shippingMethod, List<ShippingOption> shippingOptions, String discountCode,
                           List<DiscountView> discounts, Totals totals, List<Problem> problems,
                           PointsRedemption pointsRedemption) {
    }

    /**
     * Points on a customer's cart: the balance, what was asked ({@code requestedPoints} or {@code max}) and
     * what it gives now ({@code points}, {@code amount}; 0 when it does not apply, with a problem listed).
     */
    public record PointsRedemption(long balance, Long requestedPoints, boolean max, long points, Money amount) {
    }

    /** A newly created guest cart: the token is shown only this once. */
    public record NewGuestCart(String token, CartView cart) {
    }
}
