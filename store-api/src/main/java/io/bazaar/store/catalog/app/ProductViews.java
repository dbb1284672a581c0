package io.bazaar.store.catalog.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.store.catalog.app.CatalogViews.CategoryRef;
import io.bazaar.store.catalog.app.CatalogViews.DeliveryEstimate;
import io.bazaar.store.catalog.app.CatalogViews.PriceView;
import io.bazaar.store.catalog.app.CatalogViews.ProductSummary;
import io.bazaar.store.catalog.app.CatalogViews.ProductView;
import io.bazaar.store.catalog.app.CatalogViews.RelatedRef;
import io.bazaar.store.catalog.app.CatalogViews.VariantView;
import io.bazaar.store.catalog.domain.Availability;
import io.bazaar.store.catalog.persistence.CategoryDao;
import io.bazaar.store.catalog.persistence.ProductDao;
import io.bazaar.store.catalog.persistence.ProductDao.LinkRow;
import io.bazaar.store.catalog.persistence.ProductDao.PriceRow;
import io.bazaar.store.catalog.persistence.ProductDao.ProductRow;
import io.bazaar.store.catalog.persistence.ProductDao.VariantRow;
import io.bazaar.store.catalog.persistence.ProductSummaryQuery;
import io.bazaar.store.catalog.persistence.ProductSummaryQuery.SummaryRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Builds read models from rows, a few queries per page however many products it holds (no N+1). */
final class ProductViews {
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    ProductViews(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Map<String, String> map(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not a JSON object", e);
        }
    }

    String json(Map<String, String> map) {
        try {
            return mapper.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<ProductView> details(Handle h, List<ProductRow> products, boolean forStaff) {
        if (products.isEmpty()) {
            return List.of();
        }
        ProductDao dao = h.attach(ProductDao.class);
        UUID[] ids = products.stream().map(ProductRow::id).toArray(UUID[]::new);
        List<VariantRow> variants = dao.listVariants(ids);
        Map<UUID, List<PriceRow>> prices = dao.listPrices(variants.stream().map(VariantRow::id).toArray(UUID[]::new))
                .stream().collect(Collectors.groupingBy(PriceRow::variantId));
        Map<UUID, List<VariantRow>> variantsByProduct = variants.stream()
                .collect(Collectors.groupingBy(VariantRow::productId, LinkedHashMap::new, Collectors.toList()));
        Map<UUID, CategoryDao.CategoryRow> categories = h.attach(CategoryDao.class).listAll().stream()
                .collect(Collectors.toMap(CategoryDao.CategoryRow::id, Function.identity()));
        Map<UUID, List<UUID>> categoryLinks = group(dao.listCategoryLinks(ids));
        Map<UUID, List<UUID>> relatedLinks = group(dao.listRelatedLinks(ids));
        Map<UUID, ProductRow> related = dao.listByIds(relatedLinks.values().stream().flatMap(List::stream)
                .distinct().toArray(UUID[]::new)).stream().collect(Collectors.toMap(ProductRow::id, Function.identity()));
        Map<UUID, List<PriceRow>> productPrices = dao.listProductPrices(ids).stream()
                .collect(Collectors.groupingBy(PriceRow::variantId));
        Map<UUID, ProductDao.RatingRow> ratings = dao.listRatings(ids).stream()
                .collect(Collectors.toMap(ProductDao.RatingRow::productId, Function.identity()));

        List<ProductView> views = new ArrayList<>();
        for (ProductRow p : products) {
            List<VariantView> vs = new ArrayList<>();
            int totalStock = 0;
            for (VariantRow v : variantsByProduct.getOrDefault(p.id(), List.of())) {
                totalStock += v.stockOnHand();
                vs.add(new VariantView(v.id(), v.sku(), map(v.options()),
                        prices.getOrDefault(v.id(), List.of()).stream()
                                .map(r -> new PriceView(r.currency(), r.amount(), r.compareAtAmount())).toList(),
                        v.weightGrams(), Availability.of(v.stockOnHand()), forStaff ? v.stockOnHand() : null));
            }
            List<CategoryRef> cats = categoryLinks.getOrDefault(p.id(), List.of()).stream().map(categories::get)
                    .filter(c -> c != null).map(c -> new CategoryRef(c.id(), c.slug(), c.name())).toList();
            List<RelatedRef> rel = relatedLinks.getOrDefault(p.id(), List.of()).stream().map(related::get)
                    .filter(r -> r != null && (forStaff || "active".equals(r.status())))
                    .map(r -> new RelatedRef(r.id(), r.slug(), r.title())).toList();
            views.add(new ProductView(p.id(), p.slug(), p.title(), p.description(), p.status(), p.brand(),
                    map(p.attributes()), Arrays.asList(p.imageUrls()), cats, Arrays.asList(p.tags()), rel, vs,
                    priceFrom(productPrices.get(p.id())), Availability.of(totalStock),
                    delivery(p.deliveryMinDays(), p.deliveryMaxDays()), p.version(), p.publishedAt(), p.createdAt(),
                    p.updatedAt(), rating(ratings.get(p.id())), p.earlyAccessUntil()));
        }
        return views;
    }

    /** Summaries for a list page, in the order of {@code ids}. */
    List<ProductSummary> summaries(Handle h, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, SummaryRow> rows = new HashMap<>();
        for (SummaryRow r : ProductSummaryQuery.find(h.getConnection(), ids.toArray(UUID[]::new))) {
            rows.put(r.id(), r);
        }
        List<ProductSummary> out = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            SummaryRow p = rows.get(id);
            if (p != null) {
                out.add(card(p));
            }
        }
        return out;
    }

    static ProductSummary card(SummaryRow p) {
        List<PriceView> prices = new ArrayList<>(p.currencies().size());
        for (int i = 0; i < p.currencies().size(); i++) {
            prices.add(new PriceView(p.currencies().get(i), p.amounts().get(i), null));
        }
        return new ProductSummary(p.id(), p.slug(), p.title(), p.brand(), p.imageUrl(), prices,
                Availability.of(p.stockOnHand()), p.tags() == null ? List.of() : p.tags(), p.createdAt(),
                p.earlyAccessUntil());
    }

    private static CatalogViews.RatingView rating(ProductDao.RatingRow r) {
        return r == null ? CatalogViews.RatingView.NONE
                : CatalogViews.RatingView.of(r.count(), r.sum(), r.r1(), r.r2(), r.r3(), r.r4(), r.r5());
    }

    static DeliveryEstimate delivery(int min, int max) {
        String label = min == max ? "delivered in " + min + (min == 1 ? " day" : " days")
                : "delivered in " + min + "–" + max + " days";
        return new DeliveryEstimate(min, max, label);
    }

    private static List<PriceView> priceFrom(Collection<PriceRow> rows) {
        return rows == null ? List.of() : rows.stream().map(r -> new PriceView(r.currency(), r.amount(), null)).toList();
    }

    private static Map<UUID, List<UUID>> group(List<LinkRow> links) {
        return links.stream().collect(Collectors.groupingBy(LinkRow::productId, LinkedHashMap::new,
                Collectors.mapping(LinkRow::otherId, Collectors.toList())));
    }
}
