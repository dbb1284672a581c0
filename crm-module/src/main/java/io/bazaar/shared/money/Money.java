package io.bazaar.shared.money;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount in the currency's minor units (rials, cents, fils) with exact arithmetic: overflow throws
 * instead of wrapping, and mixing currencies is a programming error. Never a floating point number.
 */
public record Money(long amount, Currency currency) {
    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    /** Parses an ISO 4217 code; an unknown code is an {@link IllegalArgumentException}. */
    public static Currency currency(String code) {
        if (!isThreeCapitals(code)) {
            throw new IllegalArgumentException("must be an ISO 4217 currency code such as IRR, USD or KWD");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not an ISO 4217 currency code");
        }
    }

    /** {@code [A-Z]{3}} without a regex: this runs for every cart and order the store prices. */
    private static boolean isThreeCapitals(String code) {
        if (code == null || code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amount, factor), currency);
    }

    /**
     * Splits this amount over {@code weights} in proportion, exactly: the parts always add up to the
     * whole, the remainder going one minor unit at a time to the first parts.
     */
    public Money[] allocate(long... weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        long total = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight");
            }
            total = Math.addExact(total, w);
        }
        if (total == 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        Money[] parts = new Money[weights.length];
        long allocated = 0;
        for (int i = 0; i < weights.length; i++) {
            long share = java.math.BigInteger.valueOf(amount).multiply(java.math.BigInteger.valueOf(weights[i]))
                    .divide(java.math.BigInteger.valueOf(total)).longValueExact();
            parts[i] = new Money(share, currency);
            allocated = Math.addExact(allocated, share);
        }
        long remainder = amount - allocated;
        long step = remainder >= 0 ? 1 : -1;
        for (int i = 0; remainder != 0; i = (i + 1) % parts.length) {
            if (weights[i] > 0) {
                parts[i] = new Money(parts[i].amount + step, currency);
                remainder -= step;
            }
        }
        return parts;
    }

    /**
     * Digits after the decimal point: 0 for IRR and JPY, 2 for USD and EUR, 3 for KWD and BHD.
     * ISO 4217 (and so the JDK) still lists two decimals for the Iranian rial, but no sub-unit has
     * circulated for decades and prices are always whole rials, so Bazaar treats IRR as zero-decimal,
     * as Iranian payment gateways do.
     */
    public int decimals() {
        return decimals(currency);
    }

    public static int decimals(Currency currency) {
        if ("IRR".equals(currency.getCurrencyCode())) {
            return 0;
        }
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    /** Human form for messages and documents: {@code 1,250,000 IRR}, {@code 15.00 EUR}, {@code 12.500 KWD}. */
    public String format() {
        java.math.BigDecimal value = java.math.BigDecimal.valueOf(amount, decimals());
        java.text.DecimalFormat f = new java.text.DecimalFormat(decimals() == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals()),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return f.format(value) + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
        }
    }
}
