package io.bazaar.store.platform.db;

import java.util.Collection;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionContext;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.extension.HandleSupplier;

/**
 * Builds each SqlObject DAO's metadata once, on the root {@link Jdbi} configuration, at start.
 *
 * <p>Why: in Jdbi up to 3.54 every {@code Handle} gets a copy of the root configuration, including its
 * extension-metadata cache, and {@code handle.attach(Dao.class)} fills only the handle's copy
 * (jdbi/jdbi#2991, fixed in 3.55). As the code attaches DAOs inside {@code jdbi.inTransaction}, every
 * request rebuilt the metadata of every DAO it touched by reflection: measured as the largest CPU cost
 * of a product page miss and of catalogue generation. Handles copy the root cache when they open, so
 * filling it once here makes every later attach a cache hit. Remove once Dropwizard ships Jdbi 3.55+.
 */
public final class SqlObjectWarmup {
    private SqlObjectWarmup() {
    }

    public static void warm(Jdbi jdbi, Collection<Class<?>> daoTypes) {
        Extensions extensions = jdbi.getConfig(Extensions.class);
        HandleSupplier rootConfigOnly = new HandleSupplier() {
            @Override
            public Handle getHandle() {
                throw new IllegalStateException("metadata warm-up must not touch the database");
            }

            @Override
            public Jdbi getJdbi() {
                return jdbi;
            }

            @Override
            public ConfigRegistry getConfig() {
                return jdbi.getConfig();
            }

            @Override
            public <V> V invokeInContext(ExtensionContext context, Callable<V> task) throws Exception {
                return task.call();
            }
        };
        for (Class<?> type : daoTypes) {
            if (extensions.findFor(type, rootConfigOnly).isEmpty()) {
                throw new IllegalArgumentException(type + " is not a Jdbi extension (SqlObject DAO)");
            }
        }
    }
}
