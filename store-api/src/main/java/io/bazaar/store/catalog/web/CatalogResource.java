package io.bazaar.store.catalog.web;

import io.bazaar.store.catalog.app.CatalogQueries;
import io.bazaar.store.catalog.app.CatalogViews.CategoryNode;
import io.bazaar.store.catalog.app.CatalogViews.Comparison;
import io.bazaar.store.catalog.app.CatalogViews.ProductSummary;
import io.bazaar.store.catalog.app.CatalogViews.ProductView;
import io.bazaar.store.catalog.app.CatalogViews.SearchPage;
import io.bazaar.store.catalog.app.ListQuery;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The public, anonymous catalogue: only active products. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue")
public class CatalogResource {
    private final CatalogQueries queries;

    public CatalogResource(CatalogQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("categories")
    @Operation(summary = "The category tree")
    public List<CategoryNode> categories() {
        return queries.categories();
    }

    @GET
    @Path("products")
    @Operation(summary = "List active products",
            description = "Filters: category (id or slug, includes sub-categories), currency with min_price/max_price "
                    + "(minor units), in_stock, attr=key:value (repeatable), tag. Sorts: newest (default), price_asc, "
                    + "price_desc (need currency). Keyset pagination with limit and cursor.")
    public Page<ProductSummary> list(@QueryParam("category") String category, @QueryParam("currency") String currency,
                                     @QueryParam("min_price") String minPrice, @QueryParam("max_price") String maxPrice,
                                     @QueryParam("in_stock") String inStock, @QueryParam("attr") List<String> attributes,
                                     @QueryParam("tag") String tag, @QueryParam("sort") String sort,
                                     @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        SearchPage page = queries.list(new ListQuery(null, category, currency, QueryParams.longParam("min_price", minPrice),
                QueryParams.longParam("max_price", maxPrice), QueryParams.bool("in_stock", inStock), attributes, tag, sort,
                cursor, QueryParams.intParam("limit", limit)), false);
        return new Page<>(page.data(), page.nextCursor());
    }

    @GET
    @Path("search")
    @Operation(summary = "Full-text search over active products",
            description = "Ranked by relevance (or any list sort); prefix matching, typo tolerance and Persian/Arabic "
                    + "normalisation. Same filters as /v1/products. The first page carries facet counts.")
    public SearchPage search(@QueryParam("q") String q, @QueryParam("category") String category,
                             @QueryParam("currency") String currency, @QueryParam("min_price") String minPrice,
                             @QueryParam("max_price") String maxPrice, @QueryParam("in_stock") String inStock,
                             @QueryParam("attr") List<String> attributes, @QueryParam("tag") String tag,
                             @QueryParam("sort") String sort, @QueryParam("limit") String limit,
                             @QueryParam("cursor") String cursor) {
        if (q != null && q.length() > 200) {
            throw io.bazaar.shared.error.ApiException.validation("q", "must be at most 200 characters");
        }
        return queries.list(new ListQuery(q, category, currency, QueryParams.longParam("min_price", minPrice),
                QueryParams.longParam("max_price", maxPrice), QueryParams.bool("in_stock", inStock), attributes, tag, sort,
                cursor, QueryParams.intParam("limit", limit)), true);
    }

    @GET
    @Path("products/compare")
    @Operation(summary = "Compare 2 to 6 products side by side", description = "ids=a,b,c; attributes aligned in rows.")
    public Comparison compare(@QueryParam("ids") List<String> ids) {
        return queries.compare(ids);
    }

    @GET
    @Path("products/{idOrSlug}")
    @Operation(summary = "One active product by id or slug",
            description = "Variants, prices, availability (in_stock, low_stock 'only N left', out_of_stock) and delivery estimate.",
            responses = @ApiResponse(responseCode = "200", description = "The product",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductView.class))))
    public Response product(@PathParam("idOrSlug") String idOrSlug) {
        // The view's JSON as the catalogue cache holds it: not read into a ProductView to be written again.
        return Response.ok(queries.productJson(idOrSlug), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
