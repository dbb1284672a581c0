package io.bazaar.crm.segment.app;

import io.bazaar.crm.segment.domain.RfmSegment;
import io.bazaar.shared.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * RFM scoring from the CRM's own order ledger (docs/SEGMENTS.md). The full refresh is one set-based statement
 * with {@code ntile(5)} windows; each order or refund fact re-scores its one customer against the stored
 * scores in the intake's transaction.
 */
public final class RfmService {
    /** Orders that count for RFM: paid or further, not cancelled, not fully refunded. */
    static final String COUNTED = "status IN ('paid', 'shipped', 'delivered') AND total_amount > refunded_amount";

    /**
     * The whole refresh in one statement. Ties are broken deterministically (ntile needs a total order):
     * recency by customer id, frequency by the more recent last order then customer id, monetary by customer id.
     * Customers with no counted order any more are removed (they are leads again).
     */
    private static final String REFRESH = """
            WITH facts AS (
                SELECT customer_id, max(placed_at) AS last_order_at, count(*)::int AS order_count,
                       COALESCE(sum(total_amount - refunded_amount) FILTER (WHERE currency = :currency), 0)::bigint
                           AS monetary
                FROM crm_order_ledger
                WHERE %s
                GROUP BY customer_id
            ), scored AS (
                SELECT f.*,
                       ntile(5) OVER (ORDER BY last_order_at, customer_id) AS r,
                       ntile(5) OVER (ORDER BY order_count, last_order_at, customer_id) AS f,
                       ntile(5) OVER (ORDER BY monetary, customer_id) AS m
                FROM facts f
            ), upserted AS (
                INSERT INTO crm_rfm_score (customer_id, last_order_at, order_count, monetary, r_score, f_score, m_score,
                                           segment, computed_at)
                SELECT customer_id, last_order_at, order_count, monetary, r, f, m, crm_rfm_segment(r, f, m), :now
                FROM scored
                ORDER BY customer_id
                ON CONFLICT (customer_id) DO UPDATE SET last_order_at = EXCLUDED.last_order_at,
                    order_count = EXCLUDED.order_count, monetary = EXCLUDED.monetary, r_score = EXCLUDED.r_score,
                    f_score = EXCLUDED.f_score, m_score = EXCLUDED.m_score, segment = EXCLUDED.segment,
                    computed_at = EXCLUDED.computed_at
                RETURNING 1
            ), removed AS (
                DELETE FROM crm_rfm_score s WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.customer_id = s.customer_id)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM upserted) AS scored, (SELECT count(*) FROM removed) AS removed
            """.formatted(COUNTED);

    /**
     * One customer against everyone else's stored values: the score is the quintile of the customer's position
     * ({@code 1 + 5k / n}, k = customers with a lower value, n = all scored including this one), which is what
     * ntile gives for distinct values; the next full refresh settles ties.
     */
    private static final String REFRESH_ONE = """
            WITH me AS (
                SELECT max(placed_at) AS last_order_at, count(*)::int AS order_count,
                       COALESCE(sum(total_amount - refunded_amount) FILTER (WHERE currency = :currency), 0)::bigint
                           AS monetary
                FROM crm_order_ledger
                WHERE customer_id = :id AND %s
            ), n AS (
                SELECT count(*) + 1 AS n FROM crm_rfm_score WHERE customer_id <> :id
            ), scored AS (
                SELECT me.*,
                       LEAST(5, 1 + 5 * (SELECT count(*) FROM crm_rfm_score s WHERE s.customer_id <> :id
                                         AND s.last_order_at < me.last_order_at) / n.n)::int AS r,
                       LEAST(5, 1 + 5 * (SELECT count(*) FROM crm_rfm_score s WHERE s.customer_id <> :id
                                         AND s.order_count < me.order_count) / n.n)::int AS f,
                       LEAST(5, 1 + 5 * (SELECT count(*) FROM crm_rfm_score s WHERE s.customer_id <> :id
                                         AND s.monetary < me.monetary) / n.n)::int AS m
                FROM me, n
                WHERE me.order_count > 0
            )
            INSERT INTO crm_rfm_score (customer_id, last_order_at, order_count, monetary, r_score, f_score, m_score,
                                       segment, computed_at)
            SELECT :id, last_order_at, order_count, monetary, r, f, m, crm_rfm_segment(r, f, m), :now FROM scored
            ON CONFLICT (customer_id) DO UPDATE SET last_order_at = EXCLUDED.last_order_at,
                order_count = EXCLUDED.order_count, monetary = EXCLUDED.monetary, r_score = EXCLUDED.r_score,
                f_score = EXCLUDED.f_score, m_score = EXCLUDED.m_score, segment = EXCLUDED.segment,
                computed_at = EXCLUDED.computed_at
            """.formatted(COUNTED);

    public record RefreshResult(long scored, long removed, long millis, Instant refreshedAt) {
    }

    public record SegmentCount(String segment, long customers) {
    }

    public record Counts(List<SegmentCount> segments, Instant refreshedAt) {
    }

    public record Score(UUID customerId, int recency, int frequency, int monetary, String segment,
                        Instant lastOrderAt, int orderCount, long monetaryAmount, String currency, Instant computedAt) {
    }

    public record Settings(String rfmCurrency, int capMaxMessages, int capWindowDays) {
        public Settings {
            Objects.requireNonNull(rfmCurrency);
            if (!rfmCurrency.matches("[A-Z]{3}")) {
                throw ApiException.validation("rfm_currency", "must be an ISO 4217 code such as IRR");
            }
            if (capMaxMessages < 1 || capMaxMessages > 1000) {
                throw ApiException.validation("cap_max_messages", "must be between 1 and 1000");
            }
            if (capWindowDays < 1 || capWindowDays > 365) {
                throw ApiException.validation("cap_window_days", "must be between 1 and 365");
            }
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public RfmService(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Staff-triggered: waits for a refresh running elsewhere, then refreshes. */
    public RefreshResult refresh() {
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT id FROM crm_segment_settings WHERE id = 1 FOR UPDATE").mapTo(Integer.class).one();
            return refreshLocked(h);
        });
    }

    /**
     * The job: refreshes when the last refresh is older than {@code interval}. Cluster-safe: the settings row is
     * claimed with SKIP LOCKED, so while one instance refreshes the others skip.
     *
     * @return the result, or empty when not due or another instance is at it
     */
    public Optional<RefreshResult> refreshIfDue(Duration interval) {
        return jdbi.inTransaction(h -> {
            Optional<Instant> last = h.createQuery("""
                            SELECT COALESCE(rfm_refreshed_at, '-infinity') AS at FROM crm_segment_settings
                            WHERE id = 1 FOR UPDATE SKIP LOCKED
                            """).mapTo(Instant.class).findOne();
            if (last.isEmpty() || last.get().isAfter(clock.instant().minus(interval))) {
                return Optional.empty();
            }
            return Optional.of(refreshLocked(h));
        });
    }

    private RefreshResult refreshLocked(Handle h) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        String currency = settings(h).rfmCurrency();
        // Intake transactions re-score single customers; taking the table lock first makes them wait for the
        // refresh (or the refresh for them) instead of deadlocking on rows locked in different orders.
        h.execute("LOCK TABLE crm_rfm_score IN SHARE ROW EXCLUSIVE MODE");
        Map<String, Object> r = h.createQuery(REFRESH).bind("currency", currency).bind("now", now).mapToMap().one();
        h.createUpdate("UPDATE crm_segment_settings SET rfm_refreshed_at = :now WHERE id = 1").bind("now", now)
                .execute();
        return new RefreshResult(((Number) r.get("scored")).longValue(), ((Number) r.get("removed")).longValue(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), now);
    }

    /** Re-scores one customer in the caller's (intake) transaction. */
    public void refreshCustomer(Handle h, UUID customerId) {
        String currency = settings(h).rfmCurrency();
        int n = h.createUpdate(REFRESH_ONE).bind("id", customerId).bind("currency", currency)
                .bind("now", clock.instant()).execute();
        if (n == 0) {
            h.createUpdate("DELETE FROM crm_rfm_score WHERE customer_id = :id").bind("id", customerId).execute();
        }
    }

    public Counts counts() {
        return jdbi.withHandle(h -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (RfmSegment s : RfmSegment.values()) {
                counts.put(s.wire(), 0L);
            }
            h.createQuery("SELECT segment, count(*) AS n FROM crm_rfm_score GROUP BY segment").mapToMap()
                    .forEach(row -> counts.put((String) row.get("segment"), ((Number) row.get("n")).longValue()));
            counts.put(RfmSegment.LEAD.wire(), h.createQuery("""
                    SELECT count(*) FROM crm_contact c WHERE c.erased_at IS NULL
                    AND NOT EXISTS (SELECT 1 FROM crm_rfm_score r WHERE r.customer_id = c.customer_id)
                    """).mapTo(Long.class).one());
            List<SegmentCount> out = new ArrayList<>();
            counts.forEach((k, v) -> out.add(new SegmentCount(k, v)));
            Instant at = h.createQuery("SELECT rfm_refreshed_at FROM crm_segment_settings WHERE id = 1")
                    .mapTo(Instant.class).one();
            return new Counts(out, at);
        });
    }

    public Optional<Score> score(UUID customerId) {
        return jdbi.withHandle(h -> {
            String currency = settings(h).rfmCurrency();
            return h.createQuery("""
                            SELECT customer_id, r_score, f_score, m_score, segment, last_order_at, order_count, monetary,
                                   computed_at
                            FROM crm_rfm_score WHERE customer_id = :id
                            """).bind("id", customerId)
                    .map((rs, ctx) -> new Score(rs.getObject("customer_id", UUID.class), rs.getInt("r_score"),
                            rs.getInt("f_score"), rs.getInt("m_score"), rs.getString("segment"),
                            rs.getObject("last_order_at", java.time.OffsetDateTime.class).toInstant(),
                            rs.getInt("order_count"), rs.getLong("monetary"), currency,
                            rs.getObject("computed_at", java.time.OffsetDateTime.class).toInstant()))
                    .findOne();
        });
    }

    public Settings settings() {
        return jdbi.withHandle(this::settings);
    }

    public Settings settings(Handle h) {
        return h.createQuery("""
                        SELECT rfm_currency, cap_max_messages, cap_window_days FROM crm_segment_settings WHERE id = 1
                        """)
                .map((rs, ctx) -> new Settings(rs.getString(1), rs.getInt(2), rs.getInt(3))).one();
    }

    public Settings updateSettings(Settings s) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE crm_segment_settings SET rfm_currency = :currency, cap_max_messages = :max,
                               cap_window_days = :days, updated_at = :now WHERE id = 1
                        """).bind("currency", s.rfmCurrency()).bind("max", s.capMaxMessages())
                .bind("days", s.capWindowDays()).bind("now", clock.instant()).execute());
        return settings();
    }
}
