package io.bazaar.crm.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.crm.loyalty.domain.PointsRedemption.Problem;
import io.bazaar.crm.loyalty.domain.PointsRedemption.Quote;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PointsRedemptionTest {
    // 1 point = 1,000 IRR = 0.01 EUR (1 cent) = 0.010 KWD; at least 100 points; at most 50 % of the goods.
    static final LoyaltyProgramRules.Redemption RULES = new LoyaltyProgramRules.Redemption(
            Map.of("IRR", 1_000L, "EUR", 1L, "KWD", 10L), 100, 0, 50);

    @Nested
    class Irr {
        @Test
        void explicitPoints_areWorthTheirValue() {
            // 4,000,000 IRR of goods; 500 points * 1,000 = 500,000 IRR.
            Quote q = PointsRedemption.quote(RULES, "IRR", 3_000, 4_000_000, 500, false);
            assertThat(q.ok()).isTrue();
            assertThat(q.points()).isEqualTo(500);
            assertThat(q.amount()).isEqualTo(500_000);
        }

        @Test
        void max_isCappedByHalfTheGoods_whenTheBalanceIsLarger() {
            // 50 % of 4,000,000 = 2,000,000 IRR = 2,000 points; the balance of 3,000 is more.
            Quote q = PointsRedemption.quote(RULES, "IRR", 3_000, 4_000_000, 0, true);
            assertThat(q.points()).isEqualTo(2_000);
            assertThat(q.amount()).isEqualTo(2_000_000);
        }

        @Test
        void max_isTheBalance_whenItIsSmaller() {
            Quote q = PointsRedemption.quote(RULES, "IRR", 1_234, 4_000_000, 0, true);
            assertThat(q.points()).isEqualTo(1_234);
            assertThat(q.amount()).isEqualTo(1_234_000);
        }

        @Test
        void maxShare_roundsDownToWholePoints() {
            // 50 % of 3,333,333 = 1,666,666 IRR (rounded down) -> 1,666 whole points.
            Quote q = PointsRedemption.quote(RULES, "IRR", 10_000, 3_333_333, 0, true);
            assertThat(q.points()).isEqualTo(1_666);
            assertThat(q.amount()).isEqualTo(1_666_000);
        }

        @Test
        void moreThanTheMaximumShare_isRefusedNotTrimmed() {
            Quote q = PointsRedemption.quote(RULES, "IRR", 3_000, 4_000_000, 2_001, false);
            assertThat(q.problem()).isEqualTo(Problem.ABOVE_MAX_SHARE);
            assertThat(q.points()).isZero();
        }

        @Test
        void belowMinimum_andAboveBalance_areRefused() {
            assertThat(PointsRedemption.quote(RULES, "IRR", 3_000, 4_000_000, 99, false).problem())
                    .isEqualTo(Problem.BELOW_MINIMUM);
            assertThat(PointsRedemption.quote(RULES, "IRR", 300, 4_000_000, 301, false).problem())
                    .isEqualTo(Problem.INSUFFICIENT);
            assertThat(PointsRedemption.quote(RULES, "IRR", 99, 4_000_000, 0, true).problem())
                    .isEqualTo(Problem.BELOW_MINIMUM);
            // A small order whose half is worth fewer than 100 points: "max" cannot reach the minimum.
            assertThat(PointsRedemption.quote(RULES, "IRR", 5_000, 150_000, 0, true).problem())
                    .isEqualTo(Problem.BELOW_MINIMUM);
        }
    }

    @Nested
    class Eur {
        @Test
        void pointsAreCents() {
            // 25.00 EUR of goods; half is 12.50 EUR = 1,250 points.
            Quote max = PointsRedemption.quote(RULES, "EUR", 5_000, 2_500, 0, true);
            assertThat(max.points()).isEqualTo(1_250);
            assertThat(max.amount()).isEqualTo(1_250);
            Quote some = PointsRedemption.quote(RULES, "EUR", 5_000, 2_500, 300, false);
            assertThat(some.amount()).isEqualTo(300);
        }

        @Test
        void oddCents_roundDown() {
            // 50 % of 19.99 EUR = 9.995 -> 9.99 EUR -> 999 points.
            assertThat(PointsRedemption.quote(RULES, "EUR", 5_000, 1_999, 0, true).points()).isEqualTo(999);
        }
    }

    @Test
    void kwd_threeDecimals() {
        // 10.000 KWD of goods; half = 5.000 KWD = 5,000 fils = 500 points of 10 fils.
        Quote q = PointsRedemption.quote(RULES, "KWD", 800, 10_000, 0, true);
        assertThat(q.points()).isEqualTo(500);
        assertThat(q.amount()).isEqualTo(5_000);
    }

    @Test
    void aCurrencyWithoutAPointValue_cannotRedeem() {
        assertThat(PointsRedemption.quote(RULES, "USD", 5_000, 10_000, 100, false).problem())
                .isEqualTo(Problem.NOT_AVAILABLE);
    }

    @Test
    void minimumShare_isEnforced() {
        LoyaltyProgramRules.Redemption rules = new LoyaltyProgramRules.Redemption(Map.of("EUR", 1L), 100, 10, 50);
        // 10 % of 50.00 EUR = 5.00 EUR = 500 points at least.
        assertThat(PointsRedemption.quote(rules, "EUR", 5_000, 5_000, 499, false).problem())
                .isEqualTo(Problem.BELOW_MIN_SHARE);
        assertThat(PointsRedemption.quote(rules, "EUR", 5_000, 5_000, 500, false).ok()).isTrue();
    }

    @Test
    void returns_areProportional_andAddUpToTheRedemption() {
        // 1,000 points on an order that paid 3,000,000 IRR: a third refunded gives 333 back, then the rest.
        assertThat(PointsRedemption.returnFor(1_000, 0, 3_000_000, 1_000_000)).isEqualTo(333);
        assertThat(PointsRedemption.returnFor(1_000, 333, 3_000_000, 2_000_000)).isEqualTo(333);
        assertThat(PointsRedemption.returnFor(1_000, 666, 3_000_000, 3_000_000)).isEqualTo(334);
        assertThat(PointsRedemption.returnFor(1_000, 1_000, 3_000_000, 3_000_000)).isZero();
        assertThat(PointsRedemption.returnFor(1_000, 0, 3_000_000, 0)).isZero();
    }

    @Test
    void tiers_highestReachedInAnyCurrency() {
        LoyaltyProgramRules rules = LoyaltyProgramRules.defaults();
        assertThat(rules.tierFor(Map.of())).isEmpty();
        assertThat(rules.tierFor(Map.of("IRR", 19_999_999L))).isEmpty();
        assertThat(rules.tierFor(Map.of("IRR", 20_000_000L)).orElseThrow().code()).isEqualTo("silver");
        assertThat(rules.tierFor(Map.of("IRR", 20_000_000L, "EUR", 100_000L)).orElseThrow().code()).isEqualTo("gold");
        assertThat(rules.tierFor(Map.of("EUR", 500_000L)).orElseThrow().code()).isEqualTo("vip");
        assertThat(rules.isTop("vip")).isTrue();
        assertThat(rules.nextAfter(null).orElseThrow().code()).isEqualTo("silver");
        assertThat(rules.nextAfter("vip")).isEmpty();
    }
}
