package io.bazaar.store.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PricingTest {

    @Nested
    class ZeroTwoAndThreeDecimalCurrencies {
        @Test
        void irr_zeroDecimals_taxIncluded() {
            // 2 x 1,250,000 rials incl. 10 % VAT: the VAT part is 2,500,000 - round(2,500,000 / 1.1) = 227,273.
            Pricing.Totals t = Pricing.compute(List.of(new Pricing.Line(1_250_000, 2, 300)),
                    new Pricing.ShippingRate("flat", 500_000, 0, 50_000_000L), 1000, true);
            assertThat(t.subtotal()).isEqualTo(2_500_000);
            assertThat(t.taxTotal()).isEqualTo(227_273);
            assertThat(t.shippingTotal()).isEqualTo(500_000);
            assertThat(t.grandTotal()).isEqualTo(3_000_000);
        }

        @Test
        void eur_twoDecimals_taxAddedOnTop_roundedHalfUpPerLine() {
            // 3 x 3.33 EUR = 9.99; 19 % of 999 cents = 189.81 -> 190; 1 x 0.05 EUR: 0.95 -> 1.
            Pricing.Totals t = Pricing.compute(List.of(new Pricing.Line(333, 3, 0), new Pricing.Line(5, 1, 0)),
                    null, 1900, false);
            assertThat(t.lines()).extracting(Pricing.PricedLine::tax).containsExactly(190L, 1L);
            assertThat(t.subtotal()).isEqualTo(1004);
            assertThat(t.grandTotal()).isEqualTo(1004 + 191);
        }

        @Test
        void kwd_threeDecimals_weightShipping() {
            // 1.250 KWD x 4, 2.1 kg in all -> 3 started kilograms at 0.500 plus 3.000 base.
            Pricing.Totals t = Pricing.compute(List.of(new Pricing.Line(1250, 4, 525)),
                    new Pricing.ShippingRate("weight", 3000, 500, null), 0, true);
            assertThat(t.subtotal()).isEqualTo(5000);
            assertThat(t.shippingTotal()).isEqualTo(4500);
            assertThat(t.grandTotal()).isEqualTo(9500);
        }
    }

    @Test
    void shippingIsFree_fromTheThresholdOn() {
        Pricing.ShippingRate rate = new Pricing.ShippingRate("flat", 495, 0, 5000L);
        assertThat(Pricing.compute(List.of(new Pricing.Line(4999, 1, 0)), rate, 0, true).shippingTotal()).isEqualTo(495);
        assertThat(Pricing.compute(List.of(new Pricing.Line(5000, 1, 0)), rate, 0, true).shippingTotal()).isZero();
    }

    @Test
    void hugeAmounts_overflowLoudly_neverWrap() {
        assertThatThrownBy(() -> Pricing.compute(List.of(new Pricing.Line(Long.MAX_VALUE / 2, 3, 0)), null, 0, true))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void invalidInputs_areRejected() {
        assertThatThrownBy(() -> new Pricing.Line(-1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pricing.Line(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pricing.compute(List.of(), null, 10_001, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
