package io.bazaar.store.platform.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway SQL migrations. They are packaged on the classpath under {@code db/migration}
 * (copied from the top-level {@code migrations/} folder at build time), so the jar is self-contained.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        var current = flyway.info().current();
        LOG.info("Database schema at version {} ({} migrations applied now)",
                current == null ? "none" : current.getVersion(), result.migrationsExecuted);
        return result;
    }
}
