package io.bazaar.crm.metrics.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Calendar periods in UTC that metrics are bucketed by. A range [from, to) covers the periods whose
 * first instant lies inside it.
 */
public enum MetricsPeriod {
    MONTH("month", "1 month", 1),
    QUARTER("quarter", "3 months", 3),
    YEAR("year", "1 year", 12);

    /** More periods than this in one request is a validation error. */
    public static final int MAX_PERIODS = 120;

    private final String wire;
    private final String interval;
    private final int months;

    MetricsPeriod(String wire, String interval, int months) {
        this.wire = wire;
        this.interval = interval;
        this.months = months;
    }

    public static MetricsPeriod fromWire(String s) {
        for (MetricsPeriod p : values()) {
            if (p.wire.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("must be month, quarter or year");
    }

    public String wire() {
        return wire;
    }

    /** The PostgreSQL interval of one period, e.g. {@code 3 months}. */
    public String interval() {
        return interval;
    }

    /** The start of the period containing {@code at}. */
    public LocalDateTime truncate(Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        int monthIndex = t.getMonthValue() - 1;
        return t.withMonth(monthIndex - monthIndex % months + 1);
    }

    public LocalDateTime next(LocalDateTime start) {
        return start.plusMonths(months);
    }

    /** Starts of the periods beginning in [from, to), oldest first. */
    public List<LocalDateTime> startsWithin(Instant from, Instant to) {
        List<LocalDateTime> starts = new ArrayList<>();
        LocalDateTime s = truncate(from);
        if (s.toInstant(ZoneOffset.UTC).isBefore(from)) {
            s = next(s);
        }
        while (s.toInstant(ZoneOffset.UTC).isBefore(to)) {
            starts.add(s);
            if (starts.size() > MAX_PERIODS) {
                break;
            }
            s = next(s);
        }
        return starts;
    }
}
