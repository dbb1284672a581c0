package io.bazaar.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * pgbench's built-in "tpcb-like" script, from Java/JDBC, so the baseline needs nothing but the JDK. Same
 * tables (pgbench_accounts/tellers/branches/history, 100,000 accounts, 10 tellers and 1 branch per unit
 * of scale) and the same transaction: update an account, read it back, update a teller and a branch,
 * insert a history row, commit. It runs in its own database ({@code pgbench}) of the store's PostgreSQL
 * server, like {@code pgbench -i -s N} followed by {@code pgbench -c N -j N -T ...} would (prepared
 * statements, i.e. pgbench's {@code -M prepared}).
 */
final class TpcbLike {
    private static final String DATABASE = "pgbench";

    private final Settings settings;

    TpcbLike(Settings settings) {
        this.settings = settings;
    }

    /** Creates and fills the tables once (kept in the data directory for the next run). */
    void initialise() throws SQLException {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl("postgres"), "postgres", "")) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    c.createStatement().execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
        int scale = settings.tpcbScale();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            boolean ready = false;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pgbench_branches")) {
                ready = rs.next() && rs.getInt(1) == scale;
            } catch (SQLException missing) {
                // no tables yet
            }
            if (ready) {
                st.execute("TRUNCATE pgbench_history");
                return;
            }
            System.out.println("Initialising the tpcb-like tables at scale " + scale);
            st.execute("DROP TABLE IF EXISTS pgbench_history, pgbench_tellers, pgbench_accounts, pgbench_branches");
            st.execute("CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
            st.execute("CREATE TABLE pgbench_tellers (tid int NOT NULL, bid int, tbalance int, filler char(84)) WITH (fillfactor=100)");
            st.execute("CREATE TABLE pgbench_accounts (aid int NOT NULL, bid int, abalance int, filler char(84)) WITH (fillfactor=100)");
            st.execute("CREATE TABLE pgbench_branches (bid int NOT NULL, bbalance int, filler char(88)) WITH (fillfactor=100)");
            st.execute("INSERT INTO pgbench_branches (bid, bbalance) SELECT b, 0 FROM generate_series(1, " + scale + ") b");
            st.execute("INSERT INTO pgbench_tellers (tid, bid, tbalance) SELECT t, (t - 1) / 10 + 1, 0 FROM generate_series(1, "
                    + 10 * scale + ") t");
            st.execute("INSERT INTO pgbench_accounts (aid, bid, abalance, filler) SELECT a, (a - 1) / 100000 + 1, 0, '' "
                    + "FROM generate_series(1, " + 100_000 * scale + ") a");
            st.execute("ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid)");
            st.execute("ALTER TABLE pgbench_tellers ADD PRIMARY KEY (tid)");
            st.execute("ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
            st.execute("VACUUM ANALYZE pgbench_branches, pgbench_tellers, pgbench_accounts, pgbench_history");
        }
    }

    LoadRun.Result run() throws Exception {
        return run("");
    }

    /** The same run, its name ending in {@code suffix} (the baseline measured again after the checkout scenario). */
    LoadRun.Result run(String suffix) throws Exception {
        int scale = settings.tpcbScale();
        List<Connection> connections = new ArrayList<>();
        ThreadLocal<Session> sessions = new ThreadLocal<>();
        try {
            return LoadRun.run("tpcb-like (JDBC, scale " + scale + ")" + suffix, settings.tpcbClients(), settings.tpcbWarmupSeconds(),
                    settings.measureSeconds(), random -> {
                        Session s = sessions.get();
                        if (s == null) {
                            Connection c = connect();
                            synchronized (connections) {
                                connections.add(c);
                            }
                            s = new Session(c);
                            sessions.set(s);
                        }
                        return s.transaction(random, scale);
                    });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(DATABASE), "postgres", "");
    }

    /** One client: its own connection and prepared statements, like one pgbench client. */
    private static final class Session {
        private final Connection c;
        private final PreparedStatement updateAccount;
        private final PreparedStatement selectAccount;
        private final PreparedStatement updateTeller;
        private final PreparedStatement updateBranch;
        private final PreparedStatement insertHistory;

        Session(Connection c) throws SQLException {
            this.c = c;
            c.setAutoCommit(false);
            updateAccount = c.prepareStatement("UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?");
            selectAccount = c.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?");
            updateTeller = c.prepareStatement("UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?");
            updateBranch = c.prepareStatement("UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?");
            insertHistory = c.prepareStatement(
                    "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)");
        }

        boolean transaction(ThreadLocalRandom random, int scale) throws SQLException {
            int aid = 1 + random.nextInt(100_000 * scale);
            int bid = 1 + random.nextInt(scale);
            int tid = 1 + random.nextInt(10 * scale);
            int delta = random.nextInt(-5000, 5001);
            try {
                updateAccount.setInt(1, delta);
                updateAccount.setInt(2, aid);
                updateAccount.executeUpdate();
                selectAccount.setInt(1, aid);
                try (ResultSet rs = selectAccount.executeQuery()) {
                    rs.next();
                }
                updateTeller.setInt(1, delta);
                updateTeller.setInt(2, tid);
                updateTeller.executeUpdate();
                updateBranch.setInt(1, delta);
                updateBranch.setInt(2, bid);
                updateBranch.executeUpdate();
                insertHistory.setInt(1, tid);
                insertHistory.setInt(2, bid);
                insertHistory.setInt(3, aid);
                insertHistory.setInt(4, delta);
                insertHistory.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
