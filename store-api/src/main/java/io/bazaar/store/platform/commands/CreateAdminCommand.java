package io.bazaar.store.platform.commands;

import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.auth.app.PasswordHasher;
import io.bazaar.store.auth.app.SessionService;
import io.bazaar.store.auth.domain.PasswordPolicy;
import io.bazaar.store.auth.domain.StaffRole;
import io.bazaar.store.platform.DataServices;
import io.bazaar.store.platform.db.Migrations;
import io.bazaar.store.staff.app.StaffService;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.Console;
import java.time.Clock;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar bazaar.jar create-admin --email a@shop.example --name "Ada" config.yml}: creates an
 * admin account. The password is read from BAZAAR_ADMIN_PASSWORD or asked for on the terminal, never
 * taken as an argument (arguments end up in shell history and process lists). Run it while the
 * server is stopped when using the embedded database.
 */
public final class CreateAdminCommand extends ConfiguredCommand<BazaarConfiguration> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CreateAdminCommand.class);

    public CreateAdminCommand() {
        super("create-admin", "Create an admin staff account");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--email").required(true).help("the admin's email");
        subparser.addArgument("--name").setDefault("Administrator").help("the admin's display name");
    }

    @Override
    protected void run(Bootstrap<BazaarConfiguration> bootstrap, Namespace ns, BazaarConfiguration config)
            throws Exception {
        String password = System.getenv("BAZAAR_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            Console console = System.console();
            if (console == null) {
                throw new IllegalStateException("set BAZAAR_ADMIN_PASSWORD or run on a terminal");
            }
            password = new String(console.readPassword("Password for %s: ", ns.getString("email")));
        }
        DataServices services = DataServices.resolve(config);
        try {
            ManagedDataSource ds = config.database.build(bootstrap.getMetricRegistry(), "create-admin");
            try {
                Migrations.migrate(ds);
                Jdbi jdbi = io.bazaar.shared.db.JdbiSetup.configure(Jdbi.create(ds));
                Clock clock = Clock.systemUTC();
                StaffService staff = new StaffService(jdbi, clock, new PasswordHasher(), new PasswordPolicy(),
                        new SessionService(jdbi, clock, Duration.ofDays(1), Duration.ofHours(1)), null);
                try {
                    staff.create(ns.getString("email"), ns.getString("name"), StaffRole.ADMIN, password, null);
                } catch (io.bazaar.shared.error.ApiException e) {
                    // Field messages only: they never contain the email or the password.
                    LOG.error("Admin account not created: {} {}", e.getMessage(),
                            e.errors().stream().map(fe -> fe.field() + " " + fe.message()).toList());
                    throw new IllegalStateException("create-admin failed", e);
                }
                LOG.info("Admin account created");
            } finally {
                ds.stop();
            }
        } finally {
            services.stop();
        }
    }
}
