package io.bazaar.crm.loyalty.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shop's loyalty program beyond earning: what a point is worth when redeemed, the referral rewards,
 * and the tiers. All amounts are minor units of their currency.
 *
 * @param redemption how points turn into a checkout discount
 * @param referral   what a referred customer and their referrer get
 * @param tiers      from the lowest threshold to the highest; the last one is the top (VIP) tier
 * @param tierReevaluationInterval how often a customer's tier is looked at again even without new orders
 *                                 (so spend that ages out of the 12-month window lowers it)
 */
public record LoyaltyProgramRules(Redemption redemption, Referral referral, List<Tier> tiers,
                                  Duration tierReevaluationInterval) {

    /**
     * @param minorUnitsPerPoint what one point takes off, per currency (1,000 IRR; 0.01 EUR = 1)
     * @param minPoints          the smallest redemption
     * @param minSharePercent    a redemption must take at least this share of the order (0 = no minimum)
     * @param maxSharePercent    and at most this share; the base is the goods subtotal after every other discount
     */
    public record Redemption(Map<String, Long> minorUnitsPerPoint, long minPoints, int minSharePercent,
                             int maxSharePercent) {
        public Redemption {
            minorUnitsPerPoint = Map.copyOf(minorUnitsPerPoint);
            minorUnitsPerPoint.forEach((c, v) -> {
                if (v <= 0) {
                    throw new IllegalArgumentException("point value for " + c + " must be positive");
                }
            });
            if (minPoints < 1) {
                throw new IllegalArgumentException("minPoints must be at least 1");
            }
            if (minSharePercent < 0 || maxSharePercent < 1 || maxSharePercent > 100 || minSharePercent > maxSharePercent) {
                throw new IllegalArgumentException("need 0 <= minSharePercent <= maxSharePercent <= 100, maxSharePercent >= 1");
            }
        }
    }

    /**
     * @param refereeDiscountPercent off the referred customer's first order (0 = none)
     * @param referrerPoints         for the referrer when that order is paid (0 = none)
     */
    public record Referral(int refereeDiscountPercent, long referrerPoints) {
        public Referral {
            if (refereeDiscountPercent < 0 || refereeDiscountPercent > 100 || referrerPoints < 0) {
                throw new IllegalArgumentException("referral discount must be 0..100 and points >= 0");
            }
        }
    }

    /**
     * A tier: reached when the rolling 12-month net spend in any currency meets that currency's threshold.
     *
     * @param discountPercent off every order (0..100), shown as its own line at checkout
     */
    public record Tier(String code, String name, Map<String, Long> thresholds, int discountPercent,
                       boolean freeShipping, boolean earlyAccess) {
        public Tier {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
            thresholds = Map.copyOf(thresholds);
            if (!code.matches("[a-z0-9_-]{1,40}")) {
                throw new IllegalArgumentException("tier code must be 1-40 of a-z 0-9 _ -");
            }
            if (discountPercent < 0 || discountPercent > 100) {
                throw new IllegalArgumentException("tier discount must be 0..100");
            }
            if (thresholds.isEmpty()) {
                throw new IllegalArgumentException("tier " + code + " needs a threshold in at least one currency");
            }
        }

        public boolean reachedBy(Map<String, Long> netSpend) {
            return thresholds.entrySet().stream().anyMatch(t -> netSpend.getOrDefault(t.getKey(), 0L) >= t.getValue());
        }
    }

    public LoyaltyProgramRules {
        Objects.requireNonNull(redemption, "redemption");
        Objects.requireNonNull(referral, "referral");
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(tierReevaluationInterval, "tierReevaluationInterval");
        if (tiers.stream().map(Tier::code).distinct().count() != tiers.size()) {
            throw new IllegalArgumentException("tier codes must be unique");
        }
    }

    public static LoyaltyProgramRules defaults() {
        return new LoyaltyProgramRules(
                new Redemption(Map.of("IRR", 1_000L, "EUR", 1L, "USD", 1L, "GBP", 1L, "KWD", 10L), 100, 0, 50),
                new Referral(10, 500),
                List.of(new Tier("silver", "Silver member", Map.of("IRR", 20_000_000L, "EUR", 20_000L), 2, false, false),
                        new Tier("gold", "Gold member", Map.of("IRR", 100_000_000L, "EUR", 100_000L), 5, true, false),
                        new Tier("vip", "VIP", Map.of("IRR", 500_000_000L, "EUR", 500_000L), 10, true, true)),
                Duration.ofDays(1));
    }

    /**
     * The highest tier reached by this net spend (per currency), if any. Tiers are ranked by their position
     * in the configuration.
     */
    public Optional<Tier> tierFor(Map<String, Long> netSpend) {
        for (int i = tiers.size() - 1; i >= 0; i--) {
            if (tiers.get(i).reachedBy(netSpend)) {
                return Optional.of(tiers.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<Tier> tier(String code) {
        return code == null ? Optional.empty() : tiers.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    /** The tier after {@code code} (the first tier when code is null), if any. */
    public Optional<Tier> nextAfter(String code) {
        if (code == null) {
            return tiers.stream().findFirst();
        }
        for (int i = 0; i < tiers.size() - 1; i++) {
            if (tiers.get(i).code().equals(code)) {
                return Optional.of(tiers.get(i + 1));
            }
        }
        return Optional.empty();
    }

    public int rank(String code) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).code().equals(code)) {
                return i + 1;
            }
        }
        return 0;
    }

    public boolean isTop(String code) {
        return code != null && !tiers.isEmpty() && tiers.get(tiers.size() - 1).code().equals(code);
    }
}
