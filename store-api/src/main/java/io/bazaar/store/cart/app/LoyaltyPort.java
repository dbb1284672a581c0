package io.bazaar.store.cart.app;

import io.bazaar.shared.error.ErrorCode;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What carts and checkout need from the loyalty program (implemented by the CRM integration): the
 * benefits a signed-in customer gets automatically (tier discount, free shipping, referral first-order
 * discount), quoting and spending points, and giving them back when an order is cancelled. Every method
 * runs in the caller's transaction.
 */
public interface LoyaltyPort {

    /** {@code tierName} null: no tier. Percentages 0 mean none. */
    record Benefits(String tierCode, String tierName, int tierDiscountPercent, boolean freeShipping,
                    int referralDiscountPercent, long pointsBalance) {
        public static final Benefits NONE = new Benefits(null, null, 0, false, 0, 0);
    }

    /** {@code problem} null: redeem {@code points} for {@code amount} minor units. */
    record PointsQuote(long points, long amount, ErrorCode problem, String message) {
    }

    Benefits benefits(Handle h, UUID customerId, String currency);

    /**
     * @param base      the goods subtotal after every other discount, in minor units
     * @param requested points asked for (ignored when {@code max})
     */
    PointsQuote quotePoints(String currency, long balance, long base, long requested, boolean max);

    /** Spends the points on the order; 409 insufficient_points when the balance no longer covers them. */
    void redeemPoints(Handle h, UUID customerId, UUID orderId, long points, long orderTotal);

    /** Takes the referral first-order discount for this order; 409 when another order took it. */
    void useReferralDiscount(Handle h, UUID customerId, UUID orderId);

    /** The order was cancelled: redeemed points go back; an unpaid order frees the referral discount again. */
    void orderCancelled(Handle h, UUID orderId, boolean unpaid);

    // ---- Early access (issue #8, tiers) ----
    /**
     * Whether the customer's current tier has the early-access benefit (one lookup; the cart asks at most once
     * per request, and only when the cart holds a product still in its early-access window).
     */
    boolean hasEarlyAccess(Handle h, UUID customerId);
    // ---- end early access ----

    /** No loyalty program: no benefits, points cannot be redeemed, nobody has early access. */
    LoyaltyPort NONE = new LoyaltyPort() {
        @Override
        public Benefits benefits(Handle h, UUID customerId, String currency) {
            return Benefits.NONE;
        }

        @Override
        public PointsQuote quotePoints(String currency, long balance, long base, long requested, boolean max) {
            return new PointsQuote(0, 0, ErrorCode.POINTS_NOT_REDEEMABLE, "this shop has no loyalty program");
        }

        @Override
        public void redeemPoints(Handle h, UUID customerId, UUID orderId, long points, long orderTotal) {
            throw new IllegalStateException("no loyalty program");
        }

        @Override
        public void useReferralDiscount(Handle h, UUID customerId, UUID orderId) {
            throw new IllegalStateException("no loyalty program");
        }

        @Override
        public void orderCancelled(Handle h, UUID orderId, boolean unpaid) {
        }

        @Override
        public boolean hasEarlyAccess(Handle h, UUID customerId) {
            return false;
        }
    };
}
