package io.bazaar.store.catalog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.catalog.app.CatalogViews.CategoryNode;
import io.bazaar.store.catalog.app.CatalogViews.ProductView;
import io.bazaar.store.catalog.app.CatalogViews.StockLevel;
import io.bazaar.store.catalog.app.CatalogViews.StockMovementView;
import io.bazaar.store.catalog.app.ProductCommands.CategoryDraft;
import io.bazaar.store.catalog.app.ProductCommands.PriceDraft;
import io.bazaar.store.catalog.app.ProductCommands.ProductChanges;
import io.bazaar.store.catalog.app.ProductCommands.ProductDraft;
import io.bazaar.store.catalog.app.ProductCommands.VariantChanges;
import io.bazaar.store.catalog.app.ProductCommands.VariantDraft;
import io.bazaar.store.catalog.domain.ProductStatus;
import io.bazaar.store.catalog.domain.SearchText;
import io.bazaar.store.catalog.domain.Slugs;
import io.bazaar.store.catalog.domain.StockReason;
import io.bazaar.store.catalog.persistence.CategoryDao;
import io.bazaar.store.catalog.persistence.ProductDao;
import io.bazaar.store.catalog.persistence.ProductDao.ProductRow;
import io.bazaar.store.catalog.persistence.ProductDao.VariantRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Staff-side catalogue changes. Every change invalidates the read cache before returning. */
public final class CatalogService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Outbox outbox;
    private final CatalogCache cache;
    private final ProductViews views;

    public CatalogService(Jdbi jdbi, Clock clock, Outbox outbox, CatalogCache cache, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.outbox = outbox;
        this.cache = cache;
        this.views = new ProductViews(mapper);
    }

    // ---- categories ----

    public CategoryNode createCategory(CategoryDraft draft) {
        ProductValidator v = new ProductValidator();
        v.text("name", draft.name(), true, 200);
        String slug = draft.slug() == null && draft.name() != null ? Slugs.fromTitle(draft.name()) : draft.slug();
        v.slug("slug", slug);
        throwIfInvalid(v);
        UUID id = Ids.newId();
        CategoryNode created = jdbi.inTransaction(h -> {
            CategoryDao dao = h.attach(CategoryDao.class);
            if (draft.parentId() != null && dao.findById(draft.parentId()).isEmpty()) {
                throw ApiException.validation("parent_id", "no such category");
            }
            if (dao.insert(id, draft.parentId(), draft.name().strip(), slug,
                    draft.position() == null ? 0 : draft.position(), clock.instant()) == 0) {
                throw new ApiException(ErrorCode.SLUG_TAKEN, "A category with slug '" + slug + "' already exists",
                        List.of(new FieldError("slug", "is already used")));
            }
            return new CategoryNode(id, slug, draft.name().strip(), draft.position() == null ? 0 : draft.position(),
                    List.of());
        });
        cache.invalidateAll();
        return created;
    }

    public CategoryNode updateCategory(UUID id, CategoryDraft changes) {
        ProductValidator v = new ProductValidator();
        v.text("name", changes.name(), false, 200);
        throwIfInvalid(v);
        jdbi.useTransaction(h -> {
            CategoryDao dao = h.attach(CategoryDao.class);
            CategoryDao.CategoryRow c = dao.findById(id).orElseThrow(() -> ApiException.notFound("Category"));
            UUID parent = changes.parentId() == null ? c.parentId() : changes.parentId();
            if (changes.parentId() != null && (dao.findById(parent).isEmpty() || dao.isSelfOrDescendant(id, parent))) {
                throw ApiException.validation("parent_id", "must be an existing category outside this one's subtree");
            }
            dao.update(id, changes.name() == null ? c.name() : changes.name().strip(), parent,
                    changes.position() == null ? c.position() : changes.position(), clock.instant());
        });
        cache.invalidateAll();
        return categoryTree().stream().flatMap(ProductCatalogTrees::flatten).filter(n -> n.id().equals(id))
                .findFirst().orElseThrow();
    }

    public List<CategoryNode> categoryTree() {
        return ProductCatalogTrees.build(jdbi.withExtension(CategoryDao.class, CategoryDao::listAll));
    }

    // ---- products ----

    public ProductView createProduct(ProductDraft draft, UUID staffId) {
        ProductView view = jdbi.inTransaction(h -> load(h, insertProduct(h, draft, staffId)));
        cache.invalidateAll();
        return view;
    }

    /**
     * Creates many products in one transaction (all or none) and invalidates the cache once: the
     * synthetic-catalogue generator's path, where a per-product transaction, re-read and cache bump
     * cost more than the inserts themselves. Same validation, ledger, search index and events.
     */
    public List<UUID> createProducts(List<ProductDraft> drafts, UUID staffId) {
        List<UUID> ids = jdbi.inTransaction(h -> {
            List<UUID> created = new ArrayList<>();
            for (ProductDraft draft : drafts) {
                created.add(insertProduct(h, draft, staffId));
            }
            return created;
        });
        cache.invalidateAll();
        return ids;
    }

    private UUID insertProduct(Handle h, ProductDraft draft, UUID staffId) {
        ProductValidator v = new ProductValidator();
        v.text("title", draft.title(), true, 300);
        v.slug("slug", draft.slug());
        v.text("description", draft.description(), false, 20_000);
        v.status("status", draft.status());
        v.text("brand", draft.brand(), false, 200);
        v.stringMap("attributes", draft.attributes(), 100);
        v.imageUrls("image_urls", draft.imageUrls());
        v.tags("tags", draft.tags());
        v.delivery(draft.deliveryMinDays(), draft.deliveryMaxDays());
        v.variants(draft.variants());
        Instant earlyAccessUntil = v.instant("early_access_until", draft.earlyAccessUntil());
        throwIfInvalid(v);

        UUID id = Ids.newId();
        String slug = draft.slug() != null ? draft.slug() : Slugs.fromTitle(draft.title());
        ProductStatus status = draft.status() == null ? ProductStatus.DRAFT : ProductStatus.parse(draft.status());
        Instant now = clock.instant();
        int minDays = draft.deliveryMinDays() == null ? 2 : draft.deliveryMinDays();
        int maxDays = draft.deliveryMaxDays() == null ? Math.max(minDays, 5) : draft.deliveryMaxDays();
        List<String> tags = normalizedTags(draft.tags());
        ProductDao dao = h.attach(ProductDao.class);
        List<UUID> categoryIds = resolveCategories(h, draft.categoryIds(), draft.categorySlugs());
        List<UUID> related = checkRelated(h, id, draft.relatedProductIds());
        Map<String, String> attributes = draft.attributes() == null ? Map.of() : draft.attributes();
        String searchBody = searchBody(draft.brand(), draft.description(), tags, attributes, List.of());
        if (dao.insertProduct(id, slug, draft.title().strip(), nullToEmpty(draft.description()), status.value(),
                blankToNull(draft.brand()), views.json(attributes), array(draft.imageUrls()),
                tags.toArray(String[]::new), minDays, maxDays, SearchText.normalize(draft.title()), searchBody,
                status == ProductStatus.ACTIVE ? now : null, now, earlyAccessUntil) == 0) {
            throw new ApiException(ErrorCode.SLUG_TAKEN, "A product with slug '" + slug + "' already exists",
                    List.of(new FieldError("slug", "is already used")));
        }
        dao.insertCategories(id, categoryIds);
        dao.insertRelated(id, related, IntStream.range(0, related.size()).boxed().toList());
        List<VariantDraft> variants = draft.variants() == null ? List.of() : draft.variants();
        for (int i = 0; i < variants.size(); i++) {
            insertVariant(h, id, variants.get(i), "variants[" + i + "].", staffId, now);
        }
        reindex(h, id);
        if (status == ProductStatus.ACTIVE) {
            outbox.append(h, "product.published", "product", id.toString(), Map.of("product_id", id, "slug", slug));
        }
        return id;
    }

    public ProductView updateProduct(UUID id, ProductChanges c) {
        ProductValidator v = new ProductValidator();
        if (c.version() == null) {
            v.add("version", "is required: send the version you last read");
        }
        if (c.title() != null) {
            v.text("title", c.title(), true, 300);
        }
        v.slug("slug", c.slug());
        v.text("description", c.description(), false, 20_000);
        v.status("status", c.status());
        v.text("brand", c.brand(), false, 200);
        v.stringMap("attributes", c.attributes(), 100);
        v.imageUrls("image_urls", c.imageUrls());
        v.tags("tags", c.tags());
        v.delivery(c.deliveryMinDays(), c.deliveryMaxDays());
        Instant earlyAccessUntil = v.instant("early_access_until", c.earlyAccessUntil());
        throwIfInvalid(v);
        ProductView view = jdbi.inTransaction(h -> {
            ProductDao dao = h.attach(ProductDao.class);
            ProductRow p = dao.findById(id).orElseThrow(() -> ApiException.notFound("Product"));
            if (p.version() != c.version()) {
                throw versionConflict(p.version());
            }
            String slug = c.slug() == null ? p.slug() : c.slug();
            if (!slug.equals(p.slug()) && dao.slugUsedByOther(slug, id)) {
                throw new ApiException(ErrorCode.SLUG_TAKEN, "A product with slug '" + slug + "' already exists",
                        List.of(new FieldError("slug", "is already used")));
            }
            String title = c.title() == null ? p.title() : c.title().strip();
            String description = c.description() == null ? p.description() : c.description();
            String brand = c.brand() == null ? p.brand() : blankToNull(c.brand());
            String status = c.status() == null ? p.status() : c.status();
            Map<String, String> attributes = c.attributes() == null ? views.map(p.attributes()) : c.attributes();
            List<String> tags = c.tags() == null ? List.of(p.tags()) : normalizedTags(c.tags());
            String[] images = c.imageUrls() == null ? p.imageUrls() : array(c.imageUrls());
            int minDays = c.deliveryMinDays() == null ? p.deliveryMinDays() : c.deliveryMinDays();
            int maxDays = c.deliveryMaxDays() == null ? p.deliveryMaxDays() : c.deliveryMaxDays();
            if (minDays > maxDays) {
                throw ApiException.validation("delivery_max_days", "must not be less than delivery_min_days");
            }
            if (c.categoryIds() != null) {
                List<UUID> cats = resolveCategories(h, c.categoryIds(), null);
                dao.deleteCategories(id);
                dao.insertCategories(id, cats);
            }
            if (c.relatedProductIds() != null) {
                List<UUID> related = checkRelated(h, id, c.relatedProductIds());
                dao.deleteRelated(id);
                dao.insertRelated(id, related, IntStream.range(0, related.size()).boxed().toList());
            }
            Instant now = clock.instant();
            int updated = dao.updateProduct(id, c.version(), slug, title, description, status, brand,
                    views.json(attributes), images, tags.toArray(String[]::new), minDays, maxDays,
                    SearchText.normalize(title), searchBody(brand, description, tags, attributes, List.of()),
                    "active".equals(status) ? now : null, now,
                    c.earlyAccessUntilSent() ? earlyAccessUntil : p.earlyAccessUntil());
            if (updated == 0) {
                // Someone updated between our read and write (the read above saw the old version).
                throw versionConflict(dao.findById(id).map(ProductRow::version).orElse(-1));
            }
            reindex(h, id);
            if ("active".equals(status) && !"active".equals(p.status())) {
                outbox.append(h, "product.published", "product", id.toString(), Map.of("product_id", id, "slug", slug));
            }
            return load(h, id);
        });
        cache.invalidateAll();
        return view;
    }

    /** Archiving hides the product from shoppers and keeps it for order history; archiving twice is harmless. */
    public ProductView archiveProduct(UUID id) {
        ProductView view = jdbi.inTransaction(h -> {
            int n = h.createUpdate("""
                    UPDATE product SET status = 'archived', version = version + 1, updated_at = :now
                    WHERE id = :id AND status <> 'archived'
                    """).bind("id", id).bind("now", clock.instant()).execute();
            if (n == 0 && h.attach(ProductDao.class).findById(id).isEmpty()) {
                throw ApiException.notFound("Product");
            }
            return load(h, id);
        });
        cache.invalidateAll();
        return view;
    }

    public ProductView getForStaff(UUID id) {
        return jdbi.inTransaction(h -> load(h, id));
    }

    public Page<ProductView> listForStaff(String status, String query, Cursor cursor, int limit) {
        if (status != null) {
            try {
                ProductStatus.parse(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("status", e.getMessage());
            }
        }
        String normalized = SearchText.normalize(query);
        return jdbi.inTransaction(h -> {
            List<ProductRow> rows = h.attach(ProductDao.class).listForAdmin(status,
                    normalized.isEmpty() ? null : "%" + normalized.replace("\\", "").replace("%", "").replace("_", "") + "%",
                    cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1);
            List<ProductRow> page = rows.stream().limit(limit).toList();
            String next = rows.size() > limit
                    ? new Cursor(page.get(limit - 1).createdAt(), page.get(limit - 1).id()).encode() : null;
            return new Page<>(views.details(h, page, true), next);
        });
    }

    // ---- variants and prices ----

    public ProductView addVariant(UUID productId, VariantDraft draft, UUID staffId) {
        ProductValidator v = new ProductValidator();
        v.variant("", draft.sku(), true, draft.options(), draft.prices(), draft.weightGrams());
        if (draft.stockOnHand() != null && draft.stockOnHand() < 0) {
            v.add("stock_on_hand", "must not be negative");
        }
        throwIfInvalid(v);
        ProductView view = jdbi.inTransaction(h -> {
            if (h.attach(ProductDao.class).findById(productId).isEmpty()) {
                throw ApiException.notFound("Product");
            }
            insertVariant(h, productId, draft, "", staffId, clock.instant());
            h.attach(ProductDao.class).touch(productId, clock.instant());
            reindex(h, productId);
            return load(h, productId);
        });
        cache.invalidateAll();
        return view;
    }

    public ProductView updateVariant(UUID variantId, VariantChanges c) {
        ProductValidator v = new ProductValidator();
        v.variant("", c.sku(), false, c.options(), c.prices(), c.weightGrams());
        throwIfInvalid(v);
        ProductView view = jdbi.inTransaction(h -> {
            ProductDao dao = h.attach(ProductDao.class);
            VariantRow row = dao.findVariant(variantId).orElseThrow(() -> ApiException.notFound("Variant"));
            String sku = c.sku() == null ? row.sku() : c.sku();
            if (!sku.equals(row.sku()) && dao.skuUsedByOther(sku, variantId)) {
                throw skuTaken("sku", sku);
            }
            Instant now = clock.instant();
            dao.updateVariant(variantId, sku, c.options() == null ? row.options() : views.json(c.options()),
                    c.weightGrams() == null ? row.weightGrams() : c.weightGrams(), now);
            if (c.prices() != null) {
                dao.deletePrices(variantId);
                insertPrices(dao, variantId, c.prices(), now);
                dao.refreshProductPrices(row.productId());
            }
            dao.touch(row.productId(), now);
            reindex(h, row.productId());
            return load(h, row.productId());
        });
        cache.invalidateAll();
        return view;
    }

    // ---- stock ----

    /**
     * Changes stock on hand and records why, in one transaction: the conditional UPDATE refuses to go
     * below zero (409 out_of_stock), and the ledger row carries the resulting level.
     */
    public StockLevel adjustStock(UUID variantId, Integer delta, String reason, String note, UUID staffId) {
        ProductValidator v = new ProductValidator();
        StockReason r = null;
        try {
            r = StockReason.parse(reason);
        } catch (IllegalArgumentException e) {
            v.add("reason", e.getMessage());
        }
        if (delta == null) {
            v.add("delta", "is required");
        } else if (r != null && r.problemWith(delta) != null) {
            v.add("delta", r.problemWith(delta));
        }
        v.text("note", note, false, 1000);
        throwIfInvalid(v);
        StockReason why = r;
        StockLevel level = jdbi.inTransaction(h -> {
            ProductDao dao = h.attach(ProductDao.class);
            VariantRow row = dao.findVariant(variantId).orElseThrow(() -> ApiException.notFound("Variant"));
            StockMovementView m = move(h, variantId, delta, why, note, staffId, clock.instant());
            outbox.append(h, "stock.adjusted", "variant", variantId.toString(), Map.of("variant_id", variantId,
                    "product_id", row.productId(), "sku", row.sku(), "delta", delta, "reason", why.value(),
                    "stock_on_hand", m.stockAfter()));
            return new StockLevel(variantId, row.sku(), m.stockAfter(), m);
        });
        cache.invalidateAll();
        return level;
    }

    public Page<StockMovementView> stockMovements(UUID variantId, Cursor cursor, int limit) {
        return jdbi.inTransaction(h -> {
            ProductDao dao = h.attach(ProductDao.class);
            dao.findVariant(variantId).orElseThrow(() -> ApiException.notFound("Variant"));
            List<ProductDao.MovementRow> rows = dao.listMovements(variantId, cursor == null ? null : cursor.at(),
                    cursor == null ? null : cursor.id(), limit + 1);
            List<StockMovementView> page = rows.stream().limit(limit).map(CatalogService::movement).toList();
            String next = rows.size() > limit
                    ? new Cursor(page.get(limit - 1).createdAt(), page.get(limit - 1).id()).encode() : null;
            return new Page<>(page, next);
        });
    }

    /**
     * Something shown on product pages changed outside the catalogue (a review's rating was approved,
     * rejected or edited): abandons every cached page. Call after the change commits and before the call
     * that made it returns, like the admin changes here.
     */
    public void productPagesChanged() {
        cache.invalidateAll();
    }

    public boolean catalogueEmpty() {
        return !jdbi.withExtension(ProductDao.class, ProductDao::anyProduct);
    }

    // ---- helpers ----

    private StockMovementView move(Handle h, UUID variantId, int delta, StockReason reason, String note, UUID staffId,
                                   Instant now) {
        UUID id = Ids.newId();
        String cleanNote = blankToNull(note);
        int after = h.attach(ProductDao.class).moveStock(id, variantId, delta, reason.value(), cleanNote, staffId, now)
                .orElseThrow(() -> new ApiException(ErrorCode.OUT_OF_STOCK,
                        "Removing " + Math.abs(delta) + " would take stock on hand below zero"));
        return new StockMovementView(id, variantId, delta, reason.value(), cleanNote, after, staffId, now);
    }

    private static StockMovementView movement(ProductDao.MovementRow r) {
        return new StockMovementView(r.id(), r.variantId(), r.delta(), r.reason(), r.note(), r.stockAfter(),
                r.createdBy(), r.createdAt());
    }

    private void insertVariant(Handle h, UUID productId, VariantDraft d, String fieldPrefix, UUID staffId, Instant now) {
        ProductDao dao = h.attach(ProductDao.class);
        UUID variantId = Ids.newId();
        if (dao.insertVariant(variantId, productId, d.sku(), views.json(d.options()), d.weightGrams(), now) == 0) {
            throw skuTaken(fieldPrefix + "sku", d.sku());
        }
        insertPrices(dao, variantId, d.prices() == null ? List.of() : d.prices(), now);
        dao.refreshProductPrices(productId);
        if (d.stockOnHand() != null && d.stockOnHand() > 0) {
            // Opening stock goes through the ledger too, so the ledger sum equals stock on hand from the start.
            move(h, variantId, d.stockOnHand(), StockReason.RECEIVED, "opening stock", staffId, now);
        }
    }

    private static void insertPrices(ProductDao dao, UUID variantId, List<PriceDraft> prices, Instant now) {
        dao.insertPrices(variantId, prices.stream().map(PriceDraft::currency).toList(),
                prices.stream().map(PriceDraft::amount).toList(),
                prices.stream().map(PriceDraft::compareAtAmount).toList(), now);
    }

    /** Refreshes the search text (variant SKUs and options are searchable too) and the typo lexicon. */
    private void reindex(Handle h, UUID productId) {
        ProductDao dao = h.attach(ProductDao.class);
        ProductRow p = dao.findById(productId).orElseThrow();
        List<String> variantText = new ArrayList<>();
        for (VariantRow v : dao.listVariants(new UUID[] {productId})) {
            variantText.add(v.sku());
            variantText.addAll(views.map(v.options()).values());
        }
        String body = searchBody(p.brand(), p.description(), List.of(p.tags()), views.map(p.attributes()), variantText);
        dao.updateSearchBody(productId, body);
        // Sorted, so concurrent writers insert shared words in the same order and never deadlock.
        Set<String> words = new TreeSet<>(SearchText.words(p.title() + " " + body));
        words.removeIf(w -> !SearchText.lexiconWord(w));
        if (!words.isEmpty()) {
            dao.insertWords(List.copyOf(words));
        }
    }

    private static String searchBody(String brand, String description, List<String> tags, Map<String, String> attributes,
                                     List<String> variantText) {
        StringBuilder sb = new StringBuilder();
        if (brand != null) {
            sb.append(brand).append(' ');
        }
        tags.forEach(t -> sb.append(t).append(' '));
        attributes.values().forEach(a -> sb.append(a).append(' '));
        variantText.forEach(t -> sb.append(t).append(' '));
        if (description != null) {
            sb.append(description.length() > 5000 ? description.substring(0, 5000) : description);
        }
        return SearchText.normalize(sb.toString());
    }

    private List<UUID> resolveCategories(Handle h, List<UUID> ids, List<String> slugs) {
        CategoryDao dao = h.attach(CategoryDao.class);
        Set<UUID> out = new LinkedHashSet<>();
        if (ids != null) {
            if (ids.stream().anyMatch(Objects::isNull)) {
                throw ApiException.validation("category_ids", "must not contain null");
            }
            Set<UUID> found = new java.util.HashSet<>(dao.existing(ids.toArray(UUID[]::new)));
            for (int i = 0; i < ids.size(); i++) {
                if (!found.contains(ids.get(i))) {
                    throw ApiException.validation("category_ids[" + i + "]", "no such category");
                }
            }
            out.addAll(ids);
        }
        if (slugs != null) {
            for (int i = 0; i < slugs.size(); i++) {
                int at = i;
                out.add(dao.findBySlug(Objects.requireNonNullElse(slugs.get(i), "")).map(CategoryDao.CategoryRow::id)
                        .orElseThrow(() -> ApiException.validation("category_slugs[" + at + "]", "no such category")));
            }
        }
        return List.copyOf(out);
    }

    private static List<UUID> checkRelated(Handle h, UUID self, List<UUID> related) {
        if (related == null || related.isEmpty()) {
            return List.of();
        }
        if (related.stream().anyMatch(Objects::isNull) || related.contains(self)) {
            throw ApiException.validation("related_product_ids", "must be other existing products");
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(related));
        if (h.attach(ProductDao.class).existing(distinct.toArray(UUID[]::new)).size() != distinct.size()) {
            throw ApiException.validation("related_product_ids", "must be other existing products");
        }
        return distinct;
    }

    private ProductView load(Handle h, UUID id) {
        ProductRow row = h.attach(ProductDao.class).findById(id).orElseThrow(() -> ApiException.notFound("Product"));
        return views.details(h, List.of(row), true).get(0);
    }

    private static ApiException versionConflict(int current) {
        return new ApiException(ErrorCode.VERSION_CONFLICT,
                "The product was changed by someone else (current version " + current + "); reload it and retry",
                List.of(new FieldError("version", "is stale; current version is " + current)));
    }

    private static ApiException skuTaken(String field, String sku) {
        return new ApiException(ErrorCode.SKU_TAKEN, "A variant with SKU '" + sku + "' already exists",
                List.of(new FieldError(field, "is already used")));
    }

    private static void throwIfInvalid(ProductValidator v) {
        if (!v.errors().isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The request is not valid", v.errors());
        }
    }

    private static List<String> normalizedTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(tags.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList()));
    }

    private static String[] array(List<String> l) {
        return l == null ? new String[0] : l.toArray(String[]::new);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
