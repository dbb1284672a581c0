package io.bazaar.store.catalog.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.shared.error.ApiException;
import io.bazaar.store.catalog.app.CatalogViews.CategoryNode;
import io.bazaar.store.catalog.app.ProductCommands.CategoryDraft;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo catalogue (a few hundred products, English and Persian) loaded on the first start of the
 * embedded default so a newcomer can browse at once. Loaded only when the catalogue is empty, so a
 * restart, or a shop that deleted the demo, is never re-seeded; slugs are unique, so even two
 * instances racing on first start cannot duplicate it.
 */
public final class DemoCatalogue {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCatalogue.class);
    static final String CATEGORIES = "/catalog/demo-categories.json";
    static final String PRODUCTS = "/catalog/demo-products.jsonl";

    private record DemoCategory(String slug, String name, String parentSlug) {
    }

    private final CatalogService catalog;
    private final ProductImporter importer;
    private final ObjectMapper mapper;

    public DemoCatalogue(CatalogService catalog, ProductImporter importer, ObjectMapper mapper) {
        this.catalog = catalog;
        this.importer = importer;
        this.mapper = mapper;
    }

    /** @return the import report, or null when the catalogue already had products */
    public ProductImporter.ImportReport loadIfEmpty() {
        if (!catalog.catalogueEmpty()) {
            return null;
        }
        try (InputStream cats = DemoCatalogue.class.getResourceAsStream(CATEGORIES);
             InputStream products = DemoCatalogue.class.getResourceAsStream(PRODUCTS)) {
            if (cats == null || products == null) {
                throw new IllegalStateException("demo catalogue resources missing from the jar");
            }
            Map<String, UUID> ids = new HashMap<>();
            catalog.categoryTree().stream().flatMap(ProductCatalogTrees::flatten).forEach(n -> ids.put(n.slug(), n.id()));
            for (DemoCategory c : mapper.readValue(cats, new TypeReference<List<DemoCategory>>() {
            })) {
                if (!ids.containsKey(c.slug())) {
                    try {
                        CategoryNode n = catalog.createCategory(new CategoryDraft(c.name(), c.slug(),
                                c.parentSlug() == null ? null : ids.get(c.parentSlug()), 0));
                        ids.put(n.slug(), n.id());
                    } catch (ApiException e) {
                        LOG.info("demo category {} not created: {}", c.slug(), e.getMessage());
                    }
                }
            }
            ProductImporter.ImportReport report = importer.importFrom(products, ProductImporter.Format.JSON_LINES, null);
            LOG.info("Loaded the demo catalogue: {} products ({} rows skipped)", report.accepted(), report.rejected());
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
