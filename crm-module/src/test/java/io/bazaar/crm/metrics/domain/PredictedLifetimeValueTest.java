package io.bazaar.crm.metrics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PredictedLifetimeValueTest {

    @Test
    void predicted_isRevenuePerCustomerTimesLifespan() {
        // 3 customers spent 300 in 6 orders: AOV 50, 2 orders a year; 10 last year, 6 came back: churn 0.4, lifespan 2.5.
        PredictedLifetimeValue p = PredictedLifetimeValue.of(300, 6, 3, 10, 6);
        assertThat(p.averageOrderValue()).isEqualTo(50);
        assertThat(p.purchaseFrequency()).isEqualTo(2.0);
        assertThat(p.annualRetentionPercent()).isEqualTo(60.0);
        assertThat(p.expectedLifespanYears()).isEqualTo(2.5);
        assertThat(p.predicted()).isEqualTo(250); // 50 x 2 x 2.5
    }

    @Test
    void lifespan_isCappedAtFiveYears_alsoWithoutChurn() {
        assertThat(PredictedLifetimeValue.of(1000, 2, 2, 4, 4).expectedLifespanYears()).isEqualTo(5.0);
        assertThat(PredictedLifetimeValue.of(1000, 2, 2, 4, 4).predicted()).isEqualTo(2500);
        // churn 1/10 -> 10 years, capped to 5
        assertThat(PredictedLifetimeValue.of(1000, 2, 2, 10, 9).predicted()).isEqualTo(2500);
    }

    @Test
    void predicted_roundsHalfUpOnce_andIsUnknownWithoutHistory() {
        // 100 / 3 customers x (3 / 2) = 50 exactly; 101 / 3 x 3/2 = 50.5 -> 51
        assertThat(PredictedLifetimeValue.of(101, 3, 3, 3, 1).predicted()).isEqualTo(51);
        assertThat(PredictedLifetimeValue.of(100, 2, 2, 0, 0).predicted()).isNull();
        assertThat(PredictedLifetimeValue.of(0, 0, 0, 5, 0).predicted()).isNull();
        assertThatThrownBy(() -> PredictedLifetimeValue.of(1, 1, 1, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void periods_startInsideTheRange() {
        assertThat(MetricsPeriod.QUARTER.startsWithin(Instant.parse("2030-02-15T00:00:00Z"),
                Instant.parse("2031-01-01T00:00:00Z"))).containsExactly(LocalDateTime.parse("2030-04-01T00:00"),
                LocalDateTime.parse("2030-07-01T00:00"), LocalDateTime.parse("2030-10-01T00:00"));
        assertThat(MetricsPeriod.MONTH.startsWithin(Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-03-01T00:00:00Z"))).hasSize(2);
        assertThat(MetricsPeriod.YEAR.truncate(Instant.parse("2030-08-09T10:00:00Z")))
                .isEqualTo(LocalDateTime.parse("2030-01-01T00:00"));
        assertThat(Rates.percent(2, 3)).isEqualTo(66.7);
        assertThat(Rates.percent(1, 0)).isNull();
        assertThat(Rates.average(5, 2)).isEqualTo(3);
    }
}
