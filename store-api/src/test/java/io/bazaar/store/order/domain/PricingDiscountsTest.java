package io.bazaar.store.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bazaar.store.order.domain.Pricing.Discount;
import io.bazaar.store.order.domain.Pricing.DiscountKind;
import io.bazaar.store.order.domain.Pricing.Line;
import io.bazaar.store.order.domain.Pricing.PricedLine;
import io.bazaar.store.order.domain.Pricing.Totals;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Discounts in Pricing: exact integer amounts, split over lines so they add up, tax on what is left. */
class PricingDiscountsTest {

    static Discount percent(int pct, Integer... lines) {
        return new Discount("p" + pct, DiscountKind.PERCENTAGE, pct, 0, Set.of(lines));
    }

    static Discount fixed(long amount, Integer... lines) {
        return new Discount("f" + amount, DiscountKind.FIXED_AMOUNT, 0, amount, Set.of(lines));
    }

    static Discount freeShipping() {
        return new Discount("ship", DiscountKind.FREE_SHIPPING, 0, 0, Set.of());
    }

    /** The invariants every priced cart keeps, whatever the discounts. */
    static void assertAddsUp(Totals t, boolean pricesIncludeTax) {
        long lineDiscounts = t.lines().stream().mapToLong(PricedLine::discount).sum();
        long applied = t.discounts().stream().mapToLong(Pricing.AppliedDiscount::amount).sum();
        assertThat(applied).isEqualTo(t.discountTotal());
        assertThat(t.lines()).allSatisfy(l -> assertThat(l.discount()).isBetween(0L, l.lineTotal()));
        assertThat(t.discounts()).allSatisfy(d -> {
            if (d.kind() != DiscountKind.FREE_SHIPPING) {
                assertThat(d.lineAmounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(d.amount());
            }
        });
        long shippingDiscount = t.discounts().stream().filter(d -> d.kind() == DiscountKind.FREE_SHIPPING)
                .mapToLong(Pricing.AppliedDiscount::amount).sum();
        assertThat(lineDiscounts + shippingDiscount).isEqualTo(t.discountTotal());
        assertThat(t.taxTotal()).isEqualTo(t.lines().stream().mapToLong(PricedLine::tax).sum());
        assertThat(t.grandTotal()).isEqualTo(t.subtotal() - t.discountTotal() + t.shippingTotal()
                + (pricesIncludeTax ? 0 : t.taxTotal()));
    }

    @Nested
    class Percentage {
        @Test
        void irr_tenPercentOffTheWholeCart_taxIncludedOnTheDiscountedAmount() {
            // 2 x 1,250,000 + 1 x 333,333 = 2,833,333 rials; 10 % = 283,333.3 -> 283,333.
            Totals t = Pricing.compute(List.of(new Line(1_250_000, 2, 0), new Line(333_333, 1, 0)), null, 1000, true,
                    List.of(percent(10, 0, 1)));
            assertThat(t.subtotal()).isEqualTo(2_833_333);
            assertThat(t.discountTotal()).isEqualTo(283_333);
            assertThat(t.grandTotal()).isEqualTo(2_550_000);
            // Tax is what 10 % VAT contains of each discounted line, not of the list price.
            long line0 = 2_500_000 - t.lines().get(0).discount();
            assertThat(t.lines().get(0).tax()).isEqualTo(Pricing.includedTax(line0, 1000));
            assertAddsUp(t, true);
        }

        @Test
        void eur_onlyEligibleLines_taxAddedOnTop() {
            // 15 % of 19.99 = 2.9985 -> 3.00 EUR; the 5.00 line is not eligible and keeps its price.
            Totals t = Pricing.compute(List.of(new Line(1999, 1, 0), new Line(500, 1, 0)), null, 1900, false,
                    List.of(percent(15, 0)));
            assertThat(t.discountTotal()).isEqualTo(300);
            assertThat(t.lines().get(0).discount()).isEqualTo(300);
            assertThat(t.lines().get(1).discount()).isZero();
            assertThat(t.lines().get(0).tax()).isEqualTo(Pricing.addedTax(1699, 1900));
            assertThat(t.grandTotal()).isEqualTo(1999 + 500 - 300 + t.taxTotal());
            assertAddsUp(t, false);
        }

        @Test
        void kwd_threeDecimals_oddAmountsSplitExactly() {
            // 3 lines of 1.001 KWD, 50 % = 1.5015 -> 1.502 KWD, split 501/501/500 fils.
            Totals t = Pricing.compute(List.of(new Line(1001, 1, 0), new Line(1001, 1, 0), new Line(1001, 1, 0)),
                    null, 0, true, List.of(percent(50, 0, 1, 2)));
            assertThat(t.discountTotal()).isEqualTo(1502);
            assertThat(t.lines()).extracting(PricedLine::discount).containsExactly(501L, 501L, 500L);
            assertAddsUp(t, true);
        }

        @Test
        void hundredPercent_makesTheLinesFree_neverNegative() {
            Totals t = Pricing.compute(List.of(new Line(999, 3, 0)), null, 1900, false, List.of(percent(100, 0)));
            assertThat(t.grandTotal()).isZero();
            assertThat(t.taxTotal()).isZero();
            assertAddsUp(t, false);
        }
    }

    @Nested
    class FixedAmount {
        @Test
        void eur_fiveEurosOff_splitInProportionToTheLines() {
            // 5.00 EUR over 30.00 and 10.00: 3.75 and 1.25.
            Totals t = Pricing.compute(List.of(new Line(1500, 2, 0), new Line(1000, 1, 0)), null, 0, true,
                    List.of(fixed(500, 0, 1)));
            assertThat(t.lines()).extracting(PricedLine::discount).containsExactly(375L, 125L);
            assertThat(t.grandTotal()).isEqualTo(3500);
            assertAddsUp(t, true);
        }

        @Test
        void irr_neverMoreThanTheEligibleLines() {
            Totals t = Pricing.compute(List.of(new Line(100_000, 1, 0), new Line(900_000, 1, 0)), null, 0, true,
                    List.of(fixed(5_000_000, 0)));
            assertThat(t.discountTotal()).isEqualTo(100_000);
            assertThat(t.grandTotal()).isEqualTo(900_000);
            assertAddsUp(t, true);
        }

        @Test
        void kwd_remainderGoesOneFilsAtATime() {
            // 1.000 KWD over three equal lines: 334 + 333 + 333.
            Totals t = Pricing.compute(List.of(new Line(2000, 1, 0), new Line(2000, 1, 0), new Line(2000, 1, 0)),
                    null, 0, true, List.of(fixed(1000, 0, 1, 2)));
            assertThat(t.lines()).extracting(PricedLine::discount).containsExactly(334L, 333L, 333L);
            assertAddsUp(t, true);
        }
    }

    @Nested
    class FreeShipping {
        @Test
        void kwd_takesTheShippingPriceOff_asADiscountLine() {
            Pricing.ShippingRate rate = new Pricing.ShippingRate("weight", 3000, 500, null);
            Totals t = Pricing.compute(List.of(new Line(1250, 4, 525)), rate, 0, true, List.of(freeShipping()));
            assertThat(t.shippingTotal()).isEqualTo(4500);
            assertThat(t.discountTotal()).isEqualTo(4500);
            assertThat(t.grandTotal()).isEqualTo(5000);
            assertAddsUp(t, true);
        }

        @Test
        void withoutAShippingMethod_takesNothing() {
            Totals t = Pricing.compute(List.of(new Line(1000, 1, 0)), null, 0, true, List.of(freeShipping()));
            assertThat(t.discountTotal()).isZero();
            assertThat(t.discounts()).hasSize(1);
        }

        @Test
        void freeOverThreshold_looksAtTheDiscountedSubtotal() {
            // 50.00 EUR is the free-shipping threshold; 10 % off 50.00 drops below it, so shipping is charged.
            Pricing.ShippingRate rate = new Pricing.ShippingRate("flat", 495, 0, 5000L);
            assertThat(Pricing.compute(List.of(new Line(5000, 1, 0)), rate, 0, true).shippingTotal()).isZero();
            Totals t = Pricing.compute(List.of(new Line(5000, 1, 0)), rate, 0, true, List.of(percent(10, 0)));
            assertThat(t.shippingTotal()).isEqualTo(495);
            assertThat(t.grandTotal()).isEqualTo(4500 + 495);
            assertAddsUp(t, true);
        }
    }

    @Nested
    class Stacking {
        @Test
        void secondDiscount_appliesToWhatTheFirstLeft() {
            // 10 % then 10 %: 100.00 -> 90.00 -> 81.00 EUR, and a fixed 100.00 after that stops at zero.
            Totals t = Pricing.compute(List.of(new Line(10_000, 1, 0)), null, 0, true,
                    List.of(percent(10, 0), new Discount("again", DiscountKind.PERCENTAGE, 10, 0, Set.of(0)),
                            fixed(10_000, 0)));
            assertThat(t.discounts()).extracting(Pricing.AppliedDiscount::amount).containsExactly(1000L, 900L, 8100L);
            assertThat(t.grandTotal()).isZero();
            assertAddsUp(t, true);
        }

        @Test
        void automaticPlusCodePlusFreeShipping_irr() {
            Pricing.ShippingRate rate = new Pricing.ShippingRate("flat", 500_000, 0, null);
            Totals t = Pricing.compute(List.of(new Line(1_000_000, 3, 0), new Line(777_777, 1, 0)), rate, 1000, false,
                    List.of(percent(10, 0), fixed(250_000, 0, 1), freeShipping()));
            assertThat(t.discounts()).extracting(Pricing.AppliedDiscount::amount)
                    .containsExactly(300_000L, 250_000L, 500_000L);
            assertAddsUp(t, false);
        }
    }

    @Test
    void withoutDiscounts_totalsAreUnchanged() {
        Totals t = Pricing.compute(List.of(new Line(333, 3, 0)), null, 1900, false, List.of());
        assertThat(t.discountTotal()).isZero();
        assertThat(t.discounts()).isEmpty();
        assertThat(t.lines().get(0).discount()).isZero();
    }

    @Test
    void invalidDiscounts_areRejected() {
        assertThatThrownBy(() -> percent(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> percent(101, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fixed(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
