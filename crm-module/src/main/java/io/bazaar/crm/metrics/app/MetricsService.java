package io.bazaar.crm.metrics.app;

import io.bazaar.crm.metrics.app.MetricsViews.Churn;
import io.bazaar.crm.metrics.app.MetricsViews.Cohort;
import io.bazaar.crm.metrics.app.MetricsViews.Cohorts;
import io.bazaar.crm.metrics.app.MetricsViews.CommunicationMix;
import io.bazaar.crm.metrics.app.MetricsViews.Csat;
import io.bazaar.crm.metrics.app.MetricsViews.LeadConversion;
import io.bazaar.crm.metrics.app.MetricsViews.LeadConversions;
import io.bazaar.crm.metrics.app.MetricsViews.LifetimeValue;
import io.bazaar.crm.metrics.app.MetricsViews.MixPeriod;
import io.bazaar.crm.metrics.app.MetricsViews.OrderValue;
import io.bazaar.crm.metrics.app.MetricsViews.Predicted;
import io.bazaar.crm.metrics.app.MetricsViews.ProductReturnRate;
import io.bazaar.crm.metrics.app.MetricsViews.RepeatPurchase;
import io.bazaar.crm.metrics.app.MetricsViews.Retention;
import io.bazaar.crm.metrics.app.MetricsViews.RetentionPeriod;
import io.bazaar.crm.metrics.app.MetricsViews.ReturnRates;
import io.bazaar.crm.metrics.app.MetricsViews.Satisfaction;
import io.bazaar.crm.metrics.app.MetricsViews.SatisfactionPeriod;
import io.bazaar.crm.metrics.app.MetricsViews.SlaCompliance;
import io.bazaar.crm.metrics.app.MetricsViews.SlaPeriod;
import io.bazaar.crm.metrics.app.MetricsViews.Target;
import io.bazaar.crm.metrics.domain.MetricsPeriod;
import io.bazaar.crm.metrics.domain.PredictedLifetimeValue;
import io.bazaar.crm.metrics.domain.Rates;
import io.bazaar.crm.metrics.persistence.MetricsDao;
import io.bazaar.crm.metrics.persistence.MetricsRows.ChurnRow;
import io.bazaar.crm.metrics.persistence.MetricsRows.CohortCellRow;
import io.bazaar.crm.metrics.persistence.MetricsRows.LeadConversionRow;
import io.bazaar.crm.metrics.persistence.MetricsRows.LifetimeRow;
import io.bazaar.crm.metrics.persistence.MetricsRows.OrderValueRow;
import io.bazaar.crm.metrics.persistence.MetricsRows.RepeatRow;
import io.bazaar.crm.survey.domain.Nps;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.money.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Retention, repeat purchase, churn, order value, lifetime value, cohorts, satisfaction, SLA
 * compliance, return rates, lead conversion and the communication mix, each from one SQL statement
 * over the CRM's own ledgers. The formulas are in docs/METRICS.md.
 */
public final class MetricsService {
    /** The "year" of the predicted lifetime value and its churn. */
    static final Duration YEAR = Duration.ofDays(365);

    private final Jdbi jdbi;
    private final Clock clock;

    public MetricsService(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
    }

    public Instant now() {
        return clock.instant();
    }

    public Retention retention(MetricsPeriod period, Instant from, Instant to) {
        List<LocalDateTime> starts = starts(period, from, to);
        List<RetentionPeriod> rows = jdbi.withExtension(MetricsDao.class, dao -> dao.retention(starts.get(0),
                starts.get(starts.size() - 1), period.interval())).stream().map(r -> {
                    Double retention = Rates.percent(r.retainedCustomers(), r.previousCustomers());
                    Double churn = Rates.percent(r.previousCustomers() - r.retainedCustomers(), r.previousCustomers());
                    return new RetentionPeriod(r.periodStart(), r.previousCustomers(), r.activeCustomers(),
                            r.retainedCustomers(), retention, churn);
                }).toList();
        return new Retention(period.wire(), from, to, rows);
    }

    public RepeatPurchase repeatPurchase(Instant from, Instant to) {
        range(from, to);
        RepeatRow r = jdbi.withExtension(MetricsDao.class, dao -> dao.repeatPurchase(from, to));
        return new RepeatPurchase(from, to, r.customers(), r.repeatCustomers(), r.orders(),
                Rates.percent(r.repeatCustomers(), r.customers()));
    }

    public Churn churn(Instant at, int inactiveDays) {
        if (inactiveDays < 1 || inactiveDays > 3650) {
            throw ApiException.validation("inactive_days", "must be from 1 to 3650");
        }
        ChurnRow r = jdbi.withExtension(MetricsDao.class, dao -> dao.inactivity(at,
                at.minus(Duration.ofDays(inactiveDays))));
        return new Churn(at, inactiveDays, r.customers(), r.inactiveCustomers(),
                Rates.percent(r.inactiveCustomers(), r.customers()));
    }

    public OrderValue orderValue(String currency, Instant from, Instant to) {
        range(from, to);
        OrderValueRow r = jdbi.withExtension(MetricsDao.class, dao -> dao.orderValue(currency, from, to));
        Long aov = Rates.average(r.netRevenue(), r.orders());
        return new OrderValue(from, to, currency, r.orders(), r.customers(), Money.of(r.grossRevenue(), currency),
                Money.of(r.refunded(), currency), Money.of(r.netRevenue(), currency),
                aov == null ? null : Money.of(aov, currency));
    }

    public LifetimeValue lifetimeValue(String currency, Instant at) {
        Instant yearStart = at.minus(YEAR);
        LifetimeRow r = jdbi.withExtension(MetricsDao.class, dao -> dao.lifetime(currency, at, yearStart,
                yearStart.minus(YEAR)));
        Long historic = Rates.average(r.netRevenue(), r.customers());
        PredictedLifetimeValue p = PredictedLifetimeValue.of(r.yearRevenue(), r.yearOrders(), r.yearCustomers(),
                r.previousYearCustomers(), r.retainedCustomers());
        Predicted predicted = new Predicted(money(p.averageOrderValue(), currency), p.purchaseFrequency(),
                p.annualRetentionPercent(), p.expectedLifespanYears(), PredictedLifetimeValue.MAX_LIFESPAN_YEARS,
                money(p.predicted(), currency));
        return new LifetimeValue(at, currency, r.customers(), Money.of(r.netRevenue(), currency),
                money(historic, currency), predicted);
    }

    /**
     * One row per month whose start lies in [from, to); cell k is the share of the cohort that bought in
     * month cohort + k, for k from 0 while that month has begun and k &lt; {@code months}.
     */
    public Cohorts cohorts(Instant from, Instant to, int months) {
        if (months < 1 || months > 60) {
            throw ApiException.validation("months", "must be from 1 to 60");
        }
        List<LocalDateTime> starts = starts(MetricsPeriod.MONTH, from, to);
        List<CohortCellRow> cells = jdbi.withExtension(MetricsDao.class, dao -> dao.cohorts(starts.get(0),
                starts.get(starts.size() - 1)));
        Map<String, Map<Integer, Long>> byCohort = new HashMap<>();
        for (CohortCellRow c : cells) {
            byCohort.computeIfAbsent(c.cohort(), k -> new HashMap<>()).put(c.monthOffset(), c.customers());
        }
        YearMonth current = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        List<Cohort> rows = new ArrayList<>();
        for (LocalDateTime s : starts) {
            YearMonth month = YearMonth.from(s);
            Map<Integer, Long> counts = byCohort.getOrDefault(month.toString(), Map.of());
            long size = counts.getOrDefault(0, 0L);
            List<Long> active = new ArrayList<>();
            List<Double> percent = new ArrayList<>();
            for (int k = 0; k < months && !month.plusMonths(k).isAfter(current); k++) {
                long n = counts.getOrDefault(k, 0L);
                active.add(n);
                percent.add(Rates.percent(n, size));
            }
            rows.add(new Cohort(month.toString(), size, active, percent));
        }
        return new Cohorts(from, to, months, rows);
    }

    public Satisfaction satisfaction(MetricsPeriod period, Instant from, Instant to) {
        List<LocalDateTime> starts = starts(period, from, to);
        List<SatisfactionPeriod> rows = jdbi.withExtension(MetricsDao.class, dao -> dao.satisfaction(starts.get(0),
                starts.get(starts.size() - 1), period.interval())).stream().map(r -> new SatisfactionPeriod(
                        r.periodStart(), Nps.of(r.promoters(), r.passives(), r.detractors()),
                        csat(r.csatAnswers(), r.csatSatisfied(), r.csatSum()),
                        csat(r.ticketCsatAnswers(), r.ticketCsatSatisfied(), r.ticketCsatSum()))).toList();
        return new Satisfaction(period.wire(), from, to, rows);
    }

    public SlaCompliance ticketSla(MetricsPeriod period, Instant from, Instant to) {
        List<LocalDateTime> starts = starts(period, from, to);
        Instant now = clock.instant();
        List<SlaPeriod> rows = jdbi.withExtension(MetricsDao.class, dao -> dao.ticketSla(starts.get(0),
                starts.get(starts.size() - 1), period.interval(), now)).stream().map(r -> new SlaPeriod(
                        r.periodStart(), r.tickets(), target(r.firstResponseMet(), r.firstResponseMissed()),
                        target(r.resolutionMet(), r.resolutionMissed()))).toList();
        return new SlaCompliance(period.wire(), from, to, rows);
    }

    public ReturnRates returnRates(Instant from, Instant to, int limit) {
        range(from, to);
        List<ProductReturnRate> rows = jdbi.withExtension(MetricsDao.class, dao -> dao.returnRates(from, to, limit))
                .stream().map(r -> new ProductReturnRate(r.productId(), r.title(), r.unitsSold(), r.unitsReturned(),
                        Rates.percent(r.unitsReturned(), r.unitsSold()))).toList();
        return new ReturnRates(from, to, rows);
    }

    public LeadConversions leadConversion(Instant from, Instant to) {
        range(from, to);
        List<LeadConversionRow> rows = jdbi.withExtension(MetricsDao.class, dao -> dao.leadConversion(from, to));
        LeadConversion total = new LeadConversion(null, 0, 0, null, null);
        List<LeadConversion> bySource = new ArrayList<>();
        for (LeadConversionRow r : rows) {
            LeadConversion c = new LeadConversion(r.source(), r.leads(), r.converted(),
                    Rates.percent(r.converted(), r.leads()),
                    r.medianSeconds() == null ? null : Math.round(r.medianSeconds()));
            if (r.source() == null) {
                total = c;
            } else {
                bySource.add(c);
            }
        }
        return new LeadConversions(from, to, total, bySource);
    }

    public CommunicationMix communicationMix(MetricsPeriod period, Instant from, Instant to) {
        List<LocalDateTime> starts = starts(period, from, to);
        List<MixPeriod> rows = jdbi.withExtension(MetricsDao.class, dao -> dao.communicationMix(starts.get(0),
                starts.get(starts.size() - 1), period.interval())).stream().map(r -> {
                    long total = r.transactional() + r.interactive() + r.physical();
                    return new MixPeriod(r.periodStart(), total, r.transactional(), r.interactive(), r.physical(),
                            Rates.percent(r.transactional(), total), Rates.percent(r.interactive(), total),
                            Rates.percent(r.physical(), total));
                }).toList();
        return new CommunicationMix(period.wire(), from, to, rows);
    }

    private static Csat csat(long answers, long satisfied, long sum) {
        return new Csat(answers, Rates.mean(sum, answers), Rates.percent(satisfied, answers));
    }

    private static Target target(long met, long missed) {
        return new Target(met, missed, Rates.percent(met, met + missed));
    }

    private static Money money(Long amount, String currency) {
        return amount == null ? null : Money.of(amount, currency);
    }

    private static void range(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ApiException.validation("to", "must be after from");
        }
    }

    private static List<LocalDateTime> starts(MetricsPeriod period, Instant from, Instant to) {
        range(from, to);
        List<LocalDateTime> starts = period.startsWithin(from, to);
        if (starts.isEmpty()) {
            throw ApiException.validation("from", "no " + period.wire() + " starts within [from, to)");
        }
        if (starts.size() > MetricsPeriod.MAX_PERIODS) {
            throw ApiException.validation("to", "at most " + MetricsPeriod.MAX_PERIODS + " periods per request");
        }
        return starts;
    }
}
