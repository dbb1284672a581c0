package io.bazaar.crm.loyalty.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How loyalty points are earned: one point per {@code minorUnitsPerPoint} of the order's currency
 * (rounded down), so 1 point per 100,000 IRR or per 1.00 EUR by default. Points expire
 * {@code pointsTtl} after they were earned. Refunds take back points in proportion to the amount
 * refunded, never more than the order earned.
 */
public record PointsRules(Map<String, Long> minorUnitsPerPoint, Duration pointsTtl) {

    public static PointsRules defaults() {
        return new PointsRules(Map.of("IRR", 100_000L, "EUR", 100L, "USD", 100L, "GBP", 100L, "KWD", 1_000L),
                Duration.ofDays(365));
    }

    public PointsRules {
        minorUnitsPerPoint = Map.copyOf(minorUnitsPerPoint);
        minorUnitsPerPoint.forEach((currency, units) -> {
            if (units <= 0) {
                throw new IllegalArgumentException("points rate for " + currency + " must be positive");
            }
        });
        Objects.requireNonNull(pointsTtl, "pointsTtl");
    }

    /** Points for a paid amount; 0 for a currency without a rate. */
    public long pointsFor(long amount, String currency) {
        Long units = minorUnitsPerPoint.get(currency);
        if (units == null || amount <= 0) {
            return 0;
        }
        return amount / units;
    }

    /** Points to take back for refunding {@code refunded} of an order of {@code total} that earned {@code earned}. */
    public static long reversalFor(long earned, long total, long refunded) {
        if (earned <= 0 || total <= 0 || refunded <= 0) {
            return 0;
        }
        if (refunded >= total) {
            return earned;
        }
        // Round up, so refunding the whole order in several parts takes back exactly what was earned.
        return Math.min(earned, java.math.BigInteger.valueOf(earned).multiply(java.math.BigInteger.valueOf(refunded))
                .add(java.math.BigInteger.valueOf(total - 1)).divide(java.math.BigInteger.valueOf(total)).longValueExact());
    }
}
