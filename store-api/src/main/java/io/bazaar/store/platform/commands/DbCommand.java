package io.bazaar.store.platform.commands;

import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.platform.DataServices;
import io.bazaar.store.platform.db.Migrations;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code java -jar bazaar.jar db migrate config.yml}: applies the Flyway migrations and exits. */
public final class DbCommand extends ConfiguredCommand<BazaarConfiguration> {

    public DbCommand() {
        super("db", "Database tasks: 'db migrate config.yml' applies pending migrations");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate").help("what to do");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<BazaarConfiguration> bootstrap, Namespace namespace, BazaarConfiguration config)
            throws Exception {
        DataServices services = DataServices.resolve(config);
        try {
            ManagedDataSource ds = config.database.build(bootstrap.getMetricRegistry(), "flyway");
            try {
                Migrations.migrate(ds);
            } finally {
                ds.stop();
            }
        } finally {
            services.stop();
        }
    }
}
