package io.bazaar.crm.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PointsRulesTest {
    private final PointsRules rules = PointsRules.defaults();

    @Test
    void earnsOnePointPerConfiguredUnit_roundedDown_inZeroTwoAndThreeDecimalCurrencies() {
        assertThat(rules.pointsFor(4_599_999, "IRR")).isEqualTo(45);
        assertThat(rules.pointsFor(1_999, "EUR")).isEqualTo(19);
        assertThat(rules.pointsFor(12_500, "KWD")).isEqualTo(12);
        assertThat(rules.pointsFor(5_000, "JPY")).as("no rate, no points").isZero();
    }

    @Test
    void refundsTakeBackInProportion_andPartsAddUpToTheWhole() {
        assertThat(PointsRules.reversalFor(45, 4_500_000, 1_350_000)).isEqualTo(14); // 30 %: 13.5 -> 14
        assertThat(PointsRules.reversalFor(45, 4_500_000, 4_500_000)).isEqualTo(45);
        assertThat(PointsRules.reversalFor(45, 4_500_000, 9_000_000)).isEqualTo(45);
        assertThat(PointsRules.reversalFor(0, 4_500_000, 1)).isZero();
    }
}
