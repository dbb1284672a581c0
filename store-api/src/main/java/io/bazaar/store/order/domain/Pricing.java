package io.bazaar.store.order.domain;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes every total of a cart or order from server-side prices, in integer minor units. It never
 * looks at a currency's decimals: 0-decimal (IRR), 2-decimal (EUR) and 3-decimal (KWD) amounts are
 * all just counts of the smallest unit. Tax is rounded half-up per line.
 */
public final class Pricing {

    public record Line(long unitPrice, int quantity, int weightGrams) {
        public Line {
            if (unitPrice < 0 || quantity <= 0 || weightGrams < 0) {
                throw new IllegalArgumentException("price and weight must be >= 0 and quantity > 0");
            }
        }
    }

    /** A shipping rate in the order's currency. {@code freeOver} null means never free. */
    public record ShippingRate(String kind, long amount, long perKgAmount, Long freeOver) {
        public ShippingRate {
            Objects.requireNonNull(kind, "kind");
            if (!kind.equals("flat") && !kind.equals("weight")) {
                throw new IllegalArgumentException("unknown shipping rate kind " + kind);
            }
        }
    }

    public record PricedLine(long lineTotal, long tax) {
    }

    public record Totals(List<PricedLine> lines, long subtotal, long discountTotal, long shippingTotal, long taxTotal,
                         long grandTotal) {
    }

    private Pricing() {
    }

    /**
     * @param rate           null when no shipping method is chosen yet (shipping counts as 0)
     * @param taxRateBp      tax rate in basis points (900 = 9 %)
     * @param pricesIncludeTax whether catalogue prices already contain tax
     */
    public static Totals compute(List<Line> lines, ShippingRate rate, int taxRateBp, boolean pricesIncludeTax) {
        if (taxRateBp < 0 || taxRateBp > 10_000) {
            throw new IllegalArgumentException("tax rate out of range");
        }
        List<PricedLine> priced = new ArrayList<>();
        long subtotal = 0;
        long tax = 0;
        long grams = 0;
        for (Line l : lines) {
            long lineTotal = Math.multiplyExact(l.unitPrice(), (long) l.quantity());
            long lineTax = pricesIncludeTax ? includedTax(lineTotal, taxRateBp) : addedTax(lineTotal, taxRateBp);
            priced.add(new PricedLine(lineTotal, lineTax));
            subtotal = Math.addExact(subtotal, lineTotal);
            tax = Math.addExact(tax, lineTax);
            grams = Math.addExact(grams, Math.multiplyExact((long) l.weightGrams(), (long) l.quantity()));
        }
        long shipping = shipping(rate, subtotal, grams);
        long grand = Math.addExact(Math.addExact(subtotal, shipping), pricesIncludeTax ? 0 : tax);
        return new Totals(priced, subtotal, 0, shipping, tax, grand);
    }

    static long shipping(ShippingRate rate, long subtotal, long grams) {
        if (rate == null) {
            return 0;
        }
        if (rate.freeOver() != null && subtotal >= rate.freeOver()) {
            return 0;
        }
        if (rate.kind().equals("flat")) {
            return rate.amount();
        }
        long startedKg = (grams + 999) / 1000;
        return Math.addExact(rate.amount(), Math.multiplyExact(rate.perKgAmount(), startedKg));
    }

    /** Tax on top of a net amount. */
    static long addedTax(long net, int bp) {
        return roundHalfUp(BigInteger.valueOf(net).multiply(BigInteger.valueOf(bp)), BigInteger.valueOf(10_000));
    }

    /** The tax contained in a gross amount: gross - gross / (1 + rate). */
    static long includedTax(long gross, int bp) {
        long net = roundHalfUp(BigInteger.valueOf(gross).multiply(BigInteger.valueOf(10_000)),
                BigInteger.valueOf(10_000L + bp));
        return gross - net;
    }

    private static long roundHalfUp(BigInteger numerator, BigInteger denominator) {
        return new java.math.BigDecimal(numerator).divide(new java.math.BigDecimal(denominator), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
