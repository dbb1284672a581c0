package io.bazaar.shared.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The one Jdbi configuration the application, its commands and the tests share. */
public final class JdbiSetup {
    private JdbiSetup() {
    }

    /**
     * Installs SqlObject and PostgreSQL support, maps records by constructor ({@link RecordRowMappers}) and sends
     * SQL as written; DAOs build their method
     * handlers on first use ({@link LazySqlObjects}).
     *
     * <p>No template engine: our SQL has no {@code <attribute>} templates (lists are bound as arrays,
     * {@code = ANY(:ids)}), and the default engine (wrapped by Dropwizard's name-prepending engine, which bypasses
     * Jdbi's parse cache) ran an ANTLR lexer over every statement, about 7% of a customer-360 call's CPU.
     */
    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        LazySqlObjects.install(jdbi.getConfig(Extensions.class));
        jdbi.setTemplateEngine(new NoTemplateEngine());
        jdbi.registerRowMapper(new RecordRowMappers());
        return jdbi;
    }
}
