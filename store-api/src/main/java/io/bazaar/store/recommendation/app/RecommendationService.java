package io.bazaar.store.recommendation.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.store.catalog.app.CatalogQueries;
import io.bazaar.store.catalog.app.CatalogViews.ProductSummary;
import io.bazaar.store.recommendation.persistence.RecommendationDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recommendations (issue #8, part 6): "bought together" from a precomputed co-purchase table, "related"
 * from shared categories and attributes (after the staff's related list), and "for you" from the
 * customer's purchases. Rankings are cached in Redis; each read then keeps only active, in-stock
 * products (and for "for you", ones the customer has not bought), a few queries per list (no N+1).
 */
public final class RecommendationService {
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationService.class);
    /** Candidates ranked and cached per list; more than any page so out-of-stock ones can be skipped. */
    static final int CANDIDATES = 60;
    /** Partners kept per product in the co-purchase table. */
    static final int KEEP_PER_PRODUCT = 50;
    public static final int DEFAULT_LIMIT = 12;
    public static final int MAX_LIMIT = 50;

    public enum Kind {
        BOUGHT_TOGETHER, RELATED, FOR_YOU;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parseProductKind(String raw) {
            if (raw == null || raw.isBlank() || raw.equals("bought_together")) {
                return BOUGHT_TOGETHER;
            }
            if (raw.equals("related")) {
                return RELATED;
            }
            throw ApiException.validation("kind", "must be bought_together or related");
        }
    }

    /** A recommendation list: its kind and the products, best first. */
    public record Recommendations(String kind, List<ProductSummary> data) {
    }

    /** What a rebuild did: rows written, and when. */
    public record RefreshResult(boolean refreshed, int pairs, Instant refreshedAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final CatalogQueries catalog;
    private final RecommendationCache cache;
    private final Duration refreshInterval;
    private final Duration lookback;

    public RecommendationService(Jdbi jdbi, Clock clock, CatalogQueries catalog, RecommendationCache cache,
                                 Duration refreshInterval, Duration lookback) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.catalog = Objects.requireNonNull(catalog);
        this.cache = Objects.requireNonNull(cache);
        this.refreshInterval = Objects.requireNonNull(refreshInterval);
        this.lookback = Objects.requireNonNull(lookback);
    }

    public Recommendations forProduct(String productIdOrSlug, Kind kind, Integer limit) {
        int n = limit(limit);
        UUID productId = catalog.product(productIdOrSlug).id();
        List<UUID> ranked = switch (kind) {
            case BOUGHT_TOGETHER -> cached("bought_together:" + productId,
                    () -> jdbi.withExtension(RecommendationDao.class, d -> d.boughtTogether(productId, CANDIDATES)));
            // Related products derive from catalogue data staff edit: keyed by the catalogue generation, the
            // ranking is abandoned by the same admin change that abandons the product page.
            case RELATED -> {
                String generation = catalog.cacheGeneration();
                java.util.function.Supplier<List<UUID>> compute =
                        () -> jdbi.withExtension(RecommendationDao.class, d -> d.related(productId, CANDIDATES));
                yield generation == null ? compute.get() : cached("related:" + generation + ":" + productId, compute);
            }
            case FOR_YOU -> throw new IllegalArgumentException("for_you is per customer");
        };
        return new Recommendations(kind.wire(), available(ranked, Set.of(), n));
    }

    /**
     * For a signed-in customer: ranked from what they bought; best sellers of the lookback period when
     * they have bought nothing yet. Never a product they already bought.
     */
    public Recommendations forCustomer(UUID customerId, Integer limit) {
        int n = limit(limit);
        List<UUID> ranked = cached("for_you:" + customerId, () -> jdbi.withExtension(RecommendationDao.class, d -> {
            List<UUID> ids = d.forCustomer(customerId, CANDIDATES);
            return ids.isEmpty() && d.boughtBy(customerId).isEmpty()
                    ? d.bestSellers(clock.instant().minus(lookback), CANDIDATES) : ids;
        }));
        Set<UUID> bought = new HashSet<>(jdbi.withExtension(RecommendationDao.class, d -> d.boughtBy(customerId)));
        return new Recommendations(Kind.FOR_YOU.wire(), available(ranked, bought, n));
    }

    /** The job's tick: rebuilds when the interval has passed since the last rebuild (on any instance). */
    public RefreshResult refreshIfDue() {
        return refresh(false);
    }

    /**
     * Rebuilds the co-purchase table from paid orders in one transaction (readers see the old table
     * until it commits), then abandons cached rankings.
     */
    public RefreshResult refresh(boolean force) {
        Instant now = clock.instant();
        RefreshResult result = jdbi.inTransaction(h -> {
            RecommendationDao dao = h.attach(RecommendationDao.class);
            if (dao.claimCopurchaseRefresh(now, now.minus(refreshInterval), force) == 0) {
                return new RefreshResult(false, 0, dao.copurchaseRefreshedAt());
            }
            dao.clearCopurchases();
            int rows = dao.insertCopurchases(now.minus(lookback), KEEP_PER_PRODUCT, now);
            dao.recordRows(rows);
            return new RefreshResult(true, rows, now);
        });
        if (result.refreshed()) {
            cache.invalidateAll();
            LOG.info("co-purchase table rebuilt: {} product pairs", result.pairs());
        }
        return result;
    }

    private List<UUID> cached(String name, Supplier<List<UUID>> compute) {
        List<UUID> hit = cache.get(name);
        if (hit != null) {
            return hit;
        }
        List<UUID> ids = compute.get();
        cache.put(name, ids);
        return ids;
    }

    /** Active and in stock, not excluded, in ranked order, at most {@code limit}: three queries per list. */
    private List<ProductSummary> available(List<UUID> ranked, Set<UUID> excluded, int limit) {
        List<UUID> candidates = ranked.stream().filter(id -> !excluded.contains(id)).toList();
        return catalog.activeSummaries(candidates).stream()
                .filter(s -> !"out_of_stock".equals(s.availability().status()))
                .limit(limit).toList();
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.validation("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
