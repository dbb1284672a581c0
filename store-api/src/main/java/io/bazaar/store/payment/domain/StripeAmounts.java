package io.bazaar.store.payment.domain;

import io.bazaar.shared.money.Money;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Bazaar keeps money in minor units ({@link Money#decimals}); Stripe's {@code amount} is in "the smallest currency
 * unit" in Stripe's own sense, which differs for some currencies (docs.stripe.com/currencies):
 * <ul>
 *   <li>zero-decimal currencies (JPY, KRW, ... and MGA, which ISO gives two decimals) are whole units;</li>
 *   <li>ISK is zero-decimal in ISO but sent to Stripe as two-decimal, a multiple of 100;</li>
 *   <li>three-decimal currencies (BHD, JOD, KWD, OMR, TND) must end in 0 (multiples of 10 fils).</li>
 * </ul>
 * An amount that cannot be expressed exactly is refused rather than rounded: the customer is never
 * charged a different amount from the order's total.
 */
public final class StripeAmounts {
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
    private static final Set<String> AS_TWO_DECIMAL = Set.of("ISK");
    /** Currencies Stripe does not settle at all (sanctioned or not offered). */
    private static final Set<String> UNSUPPORTED = Set.of("IRR", "KPW", "SYP", "CUP", "VES", "SDG");

    private StripeAmounts() {
    }

    /** Thrown when Stripe cannot charge an amount in a currency exactly. */
    public static final class NotChargeable extends IllegalArgumentException {
        public NotChargeable(String message) {
            super(message);
        }
    }

    /** How many decimals Stripe's amount has for this currency. */
    public static int stripeDecimals(String currency) {
        String c = normalise(currency);
        if (ZERO_DECIMAL.contains(c)) {
            return 0;
        }
        if (THREE_DECIMAL.contains(c)) {
            return 3;
        }
        return 2;
    }

    /** Bazaar's minor units to Stripe's amount, exactly, or {@link NotChargeable}. */
    public static long toStripe(long minorUnits, String currency) {
        String c = normalise(currency);
        if (UNSUPPORTED.contains(c)) {
            throw new NotChargeable("Stripe does not accept payments in " + c);
        }
        int iso = isoDecimals(c);
        int shift = stripeDecimals(c) - iso;
        long amount;
        if (shift >= 0) {
            amount = Math.multiplyExact(minorUnits, pow10(shift));
        } else {
            long unit = pow10(-shift);
            if (minorUnits % unit != 0) {
                throw new NotChargeable("Stripe charges " + c + " in whole units; " + format(minorUnits, iso, c)
                        + " has a fraction");
            }
            amount = minorUnits / unit;
        }
        if (THREE_DECIMAL.contains(c) && amount % 10 != 0) {
            throw new NotChargeable("Stripe charges " + c + " in multiples of 0.010; " + format(minorUnits, iso, c)
                    + " is not one");
        }
        if (AS_TWO_DECIMAL.contains(c) && amount % 100 != 0) {
            throw new NotChargeable("Stripe charges " + c + " in whole units");
        }
        return amount;
    }

    /** Stripe's amount back to Bazaar's minor units (exact: amounts Stripe reports are ones we sent). */
    public static long fromStripe(long stripeAmount, String currency) {
        String c = normalise(currency);
        int shift = stripeDecimals(c) - isoDecimals(c);
        if (shift >= 0) {
            long unit = pow10(shift);
            if (stripeAmount % unit != 0) {
                throw new IllegalArgumentException("Stripe amount " + stripeAmount + " " + c
                        + " is finer than the currency's minor unit");
            }
            return stripeAmount / unit;
        }
        return Math.multiplyExact(stripeAmount, pow10(-shift));
    }

    /** Decimals of Bazaar's own minor units for the currency (as {@link Money}). */
    private static int isoDecimals(String c) {
        Currency currency;
        try {
            currency = Currency.getInstance(c);
        } catch (IllegalArgumentException e) {
            throw new NotChargeable(c + " is not an ISO 4217 currency");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new NotChargeable(c + " is not a currency Stripe can charge");
        }
        return Money.decimals(currency);
    }

    private static String normalise(String currency) {
        if (currency == null) {
            throw new IllegalArgumentException("currency is required");
        }
        return currency.strip().toUpperCase(Locale.ROOT);
    }

    private static long pow10(int n) {
        return BigInteger.TEN.pow(n).longValueExact();
    }

    private static String format(long minorUnits, int decimals, String c) {
        return new java.math.BigDecimal(BigInteger.valueOf(minorUnits), decimals).toPlainString() + " " + c;
    }
}
