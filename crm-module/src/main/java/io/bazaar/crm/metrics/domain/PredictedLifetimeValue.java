package io.bazaar.crm.metrics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A simple predicted customer lifetime value over the year before the reference time {@code at}:
 *
 * <pre>
 *   AOV        = net revenue of the year / orders of the year
 *   frequency  = orders of the year / customers who bought in the year        (orders per customer per year)
 *   retention  = customers of the previous year who bought again this year / customers of the previous year
 *   churn      = 1 - retention
 *   lifespan   = min(1 / churn, MAX_LIFESPAN_YEARS)                          (MAX when churn = 0)
 *   predicted  = AOV × frequency × lifespan  = revenue × lifespan / customers
 * </pre>
 *
 * Computed exactly and rounded half-up to whole minor units once, at the end. Null (unknown) when the
 * year has no orders or the previous year no customers to measure churn against.
 */
public record PredictedLifetimeValue(Long averageOrderValue, Double purchaseFrequency, Double annualRetentionPercent,
                                     Double expectedLifespanYears, Long predicted) {
    public static final int MAX_LIFESPAN_YEARS = 5;

    public static PredictedLifetimeValue of(long yearRevenue, long yearOrders, long yearCustomers,
                                            long previousYearCustomers, long retainedCustomers) {
        if (retainedCustomers > previousYearCustomers || retainedCustomers < 0) {
            throw new IllegalArgumentException("retained customers must be within the previous year's");
        }
        Long aov = Rates.average(yearRevenue, yearOrders);
        Double frequency = yearCustomers == 0 ? null : BigDecimal.valueOf(yearOrders)
                .divide(BigDecimal.valueOf(yearCustomers), 2, RoundingMode.HALF_UP).doubleValue();
        Double retention = Rates.percent(retainedCustomers, previousYearCustomers);
        if (yearOrders == 0 || yearCustomers == 0 || previousYearCustomers == 0) {
            return new PredictedLifetimeValue(aov, frequency, retention, null, null);
        }
        long churned = previousYearCustomers - retainedCustomers;
        // lifespan = 1 / churn = previous / churned, capped
        BigDecimal cap = BigDecimal.valueOf(MAX_LIFESPAN_YEARS);
        BigDecimal lifespanNumerator;
        BigDecimal lifespanDenominator;
        if (churned == 0 || BigDecimal.valueOf(previousYearCustomers)
                .compareTo(cap.multiply(BigDecimal.valueOf(churned))) > 0) {
            lifespanNumerator = cap;
            lifespanDenominator = BigDecimal.ONE;
        } else {
            lifespanNumerator = BigDecimal.valueOf(previousYearCustomers);
            lifespanDenominator = BigDecimal.valueOf(churned);
        }
        long predicted = BigDecimal.valueOf(yearRevenue).multiply(lifespanNumerator)
                .divide(BigDecimal.valueOf(yearCustomers).multiply(lifespanDenominator), 0, RoundingMode.HALF_UP)
                .longValueExact();
        double lifespan = lifespanNumerator.divide(lifespanDenominator, 2, RoundingMode.HALF_UP).doubleValue();
        return new PredictedLifetimeValue(aov, frequency, retention, lifespan, predicted);
    }
}
