package io.bazaar.crm.metrics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares and averages as the metrics report them: exact integer inputs, half-up rounding at the end. */
public final class Rates {
    private Rates() {
    }

    /** {@code part / whole × 100}, one decimal, half-up; null when {@code whole} is 0. */
    public static Double percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code sum / count} in whole minor units, half-up; null when {@code count} is 0. */
    public static Long average(long sum, long count) {
        if (count == 0) {
            return null;
        }
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** {@code sum / count}, one decimal, half-up; null when {@code count} is 0 (average scores). */
    public static Double mean(long sum, long count) {
        if (count == 0) {
            return null;
        }
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP).doubleValue();
    }
}
