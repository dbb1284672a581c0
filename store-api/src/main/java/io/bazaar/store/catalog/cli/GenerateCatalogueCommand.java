package io.bazaar.store.catalog.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.BazaarApplication;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.catalog.app.CatalogCache;
import io.bazaar.store.catalog.app.CatalogService;
import io.bazaar.store.catalog.app.ProductCommands.CategoryDraft;
import io.bazaar.store.catalog.app.ProductCommands.PriceDraft;
import io.bazaar.store.catalog.app.ProductCommands.ProductDraft;
import io.bazaar.store.catalog.app.ProductCommands.VariantDraft;
import io.bazaar.store.platform.DataServices;
import io.bazaar.store.platform.db.Migrations;
import io.bazaar.store.platform.db.SqlObjectWarmup;
import io.bazaar.store.platform.redis.RedisClient;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar bazaar.jar generate-catalogue --products 100000 config.yml}: adds a large synthetic
 * catalogue (deterministic from {@code --seed}, English and Persian words) for benchmarks. Products go
 * through the normal service, so search text, price index and stock ledger are all real.
 */
public final class GenerateCatalogueCommand extends ConfiguredCommand<BazaarConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateCatalogueCommand.class);
    private static final int BATCH = 100;
    private static final String[] NOUNS = {"phone", "laptop", "headphones", "camera", "watch", "book", "mug", "lamp",
            "jacket", "sneakers", "کتاب", "گوشی", "چراغ", "فرش", "ساعت", "کفش"};
    private static final String[] ADJECTIVES = {"classic", "modern", "pro", "mini", "ultra", "smart", "جدید",
            "ایرانی", "حرفه‌ای", "کلاسیک"};
    private static final String[] BRANDS = {"Apple", "Samsung", "Sony", "Lenovo", "Zarin", "Bose", "Xiaomi", "Ikea"};
    private static final String[] COLOURS = {"black", "white", "red", "blue", "green", "silver"};

    public GenerateCatalogueCommand() {
        super("generate-catalogue", "Generate a large synthetic catalogue for benchmarks");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--products").type(Integer.class).setDefault(100_000).help("how many products");
        subparser.addArgument("--seed").type(Long.class).setDefault(7L).help("random seed");
        subparser.addArgument("--threads").type(Integer.class).setDefault(4).help("parallel writers");
    }

    @Override
    protected void run(Bootstrap<BazaarConfiguration> bootstrap, Namespace ns, BazaarConfiguration config)
            throws Exception {
        int count = ns.getInt("products");
        long seed = ns.getLong("seed");
        DataServices services = DataServices.resolve(config);
        try {
            ManagedDataSource ds = config.database.build(bootstrap.getMetricRegistry(), "generate-catalogue");
            RedisClient redis = new RedisClient(config.redis.url, (int) config.redis.timeout.toMilliseconds());
            try {
                Migrations.migrate(ds);
                Jdbi jdbi = io.bazaar.shared.db.JdbiSetup.configure(Jdbi.create(ds));
                SqlObjectWarmup.warm(jdbi, BazaarApplication.SQL_OBJECT_DAOS);
                ObjectMapper mapper = bootstrap.getObjectMapper().copy();
                BazaarApplication.configureMapper(mapper);
                Clock clock = Clock.systemUTC();
                CatalogService catalog = new CatalogService(jdbi, clock, new Outbox(mapper, clock),
                        new CatalogCache(redis.pool(), mapper, 600, 60), mapper);
                List<UUID> categories = new ArrayList<>();
                String run = Long.toString(System.currentTimeMillis(), 36);
                for (int c = 0; c < 20; c++) {
                    categories.add(catalog.createCategory(new CategoryDraft("Synthetic " + c, "synthetic-" + run + "-" + c,
                            c < 5 ? null : categories.get(c % 5), c)).id());
                }
                AtomicInteger done = new AtomicInteger();
                AtomicInteger failed = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(ns.getInt("threads"));
                // Batches of products per transaction: one commit and one cache bump per batch.
                for (int from = 0; from < count; from += BATCH) {
                    int first = from;
                    int last = Math.min(count, from + BATCH);
                    pool.execute(() -> {
                        List<ProductDraft> drafts = new ArrayList<>();
                        for (int n = first; n < last; n++) {
                            drafts.add(product(new SplittableRandom(seed * 1_000_003L + n), run, n, categories));
                        }
                        try {
                            catalog.createProducts(drafts, null);
                        } catch (RuntimeException e) {
                            if (failed.getAndAdd(drafts.size()) == 0) {
                                LOG.error("creating a batch of generated products failed", e);
                            }
                            return;
                        }
                        int d = done.addAndGet(drafts.size());
                        if (d / 5000 != (d - drafts.size()) / 5000) {
                            LOG.info("generated {} / {} products", d, count);
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(7, TimeUnit.DAYS);
                LOG.info("Generated {} products", done.get());
                if (failed.get() > 0) {
                    throw new IllegalStateException(failed.get() + " products could not be created (first error above)");
                }
            } finally {
                redis.stop();
                ds.stop();
            }
        } finally {
            services.stop();
        }
    }

    static ProductDraft product(SplittableRandom r, String run, int n, List<UUID> categories) {
        String noun = NOUNS[r.nextInt(NOUNS.length)];
        String adjective = ADJECTIVES[r.nextInt(ADJECTIVES.length)];
        String brand = BRANDS[r.nextInt(BRANDS.length)];
        String colour = COLOURS[r.nextInt(COLOURS.length)];
        long price = 1_000 + r.nextInt(500_000);
        List<VariantDraft> variants = new ArrayList<>();
        for (int v = 0; v < 1 + r.nextInt(3); v++) {
            variants.add(new VariantDraft("SYN-" + run + "-" + n + "-" + v, Map.of("size", List.of("S", "M", "L").get(v % 3)),
                    List.of(new PriceDraft("USD", price + v * 100L, null), new PriceDraft("IRR", price * 1000 + v, null)),
                    100 + r.nextInt(2000), r.nextInt(50)));
        }
        return new ProductDraft(brand + " " + adjective + " " + noun + " " + n, "syn-" + run + "-" + n,
                "Synthetic " + noun + " number " + n + " for benchmarks.", "active", brand,
                Map.of("colour", colour, "brand", brand.toLowerCase(java.util.Locale.ROOT)), List.of(),
                List.of(categories.get(r.nextInt(categories.size()))), null, List.of(noun), null, 1, 5, variants, null);
    }
}
