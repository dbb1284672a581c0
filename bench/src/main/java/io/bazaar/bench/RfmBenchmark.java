package io.bazaar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Segments (issue #8): the full RFM refresh over 100,000 customers and 1,000,000 orders (target under 30 s).
 * The CRM contacts and order ledger rows are generated directly in SQL with generate_series (once per data
 * directory), then the refresh is triggered through the API ({@code POST /v1/admin/crm/rfm/refresh}, the same
 * statement the job runs) several times and timed from the client.
 */
final class RfmBenchmark {
    static final int CUSTOMERS = Integer.getInteger("bench.rfm.customers", 100_000);
    static final int ORDERS = Integer.getInteger("bench.rfm.orders", 1_000_000);
    static final int RUNS = Integer.getInteger("bench.rfm.runs", 3);

    private RfmBenchmark() {
    }

    static void run(Settings s) throws Exception {
        Files.createDirectories(s.workDir());
        Machine.Snapshot before = Machine.snapshot();
        List<String> lines = new ArrayList<>();
        try (StoreProcess store = StoreProcess.start(s)) {
            long seedMillis = seed(s);
            Http http = new Http(s.baseUrl(), 2);
            String admin = "Bearer " + http.post("/v1/admin/sessions", "{\"email\":\"" + StoreProcess.ADMIN_EMAIL
                    + "\",\"password\":\"" + StoreProcess.ADMIN_PASSWORD + "\"}").json().get("token").asText();
            lines.add("| Run | Customers scored | Wall time (ms, client) | Statement time (ms, server) | Under 30 s |");
            lines.add("|---:|---:|---:|---:|---|");
            for (int i = 1; i <= RUNS; i++) {
                long t0 = System.nanoTime();
                Http.Reply r = http.post("/v1/admin/crm/rfm/refresh", "", Duration.ofMinutes(10),
                        "Authorization", admin);
                long wall = Duration.ofNanos(System.nanoTime() - t0).toMillis();
                if (!r.ok()) {
                    throw new IllegalStateException("refresh failed: " + r.status() + " " + r.body());
                }
                lines.add(String.format("| %d | %,d | %,d | %,d | %s |", i, r.json().get("scored").asLong(), wall,
                        r.json().get("millis").asLong(), wall < 30_000 ? "yes" : "**no**"));
                System.out.println(lines.get(lines.size() - 1));
            }
            Http.Reply counts = http.get("/v1/admin/crm/rfm/segments", "Authorization", admin);
            lines.add("");
            lines.add("Segment sizes after the refresh: `" + counts.body() + "`");
            lines.add("");
            lines.add(seedMillis < 0 ? "Data from an earlier run of this data directory."
                    : String.format("Generating the data in SQL took %,d ms.", seedMillis));
        }
        Machine.Snapshot after = Machine.snapshot();
        String report = "Run " + Instant.now() + ", " + CUSTOMERS + " customers, " + ORDERS + " orders; load average "
                + "(1/5/15 min) before " + before.loadAverage() + ", after " + after.loadAverage() + ".\n\n" + String.join("\n", lines) + "\n";
        Path out = s.workDir().resolve("rfm-results.md");
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Written to " + out);
    }

    /**
     * Contacts and ledger rows straight in SQL: buyers skewed (the square of a uniform pick, so some buy
     * often), totals 100,000-10,000,000 IRR, 3% cancelled, 5% partly refunded, placed over the last two years.
     *
     * @return milliseconds spent, or -1 when the data was already there
     */
    private static long seed(Settings s) throws Exception {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl("bazaar"), "postgres", "");
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM crm_order_ledger")) {
                rs.next();
                if (rs.getLong(1) >= ORDERS) {
                    return -1;
                }
            }
            long t0 = System.nanoTime();
            st.execute("""
                    INSERT INTO crm_contact (customer_id, email, email_normalized, name, became_customer_at, created_at)
                    SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'rfm-' || g || '@bench.test',
                           'rfm-' || g || '@bench.test', 'Bench customer ' || g, now() - interval '3 years',
                           now() - interval '3 years'
                    FROM generate_series(1, %d) g
                    ON CONFLICT DO NOTHING
                    """.formatted(CUSTOMERS));
            st.execute("""
                    INSERT INTO crm_order_ledger (order_id, customer_id, order_number, currency, total_amount,
                                                  refunded_amount, status, placed_at, updated_at)
                    SELECT gen_random_uuid(),
                           ('00000000-0000-7000-8000-' || lpad(to_hex(1 + floor(%d * random() ^ 2)::int), 12, '0'))::uuid,
                           'RFM-' || g, 'IRR', t.total,
                           CASE WHEN random() < 0.05 THEN floor(t.total * random())::bigint ELSE 0 END,
                           (ARRAY['paid', 'shipped', 'delivered'])[1 + floor(random() * 3)::int],
                           now() - random() * interval '730 days', now()
                    FROM generate_series(1, %d) g,
                         LATERAL (SELECT (100000 + floor(random() * 9900000))::bigint + g * 0 AS total) t
                    """.formatted(CUSTOMERS - 1, ORDERS));
            st.execute("UPDATE crm_order_ledger SET status = 'cancelled' WHERE order_number LIKE 'RFM-%' AND random() < 0.03");
            st.execute("ANALYZE crm_contact");
            st.execute("ANALYZE crm_order_ledger");
            return Duration.ofNanos(System.nanoTime() - t0).toMillis();
        }
    }
}
