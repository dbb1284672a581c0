package io.bazaar.store.order.domain;

import io.bazaar.shared.money.Money;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Computes every total of a cart or order from server-side prices, in integer minor units. It never
 * looks at a currency's decimals: 0-decimal (IRR), 2-decimal (EUR) and 3-decimal (KWD) amounts are
 * all just counts of the smallest unit. Tax is rounded half-up per line, on the line's amount after
 * discounts; an order-level discount is split over its lines exactly, so line amounts add up to the totals.
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

    /** {@code discount} is this line's share of the order's discounts; tax is computed on lineTotal - discount. */
    public record PricedLine(long lineTotal, long tax, long discount) {
    }

    public enum DiscountKind { PERCENTAGE, FIXED_AMOUNT, FREE_SHIPPING }

    /**
     * A discount to apply, already found applicable by the caller. {@code eligibleLines} are indexes into
     * the lines it may reduce (ignored for free shipping).
     *
     * @param reference the caller's name for it (a promotion id), handed back in {@link AppliedDiscount}
     */
    public record Discount(String reference, DiscountKind kind, int percentOff, long amountOff,
                           Set<Integer> eligibleLines) {
        public Discount {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(kind, "kind");
            eligibleLines = Set.copyOf(eligibleLines);
            if (kind == DiscountKind.PERCENTAGE && (percentOff < 1 || percentOff > 100)) {
                throw new IllegalArgumentException("percent off must be 1..100");
            }
            if (kind == DiscountKind.FIXED_AMOUNT && amountOff <= 0) {
                throw new IllegalArgumentException("amount off must be > 0");
            }
        }
    }

    /**
     * What a discount took off: {@code amount} in all, {@code lineAmounts} per line (same order as the
     * lines; all zero for free shipping, whose amount comes off shipping).
     */
    public record AppliedDiscount(String reference, DiscountKind kind, long amount, List<Long> lineAmounts) {
        public AppliedDiscount {
            lineAmounts = List.copyOf(lineAmounts);
        }
    }

    /**
     * Always {@code grandTotal = subtotal - discountTotal + shippingTotal (+ taxTotal when prices exclude tax)}.
     * {@code shippingTotal} is the shipping price before a free-shipping discount; that discount is part of
     * {@code discountTotal}.
     */
    public record Totals(List<PricedLine> lines, long subtotal, long discountTotal, long shippingTotal, long taxTotal,
                         long grandTotal, List<AppliedDiscount> discounts) {
        public Totals {
            lines = List.copyOf(lines);
            discounts = List.copyOf(discounts);
        }
    }

    private Pricing() {
    }

    /** Totals without discounts. */
    public static Totals compute(List<Line> lines, ShippingRate rate, int taxRateBp, boolean pricesIncludeTax) {
        return compute(lines, rate, taxRateBp, pricesIncludeTax, List.of());
    }

    /**
     * @param rate             null when no shipping method is chosen yet (shipping counts as 0)
     * @param taxRateBp        tax rate in basis points (900 = 9 %)
     * @param pricesIncludeTax whether catalogue prices already contain tax
     * @param discounts        applied in this order, each on what the earlier ones left of its lines (so
     *                         stacked discounts never take a line below zero); free shipping last, on the
     *                         shipping price computed from the discounted subtotal
     */
    public static Totals compute(List<Line> lines, ShippingRate rate, int taxRateBp, boolean pricesIncludeTax,
                                 List<Discount> discounts) {
        if (taxRateBp < 0 || taxRateBp > 10_000) {
            throw new IllegalArgumentException("tax rate out of range");
        }
        int n = lines.size();
        long[] totals = new long[n];
        long[] remaining = new long[n];
        long subtotal = 0;
        long grams = 0;
        for (int i = 0; i < n; i++) {
            Line l = lines.get(i);
            totals[i] = Math.multiplyExact(l.unitPrice(), (long) l.quantity());
            remaining[i] = totals[i];
            subtotal = Math.addExact(subtotal, totals[i]);
            grams = Math.addExact(grams, Math.multiplyExact((long) l.weightGrams(), (long) l.quantity()));
        }
        AppliedDiscount[] applied = new AppliedDiscount[discounts.size()];
        for (int d = 0; d < discounts.size(); d++) {
            Discount discount = discounts.get(d);
            if (discount.kind() == DiscountKind.FREE_SHIPPING) {
                continue;
            }
            long[] weights = new long[n];
            long base = 0;
            for (int i = 0; i < n; i++) {
                if (discount.eligibleLines().contains(i)) {
                    weights[i] = remaining[i];
                    base = Math.addExact(base, remaining[i]);
                }
            }
            long amount = discount.kind() == DiscountKind.PERCENTAGE
                    ? roundHalfUp(BigInteger.valueOf(base).multiply(BigInteger.valueOf(discount.percentOff())),
                    BigInteger.valueOf(100))
                    : Math.min(discount.amountOff(), base);
            long[] parts = allocate(amount, weights);
            List<Long> lineAmounts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                remaining[i] = Math.subtractExact(remaining[i], parts[i]);
                lineAmounts.add(parts[i]);
            }
            applied[d] = new AppliedDiscount(discount.reference(), discount.kind(), amount, lineAmounts);
        }
        long discountedSubtotal = 0;
        for (long r : remaining) {
            discountedSubtotal = Math.addExact(discountedSubtotal, r);
        }
        long shipping = shipping(rate, discountedSubtotal, grams);
        long shippingLeft = shipping;
        List<Long> zeros = java.util.Collections.nCopies(n, 0L);
        for (int d = 0; d < discounts.size(); d++) {
            if (discounts.get(d).kind() == DiscountKind.FREE_SHIPPING) {
                applied[d] = new AppliedDiscount(discounts.get(d).reference(), DiscountKind.FREE_SHIPPING, shippingLeft,
                        zeros);
                shippingLeft = 0;
            }
        }
        List<PricedLine> priced = new ArrayList<>(n);
        long tax = 0;
        for (int i = 0; i < n; i++) {
            long lineTax = pricesIncludeTax ? includedTax(remaining[i], taxRateBp) : addedTax(remaining[i], taxRateBp);
            priced.add(new PricedLine(totals[i], lineTax, totals[i] - remaining[i]));
            tax = Math.addExact(tax, lineTax);
        }
        long discountTotal = Math.addExact(subtotal - discountedSubtotal, shipping - shippingLeft);
        long grand = Math.addExact(Math.addExact(discountedSubtotal, shippingLeft), pricesIncludeTax ? 0 : tax);
        return new Totals(priced, subtotal, discountTotal, shipping, tax, grand, List.of(applied));
    }

    /**
     * Splits a discount over lines in proportion to their weights through {@link Money#allocate}, the one
     * place that splits amounts. Allocation does not depend on the currency, so the ISO "no currency" code
     * stands in: Pricing works on minor units of any currency.
     */
    private static long[] allocate(long amount, long[] weights) {
        long[] parts = new long[weights.length];
        if (amount == 0) {
            return parts;
        }
        Money[] split = Money.of(amount, "XXX").allocate(weights);
        for (int i = 0; i < split.length; i++) {
            parts[i] = split[i].amount();
        }
        return parts;
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
