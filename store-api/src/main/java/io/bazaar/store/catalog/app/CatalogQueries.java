package io.bazaar.store.catalog.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.money.Money;
import io.bazaar.store.catalog.app.CatalogViews.CategoryNode;
import io.bazaar.store.catalog.app.CatalogViews.CompareRow;
import io.bazaar.store.catalog.app.CatalogViews.Comparison;
import io.bazaar.store.catalog.app.CatalogViews.FacetValue;
import io.bazaar.store.catalog.app.CatalogViews.Facets;
import io.bazaar.store.catalog.app.CatalogViews.ProductSummary;
import io.bazaar.store.catalog.app.CatalogViews.ProductView;
import io.bazaar.store.catalog.app.CatalogViews.SearchPage;
import io.bazaar.store.catalog.domain.SearchText;
import io.bazaar.store.catalog.persistence.CategoryDao;
import io.bazaar.store.catalog.persistence.ProductDao;
import io.bazaar.store.catalog.persistence.ProductDao.ProductRow;
import io.bazaar.store.catalog.persistence.ProductSearchDao;
import io.bazaar.store.catalog.persistence.ProductSearchDao.Filter;
import io.bazaar.store.catalog.persistence.ProductSearchDao.Hit;
import io.bazaar.store.catalog.persistence.ProductSearchDao.Sort;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What shoppers read: only active products, cached in Redis, answered from PostgreSQL on a miss.
 *
 * <p>Reads run on a plain handle, not in a transaction: under READ COMMITTED each statement sees its own
 * snapshot either way, and BEGIN/COMMIT would be two more round trips per miss.
 */
public final class CatalogQueries {
    public static final int DEFAULT_LIMIT = 24;
    public static final int MAX_LIMIT = 100;
    private static final int MAX_QUERY_WORDS = 8;

    private final Jdbi jdbi;
    private final CatalogCache cache;
    private final ObjectMapper mapper;
    private final ProductViews views;

    public CatalogQueries(Jdbi jdbi, CatalogCache cache, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.cache = cache;
        this.views = new ProductViews(mapper);
        this.mapper = mapper;
    }

    /** One active product (for features that need the view itself: reviews, questions). */
    public ProductView product(String idOrSlug) {
        checkKey(idOrSlug);
        CatalogCache.Slot<ProductView> slot = cache.lookup("product", idOrSlug, ProductView.class);
        if (slot.cached() != null) {
            return slot.cached();
        }
        ProductView view = load(idOrSlug);
        cache.store(slot, view, true);
        return view;
    }

    /**
     * The product page, as the JSON of its {@link ProductView}: a cache hit is served as the text it was stored as
     * (the cache's keys name the view's shape), a miss is written once, cached and served.
     */
    public String productJson(String idOrSlug) {
        checkKey(idOrSlug);
        CatalogCache.Slot<String> slot = cache.lookupJson("product", idOrSlug, ProductView.class);
        if (slot.cached() != null) {
            return slot.cached();
        }
        String json;
        try {
            json = mapper.writeValueAsString(load(idOrSlug));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalogue view not serialisable", e);
        }
        cache.storeJson(slot, json, true);
        return json;
    }

    private static void checkKey(String idOrSlug) {
        if (idOrSlug == null || idOrSlug.length() > 200) {
            throw ApiException.notFound("Product");
        }
    }

    private ProductView load(String idOrSlug) {
        return jdbi.withHandle(h -> {
            ProductDao dao = h.attach(ProductDao.class);
            Optional<UUID> id = Ids.parse(idOrSlug);
            Optional<ProductRow> row = id.isPresent() ? dao.findById(id.get()) : dao.findBySlug(idOrSlug);
            ProductRow p = row.filter(r -> "active".equals(r.status())).orElseThrow(() -> ApiException.notFound("Product"));
            return views.details(h, List.of(p), false).get(0);
        });
    }

    /**
     * Refreshes the "best selling" rank (units in paid, not cancelled orders placed in the last
     * {@code window}); cached list pages are dropped only when a rank changed.
     *
     * @return how many products changed rank data
     */
    public int refreshBestSellers(java.time.Instant now, java.time.Duration window) {
        int changed = jdbi.withExtension(ProductSearchDao.class, dao -> dao.refreshUnitsSold(now.minus(window)));
        if (changed > 0) {
            cache.invalidateAll();
        }
        return changed;
    }

    /**
     * Summaries of the given products that are active, in the order given (others left out): a few
     * queries however many ids. For features that rank products themselves (recommendations).
     */
    public List<ProductSummary> activeSummaries(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> {
            Set<UUID> active = new java.util.HashSet<>();
            h.attach(ProductDao.class).listByIds(ids.toArray(UUID[]::new)).stream()
                    .filter(r -> "active".equals(r.status())).forEach(r -> active.add(r.id()));
            return views.summaries(h, ids.stream().filter(active::contains).toList());
        });
    }

    /**
     * The catalogue cache generation (changes with every admin change), for caches elsewhere that derive
     * from catalogue data; null when Redis is unavailable (then do not cache).
     */
    public String cacheGeneration() {
        return cache.generation();
    }

    public List<CategoryNode> categories() {
        return ProductCatalogTrees.build(jdbi.withExtension(CategoryDao.class, CategoryDao::listAll));
    }

    /** A list page (no search words, no facets) or a search page, per {@link ListQuery#q()}. */
    public SearchPage list(ListQuery query, boolean search) {
        if (search && (query.q() == null || SearchText.normalize(query.q()).isEmpty())) {
            throw ApiException.validation("q", "is required: the words to search for");
        }
        CatalogCache.Slot<SearchPage> slot = cache.lookup(search ? "search" : "list",
                CatalogCache.hashed(query.canonical()), SearchPage.class);
        if (slot.cached() != null) {
            return slot.cached();
        }
        SearchPage page = jdbi.withHandle(h -> run(h, query, search));
        cache.store(slot, page, false);
        return page;
    }

    public Comparison compare(List<String> rawIds) {
        List<UUID> ids = new ArrayList<>();
        for (String raw : rawIds) {
            for (String part : raw.split(",")) {
                if (!part.isBlank()) {
                    ids.add(Ids.parse(part.strip()).orElseThrow(() -> ApiException.validation("ids", "must be product ids")));
                }
            }
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.size() < 2 || distinct.size() > 6) {
            throw ApiException.validation("ids", "must name 2 to 6 different products");
        }
        return jdbi.withHandle(h -> {
            Map<UUID, ProductRow> rows = new LinkedHashMap<>();
            h.attach(ProductDao.class).listByIds(distinct.toArray(UUID[]::new)).stream()
                    .filter(r -> "active".equals(r.status())).forEach(r -> rows.put(r.id(), r));
            for (UUID id : distinct) {
                if (!rows.containsKey(id)) {
                    throw ApiException.notFound("Product " + id);
                }
            }
            List<ProductSummary> summaries = views.summaries(h, distinct);
            Set<String> keys = new LinkedHashSet<>();
            List<Map<String, String>> attrs = distinct.stream().map(id -> views.map(rows.get(id).attributes())).toList();
            attrs.forEach(a -> keys.addAll(a.keySet()));
            List<CompareRow> compareRows = new ArrayList<>();
            compareRows.add(new CompareRow("brand", distinct.stream().map(id -> rows.get(id).brand()).toList()));
            for (String key : keys) {
                compareRows.add(new CompareRow(key, attrs.stream().map(a -> a.get(key)).toList()));
            }
            return new Comparison(summaries, compareRows);
        });
    }

    private SearchPage run(Handle h, ListQuery q, boolean search) {
        List<FieldError> errors = new ArrayList<>();
        int limit = q.limit() == null ? DEFAULT_LIMIT : q.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        Sort sort;
        String rawSort = q.sort() == null ? (search ? "relevance" : "newest") : q.sort();
        switch (rawSort) {
            case "newest" -> sort = Sort.NEWEST;
            case "price_asc" -> sort = Sort.PRICE_ASC;
            case "price_desc" -> sort = Sort.PRICE_DESC;
            case "relevance" -> sort = Sort.RELEVANCE;
            case "best_selling" -> sort = Sort.BEST_SELLING;
            default -> {
                sort = Sort.NEWEST;
                errors.add(new FieldError("sort", "must be newest, price_asc, price_desc, best_selling or relevance"));
            }
        }
        if (sort == Sort.RELEVANCE && !search) {
            errors.add(new FieldError("sort", "relevance needs search words: use /v1/search?q="));
        }
        boolean needsCurrency = q.minPrice() != null || q.maxPrice() != null
                || sort == Sort.PRICE_ASC || sort == Sort.PRICE_DESC;
        String currency = null;
        if (q.currency() != null) {
            try {
                currency = Money.currency(q.currency()).getCurrencyCode();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("currency", e.getMessage()));
            }
        } else if (needsCurrency) {
            errors.add(new FieldError("currency", "is required with a price filter or price sort"));
        }
        if (q.minPrice() != null && q.minPrice() < 0) {
            errors.add(new FieldError("min_price", "must not be negative"));
        }
        if (q.maxPrice() != null && q.minPrice() != null && q.maxPrice() < q.minPrice()) {
            errors.add(new FieldError("max_price", "must not be less than min_price"));
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        if (q.attributes() != null) {
            for (String a : q.attributes()) {
                int colon = a == null ? -1 : a.indexOf(':');
                if (colon < 1 || colon == a.length() - 1 || a.length() > 300) {
                    errors.add(new FieldError("attr", "must be key:value, e.g. attr=colour:red"));
                } else {
                    attributes.computeIfAbsent(a.substring(0, colon), k -> new ArrayList<>()).add(a.substring(colon + 1));
                }
            }
        }
        if (attributes.size() > 10) {
            errors.add(new FieldError("attr", "at most 10 different keys"));
        }
        if (q.tag() != null && (q.tag().isBlank() || q.tag().length() > 100)) {
            errors.add(new FieldError("tag", "must be 1 to 100 characters"));
        }
        List<UUID> categories = null;
        if (q.category() != null) {
            CategoryDao cats = h.attach(CategoryDao.class);
            Optional<UUID> id = Ids.parse(q.category()).or(() -> cats.findBySlug(q.category()).map(CategoryDao.CategoryRow::id));
            if (id.isEmpty() || cats.findById(id.get()).isEmpty()) {
                errors.add(new FieldError("category", "no such category"));
            } else {
                categories = cats.withDescendants(new UUID[] {id.get()});
            }
        }
        ListCursor after = ListCursor.decode(q.cursor(), sort);
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The request is not valid", errors);
        }
        List<String> words = new ArrayList<>();
        String tsQuery = search ? tsQuery(h, q.q(), words) : null;
        Filter filter = new Filter(categories, currency, q.minPrice(), q.maxPrice(), q.inStock(), attributes,
                q.tag() == null ? null : q.tag().strip().toLowerCase(Locale.ROOT), tsQuery, sort,
                after == null ? null : after.key(), after == null ? null : after.id());
        ProductSearchDao dao = h.attach(ProductSearchDao.class);
        // A search's first page comes with facet counts: one statement for both (one full-text match).
        ProductSearchDao.FirstPage first = search && after == null ? dao.firstPageWithFacets(filter, limit + 1, 25) : null;
        List<Hit> hits = first != null ? first.hits() : dao.search(filter, limit + 1);
        List<Hit> pageHits = hits.stream().limit(limit).toList();
        String next = hits.size() > limit
                ? new ListCursor(sort, pageHits.get(limit - 1).sortKey(), pageHits.get(limit - 1).id()).encode() : null;
        List<ProductSummary> data = first != null
                ? first.cards().stream().limit(limit).map(ProductViews::card).toList()
                : views.summaries(h, pageHits.stream().map(Hit::id).toList());
        Facets facets = null;
        if (first != null) {
            List<FacetValue> cats = new ArrayList<>();
            Map<String, List<FacetValue>> attrs = new LinkedHashMap<>();
            for (ProductSearchDao.FacetRow f : first.facets()) {
                if ("category".equals(f.facet())) {
                    cats.add(new FacetValue(f.value(), f.label(), f.count()));
                } else {
                    attrs.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(new FacetValue(f.value(), f.label(), f.count()));
                }
            }
            facets = new Facets(cats, attrs);
        }
        return new SearchPage(data, next, facets, search ? words : null);
    }

    /**
     * Builds the full-text query: every word must match. The last word is a prefix, as the customer may still be
     * typing it ("iph" finds "iphone"); an earlier word that is a whole indexed word matches that word only, as
     * search engines do by default (Algolia's prefixLast) — it also keeps the GIN lookup of a common word from
     * expanding to every word that starts with it. An earlier word that is not a whole word matches as a prefix. A
     * word that starts no indexed word is treated as a typo and replaced by its near neighbours in the lexicon
     * (trigram distance, confirmed by edit distance), so "iphnoe" searches "iphone". The lexicon is asked once for
     * all words.
     */
    private String tsQuery(Handle h, String raw, List<String> searched) {
        ProductSearchDao dao = h.attach(ProductSearchDao.class);
        List<String> words = SearchText.words(raw);
        if (words.size() > MAX_QUERY_WORDS) {
            words = words.subList(0, MAX_QUERY_WORDS);
        }
        Map<String, ProductSearchDao.WordCheck> known = new HashMap<>();
        String[] lexical = words.stream().filter(SearchText::lexiconWord).toArray(String[]::new);
        if (lexical.length > 0) {
            dao.checkWords(lexical).forEach(c -> known.put(c.word(), c));
        }
        List<String> clauses = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean last = i == words.size() - 1;
            ProductSearchDao.WordCheck check = known.get(w);
            Set<String> alternatives = new LinkedHashSet<>();
            alternatives.add(w);
            int budget = SearchText.typoBudget(w);
            if (budget > 0 && check != null && !check.prefixed()) {
                for (String near : dao.nearestWords(w, 10)) {
                    if (SearchText.editDistance(w, near) <= budget) {
                        alternatives.add(near);
                    }
                }
            }
            searched.addAll(alternatives);
            // Words are letters and digits only (SearchText splits on everything else): no tsquery syntax
            // can reach to_tsquery from user input.
            if (!last && check != null && check.whole()) {
                clauses.add(w);
            } else {
                clauses.add("(" + String.join(" | ", alternatives.stream().map(a -> a + ":*").toList()) + ")");
            }
        }
        return String.join(" & ", clauses);
    }

    /** Keyset position for any sort, bound to that sort so a cursor from another ordering is rejected. */
    record ListCursor(Sort sort, String key, UUID id) {
        String encode() {
            String raw = sort.name() + "|" + key + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static ListCursor decode(String encoded, Sort expected) {
            if (encoded == null || encoded.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|", -1);
                Sort sort = Sort.valueOf(parts[0]);
                UUID id = UUID.fromString(parts[2]);
                switch (sort) {
                    case NEWEST -> Instant.parse(parts[1]);
                    case PRICE_ASC, PRICE_DESC, BEST_SELLING -> Long.parseLong(parts[1]);
                    case RELEVANCE -> {
                        if (!Double.isFinite(Double.parseDouble(parts[1]))) {
                            throw new IllegalArgumentException();
                        }
                    }
                }
                if (parts.length != 3 || sort != expected) {
                    throw new IllegalArgumentException();
                }
                return new ListCursor(sort, parts[1], id);
            } catch (RuntimeException e) {
                throw new ApiException(ErrorCode.INVALID_CURSOR, "The cursor is not one this API issued for this sort");
            }
        }
    }

}
