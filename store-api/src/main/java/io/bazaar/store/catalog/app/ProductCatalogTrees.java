package io.bazaar.store.catalog.app;

import io.bazaar.store.catalog.app.CatalogViews.CategoryNode;
import io.bazaar.store.catalog.persistence.CategoryDao.CategoryRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Turns the flat category table into a tree. */
final class ProductCatalogTrees {
    private ProductCatalogTrees() {
    }

    static List<CategoryNode> build(List<CategoryRow> rows) {
        Map<UUID, List<CategoryRow>> byParent = new LinkedHashMap<>();
        for (CategoryRow r : rows) {
            byParent.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r);
        }
        return children(null, byParent);
    }

    private static List<CategoryNode> children(UUID parent, Map<UUID, List<CategoryRow>> byParent) {
        return byParent.getOrDefault(parent, List.of()).stream()
                .map(r -> new CategoryNode(r.id(), r.slug(), r.name(), r.position(), children(r.id(), byParent)))
                .toList();
    }

    static Stream<CategoryNode> flatten(CategoryNode n) {
        return Stream.concat(Stream.of(n), n.children().stream().flatMap(ProductCatalogTrees::flatten));
    }
}
