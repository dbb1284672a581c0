package io.bazaar.store.catalog.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.catalog.app.CatalogService;
import io.bazaar.store.catalog.app.CatalogViews.CategoryNode;
import io.bazaar.store.catalog.app.CatalogViews.ProductView;
import io.bazaar.store.catalog.app.CatalogViews.StockLevel;
import io.bazaar.store.catalog.app.CatalogViews.StockMovementView;
import io.bazaar.store.catalog.app.ProductImporter;
import io.bazaar.store.catalog.web.CatalogRequests.CategoryRequest;
import io.bazaar.store.catalog.web.CatalogRequests.CreateProductRequest;
import io.bazaar.store.catalog.web.CatalogRequests.StockAdjustmentRequest;
import io.bazaar.store.catalog.web.CatalogRequests.UpdateProductRequest;
import io.bazaar.store.catalog.web.CatalogRequests.UpdateVariantRequest;
import io.bazaar.store.catalog.web.CatalogRequests.VariantRequest;
import io.bazaar.store.platform.idempotency.IdempotencyExempt;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Staff catalogue management: manager or admin. */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MANAGER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Catalogue (staff)")
public class AdminCatalogResource {
    /** The path whose body is streamed past the normal body-size limit (see BodyLimitFilter). */
    public static final String IMPORT_PATH = "/v1/admin/product-imports";

    private final CatalogService catalog;
    private final ProductImporter importer;

    public AdminCatalogResource(CatalogService catalog, ProductImporter importer) {
        this.catalog = catalog;
        this.importer = importer;
    }

    @POST
    @Path("categories")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a category", description = "Slug defaults to one derived from the name; parent_id makes it a sub-category.")
    public Response createCategory(@NotNull CategoryRequest request) {
        CategoryNode c = catalog.createCategory(request.toDraft());
        return Response.created(URI.create("/v1/categories/" + c.id())).entity(c).build();
    }

    @PATCH
    @Path("categories/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename, move or reorder a category", description = "A category cannot move under its own subtree.")
    public CategoryNode updateCategory(@PathParam("id") String id, @NotNull CategoryRequest request) {
        if (request.slug() != null) {
            throw ApiException.validation("slug", "cannot be changed: links and caches depend on it");
        }
        return catalog.updateCategory(uuid(id, "Category"), request.toDraft());
    }

    @GET
    @Path("categories")
    @Operation(summary = "The category tree")
    public List<CategoryNode> categories() {
        return catalog.categoryTree();
    }

    @POST
    @Path("products")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a product with its variants",
            description = "Status defaults to draft (invisible to shoppers). Opening stock is recorded in the ledger as 'received'.")
    public Response createProduct(@Auth AuthUser staff, @NotNull CreateProductRequest request) {
        ProductView p = catalog.createProduct(request.toDraft(), staff.id());
        return Response.created(URI.create("/v1/admin/products/" + p.id())).entity(p).build();
    }

    @GET
    @Path("products")
    @Operation(summary = "List products of any status, newest first", description = "Filter by status and by words in the title.")
    public Page<ProductView> listProducts(@QueryParam("status") String status, @QueryParam("q") String q,
                                         @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return catalog.listForStaff(status, q, Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    @GET
    @Path("products/{id}")
    @Operation(summary = "One product of any status, with stock on hand and version")
    public ProductView getProduct(@PathParam("id") String id) {
        return catalog.getForStaff(uuid(id, "Product"));
    }

    @PATCH
    @Path("products/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a product",
            description = "Send the version you read (in the body, or If-Match); a stale version is 409 version_conflict. Absent fields stay.")
    public ProductView updateProduct(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                     @NotNull UpdateProductRequest request) {
        UpdateProductRequest r = request;
        if (r.version() == null && ifMatch != null) {
            try {
                r = new UpdateProductRequest(Integer.parseInt(ifMatch.replace("\"", "").replace("W/", "").strip()),
                        r.title(), r.slug(), r.description(), r.status(), r.brand(), r.attributes(), r.imageUrls(),
                        r.categoryIds(), r.tags(), r.relatedProductIds(), r.deliveryMinDays(), r.deliveryMaxDays(),
                        r.earlyAccessUntil());
            } catch (NumberFormatException e) {
                throw ApiException.validation("If-Match", "must be the product version number");
            }
        }
        return catalog.updateProduct(uuid(id, "Product"), r.toChanges());
    }

    @POST
    @Path("products/{id}/archival")
    @Operation(summary = "Archive a product", description = "Hides it from shoppers at once; archiving twice is harmless.")
    public ProductView archive(@PathParam("id") String id) {
        return catalog.archiveProduct(uuid(id, "Product"));
    }

    @POST
    @Path("products/{id}/variants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a variant to a product")
    public Response addVariant(@Auth AuthUser staff, @PathParam("id") String id, @NotNull VariantRequest request) {
        ProductView p = catalog.addVariant(uuid(id, "Product"), request.toDraft(), staff.id());
        return Response.created(URI.create("/v1/admin/products/" + p.id())).entity(p).build();
    }

    @PATCH
    @Path("variants/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a variant's SKU, options, weight or prices",
            description = "prices, when given, replaces the whole price list. Stock changes go through stock-adjustments.")
    public ProductView updateVariant(@PathParam("id") String id, @NotNull UpdateVariantRequest request) {
        return catalog.updateVariant(uuid(id, "Variant"), request.toChanges());
    }

    @POST
    @Path("variants/{id}/stock-adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adjust stock on hand, recorded in the stock ledger",
            description = "reason: received (+), damaged (-), correction (±), sale (-), return (+). Stock never goes below zero: 409 out_of_stock.")
    public Response adjustStock(@Auth AuthUser staff, @PathParam("id") String id,
                                @NotNull StockAdjustmentRequest request) {
        StockLevel level = catalog.adjustStock(uuid(id, "Variant"), request.delta(), request.reason(), request.note(),
                staff.id());
        return Response.created(URI.create("/v1/admin/variants/" + id + "/stock-movements")).entity(level).build();
    }

    @GET
    @Path("variants/{id}/stock-movements")
    @Operation(summary = "The variant's stock ledger, newest first")
    public Page<StockMovementView> stockMovements(@PathParam("id") String id, @QueryParam("limit") Integer limit,
                                                  @QueryParam("cursor") String cursor) {
        return catalog.stockMovements(uuid(id, "Variant"), Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    @POST
    @Path("product-imports")
    @Consumes({"application/x-ndjson", "application/jsonl", "text/csv"})
    @IdempotencyExempt("the body is streamed, not buffered, so it cannot be hashed; rows are idempotent by slug and SKU")
    @Operation(summary = "Bulk import products from JSON lines or CSV",
            description = "Streamed row by row; each row commits on its own. The report lists every rejected row with its line number.")
    public ProductImporter.ImportReport importProducts(@Auth AuthUser staff,
                                                       @HeaderParam("Content-Type") String contentType,
                                                       InputStream body) {
        ProductImporter.Format format = contentType != null && contentType.toLowerCase().startsWith("text/csv")
                ? ProductImporter.Format.CSV : ProductImporter.Format.JSON_LINES;
        if (body == null) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The body is empty");
        }
        return importer.importFrom(body, format, staff.id());
    }

    private static UUID uuid(String raw, String what) {
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound(what));
    }
}
