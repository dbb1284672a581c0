package io.bazaar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer-360 call under load (issue #8): seeds CRM facts for many customers straight into the
 * CRM's tables (as intake would have left them), then reads random customers' 360 as staff.
 * Run alone with {@code -Dbench.scenario=customer360} (bench/README.md).
 */
final class Customer360Load {
    static final String SCENARIO = "GET /v1/admin/crm/customers/{id} (customer 360)";

    private Customer360Load() {
    }

    static void main(Settings s) throws Exception {
        int customers = Integer.getInteger("bench.customers", 100_000);
        int orders = Integer.getInteger("bench.ordersPerCustomer", 10);
        int entries = Integer.getInteger("bench.timelinePerCustomer", 20);
        Files.createDirectories(s.workDir());
        Machine.Snapshot before = Machine.snapshot();
        LoadRun.Result ping;
        LoadRun.Result result;
        long[] sizes;
        try (StoreProcess store = StoreProcess.start(s)) {
            sizes = seed(s, customers, orders, entries);
            List<String> ids = customerIds(s);
            Http http = new Http(s.baseUrl(), s.concurrency());
            String admin = "Bearer " + http.post("/v1/admin/sessions", "{\"email\":\"" + StoreProcess.ADMIN_EMAIL
                    + "\",\"password\":\"" + StoreProcess.ADMIN_PASSWORD + "\"}").json().get("token").asText();
            // The framework's ceiling in the same minute, so a busy machine shows as such.
            ping = LoadRun.run("GET /v1/ping (ceiling)", s.concurrency(), s.warmupSeconds(), s.measureSeconds(),
                    r -> http.get("/v1/ping").ok());
            result = LoadRun.run(SCENARIO, s.concurrency(), s.warmupSeconds(), s.measureSeconds(),
                    r -> http.get("/v1/admin/crm/customers/" + Benchmark.pick(r, ids), "Authorization", admin).ok());
        }
        Machine.Snapshot after = Machine.snapshot();
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(before.at()).append(" to ").append(after.at()).append(" on ").append(Machine.describe())
                .append(".  \nLoad average (1/5/15 min) before: ").append(before.loadAverage()).append(", after: ")
                .append(after.loadAverage()).append(".  \n").append(String.format(
                        "Closed loop, %d clients, %d s warm-up + %d s measured; %,d customers, %,d orders, %,d timeline "
                                + "entries, %,d returns, %,d tickets in the CRM.%n%n", s.concurrency(),
                        s.warmupSeconds(), s.measureSeconds(), sizes[0], sizes[1], sizes[2], sizes[3], sizes[4]));
        md.append("| Scenario | Clients | Throughput (/s) | p50 (ms) | p99 (ms) | max (ms) | Errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (LoadRun.Result r : List.of(ping, result)) {
            md.append("| ").append(r.name()).append(" | ").append(r.concurrency()).append(" | ")
                    .append(Benchmark.fmt(r.throughput())).append(" | ").append(Benchmark.fmt(r.percentileMillis(50)))
                    .append(" | ").append(Benchmark.fmt(r.percentileMillis(99))).append(" | ")
                    .append(Benchmark.fmt(r.maxMillis())).append(" | ").append(r.errors()).append(" |\n");
        }
        double p99 = result.percentileMillis(99);
        md.append("\n| Target | Measured | Met |\n|---|---|---|\n| Customer 360 p99 < 20 ms | ")
                .append(Benchmark.fmt(p99)).append(" ms | ").append(p99 < 20 ? "yes" : "**no**").append(" |\n")
                .append("| Customer 360 throughput vs the ping ceiling (same run) | ")
                .append(String.format("%.0f%% (%s / %s per s)", 100 * result.throughput() / ping.throughput(),
                        Benchmark.fmt(result.throughput()), Benchmark.fmt(ping.throughput()))).append(" | (context) |\n");
        if (!result.sampleErrors().isEmpty()) {
            md.append("\nSample errors: ").append(result.sampleErrors()).append('\n');
        }
        Path out = s.workDir().resolve("results-customer360.md");
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.println(md);
        System.out.println("Written to " + out);
    }

    /**
     * One set-based statement per table (generate_series), once per data directory: customers with a
     * paid/delivered order history (every seventh order cancelled, first orders partly refunded), a
     * timeline, an open return for every tenth and an open ticket for every fifth customer; then VACUUM ANALYZE.
     */
    static long[] seed(Settings s, int customers, int orders, int entries) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl("bazaar"), "postgres", "")) {
            long existing = count(c, "SELECT count(*) FROM crm_contact WHERE email LIKE 'bench360-%'");
            if (existing < customers) {
                long t0 = System.nanoTime();
                System.out.printf("Seeding %,d CRM customers with %d orders and %d timeline entries each%n", customers,
                        orders, entries);
                String customer = "CAST(md5('bench360-c' || g) AS uuid)";
                exec(c, "INSERT INTO crm_contact (customer_id, email, email_normalized, name, locale, became_customer_at, "
                        + "created_at) SELECT " + customer + ", 'bench360-' || g || '@example.com', 'bench360-' || g "
                        + "|| '@example.com', 'Bench Customer ' || g, 'en', now() - interval '800 days', now() "
                        + "FROM generate_series(1, ?) g ON CONFLICT DO NOTHING", customers);
                exec(c, "INSERT INTO crm_order_ledger (order_id, customer_id, order_number, currency, total_amount, "
                        + "refunded_amount, status, placed_at, updated_at) SELECT CAST(md5('bench360-o' || g || '-' || o) "
                        + "AS uuid), " + customer + ", 'B360-' || g || '-' || o, 'IRR', 1000000 + (g * 7 + o * 13) % 5000000, "
                        + "CASE WHEN o = 1 THEN 100000 ELSE 0 END, CASE WHEN o % 7 = 0 THEN 'cancelled' ELSE 'delivered' END, "
                        + "now() - (o * 30 + g % 30) * interval '1 day', now() "
                        + "FROM generate_series(1, ?) g, generate_series(1, " + orders + ") o ON CONFLICT DO NOTHING",
                        customers);
                exec(c, "INSERT INTO crm_timeline_entry (id, customer_id, type, kind, channel, summary, occurred_at) "
                        + "SELECT CAST(md5('bench360-t' || g || '-' || e) AS uuid), " + customer + ", "
                        + "CASE WHEN e % 5 = 0 THEN 'staff.call' ELSE 'order.placed' END, "
                        + "CASE WHEN e % 5 = 0 THEN 'physical' ELSE 'transactional' END, "
                        + "CASE WHEN e % 5 = 0 THEN 'phone' ELSE 'web' END, 'Bench entry ' || e, "
                        + "now() - (e * 3 + g % 3) * interval '1 day' "
                        + "FROM generate_series(1, ?) g, generate_series(1, " + entries + ") e ON CONFLICT DO NOTHING",
                        customers);
                exec(c, "INSERT INTO crm_return_ledger (return_id, customer_id, order_id, status, requested_at, updated_at) "
                        + "SELECT CAST(md5('bench360-r' || g) AS uuid), " + customer + ", CAST(md5('bench360-o' || g || "
                        + "'-1') AS uuid), 'requested', now() - interval '2 days', now() "
                        + "FROM generate_series(10, ?, 10) g ON CONFLICT DO NOTHING", customers);
                exec(c, "INSERT INTO crm_ticket (id, customer_id, type, subject, priority, status, channel, "
                        + "first_response_due_at, resolution_due_at, created_at, updated_at) "
                        + "SELECT CAST(md5('bench360-k' || g) AS uuid), " + customer + ", 'question', 'Where is my order?', "
                        + "'normal', 'open', 'web', now() + interval '1 day', now() + interval '3 days', now(), now() "
                        + "FROM generate_series(5, ?, 5) g ON CONFLICT DO NOTHING", customers);
                // VACUUM too: sets hint bits and the visibility map now, so autovacuum of the fresh rows does not
                // run during the measurement.
                try (Statement st = c.createStatement()) {
                    st.execute("VACUUM (ANALYZE) crm_contact, crm_order_ledger, crm_timeline_entry, crm_return_ledger, "
                            + "crm_ticket");
                }
                System.out.printf("Seeded in %d s%n", (System.nanoTime() - t0) / 1_000_000_000L);
            }
            return new long[] {count(c, "SELECT count(*) FROM crm_contact"), count(c, "SELECT count(*) FROM crm_order_ledger"),
                    count(c, "SELECT count(*) FROM crm_timeline_entry"), count(c, "SELECT count(*) FROM crm_return_ledger"),
                    count(c, "SELECT count(*) FROM crm_ticket")};
        }
    }

    private static List<String> customerIds(Settings s) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl("bazaar"), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT customer_id::text FROM crm_contact WHERE email LIKE 'bench360-%'")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void exec(Connection c, String sql, int customers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, customers);
            ps.executeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
