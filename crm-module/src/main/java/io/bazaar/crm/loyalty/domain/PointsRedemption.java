package io.bazaar.crm.loyalty.domain;

import java.math.BigInteger;

/**
 * How many points a checkout may redeem and what they take off, in integer minor units of the order's
 * currency. The base is the goods subtotal after every other discount (promotions, tier, referral);
 * shipping and tax are never paid with points.
 *
 * <pre>
 * value(points)  = points * minorUnitsPerPoint
 * maxAmount      = floor(base * maxSharePercent / 100)
 * minAmount      = ceil(base * minSharePercent / 100)
 * maxPoints      = min(balance, floor(maxAmount / minorUnitsPerPoint))
 * "max" request  -> maxPoints;   explicit N -> N (checked, never silently changed)
 * </pre>
 */
public final class PointsRedemption {

    public enum Problem {
        /** The currency has no point value. */
        NOT_AVAILABLE,
        /** Fewer points than the program's minimum (or, for "max", the balance does not reach it). */
        BELOW_MINIMUM,
        /** More than the balance. */
        INSUFFICIENT,
        /** Takes more than the maximum share of the order. */
        ABOVE_MAX_SHARE,
        /** Takes less than the minimum share of the order. */
        BELOW_MIN_SHARE
    }

    /** {@code points} and {@code amount} are 0 when {@code problem} is set. */
    public record Quote(long points, long amount, Problem problem, String message) {
        static Quote problem(Problem p, String message) {
            return new Quote(0, 0, p, message);
        }

        public boolean ok() {
            return problem == null;
        }
    }

    private PointsRedemption() {
    }

    /**
     * @param requested points asked for; ignored when {@code max} is true
     */
    public static Quote quote(LoyaltyProgramRules.Redemption rules, String currency, long balance, long base,
                              long requested, boolean max) {
        Long unit = rules.minorUnitsPerPoint().get(currency);
        if (unit == null) {
            return Quote.problem(Problem.NOT_AVAILABLE, "points cannot be redeemed in " + currency);
        }
        long maxAmount = share(base, rules.maxSharePercent(), false);
        long minAmount = share(base, rules.minSharePercent(), true);
        long maxByShare = maxAmount / unit;
        if (max) {
            long points = Math.min(balance, maxByShare);
            if (points < rules.minPoints()) {
                return Quote.problem(Problem.BELOW_MINIMUM, balance < rules.minPoints()
                        ? "at least " + rules.minPoints() + " points are needed to redeem; you have " + balance
                        : "this order allows at most " + maxByShare + " points (" + rules.maxSharePercent()
                        + "% of the goods after discounts); the minimum redemption is " + rules.minPoints());
            }
            return checkMinShare(rules, points, Math.multiplyExact(points, unit), minAmount);
        }
        if (requested < rules.minPoints()) {
            return Quote.problem(Problem.BELOW_MINIMUM, "at least " + rules.minPoints() + " points must be redeemed");
        }
        if (requested > balance) {
            return Quote.problem(Problem.INSUFFICIENT, "you have " + balance + " points");
        }
        if (requested > maxByShare) {
            return Quote.problem(Problem.ABOVE_MAX_SHARE, "this order allows at most " + maxByShare + " points ("
                    + rules.maxSharePercent() + "% of the goods after discounts)");
        }
        return checkMinShare(rules, requested, Math.multiplyExact(requested, unit), minAmount);
    }

    private static Quote checkMinShare(LoyaltyProgramRules.Redemption rules, long points, long amount, long minAmount) {
        if (amount < minAmount) {
            return Quote.problem(Problem.BELOW_MIN_SHARE, "a redemption must cover at least " + rules.minSharePercent()
                    + "% of the goods after discounts");
        }
        return new Quote(points, amount, null, null);
    }

    /** base * percent / 100, rounded down (ceil = false) or up. */
    static long share(long base, int percent, boolean ceil) {
        if (base <= 0 || percent == 0) {
            return 0;
        }
        BigInteger[] qr = BigInteger.valueOf(base).multiply(BigInteger.valueOf(percent))
                .divideAndRemainder(BigInteger.valueOf(100));
        long q = qr[0].longValueExact();
        return ceil && qr[1].signum() != 0 ? q + 1 : q;
    }

    /**
     * Points to give back when {@code refunded} of an order that paid {@code orderTotal} (after the points
     * discount) is refunded: in proportion, rounded down, never more than what is still unreturned. A full
     * refund returns everything that is left.
     */
    public static long returnFor(long redeemed, long alreadyReturned, long orderTotal, long refundedSoFar) {
        long left = redeemed - alreadyReturned;
        if (left <= 0 || refundedSoFar <= 0) {
            return 0;
        }
        if (orderTotal <= 0 || refundedSoFar >= orderTotal) {
            return left;
        }
        long due = BigInteger.valueOf(redeemed).multiply(BigInteger.valueOf(refundedSoFar))
                .divide(BigInteger.valueOf(orderTotal)).longValueExact();
        return Math.max(0, Math.min(left, due - alreadyReturned));
    }
}
