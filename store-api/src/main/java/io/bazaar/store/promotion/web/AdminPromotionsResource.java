package io.bazaar.store.promotion.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.promotion.app.PromotionService;
import io.bazaar.store.promotion.app.PromotionViews.PromotionView;
import io.bazaar.store.promotion.web.PromotionRequests.CreatePromotionRequest;
import io.bazaar.store.promotion.web.PromotionRequests.UpdatePromotionRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** Staff management of discount codes and automatic promotions: manager or admin. */
@Path("/v1/admin/promotions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MANAGER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Promotions (staff)")
public class AdminPromotionsResource {
    private final PromotionService promotions;

    public AdminPromotionsResource(PromotionService promotions) {
        this.promotions = promotions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a discount code or an automatic promotion",
            description = "kind: percentage (percent_off 1..100), fixed_amount (amount_off in minor units, currency "
                    + "required) or free_shipping. Optional: min_subtotal, min_quantity, starts_at/ends_at, "
                    + "usage_limit and per_customer_limit (codes only), product_ids/category_ids.")
    public Response create(@NotNull CreatePromotionRequest request) {
        PromotionView p = promotions.create(request.toDraft());
        return Response.created(URI.create("/v1/admin/promotions/" + p.id())).entity(p).build();
    }

    @GET
    @Operation(summary = "List promotions, newest first", description = "?active=true|false filters.")
    public Page<PromotionView> list(@QueryParam("active") String active, @QueryParam("limit") Integer limit,
                                    @QueryParam("cursor") String cursor) {
        Boolean filter = null;
        if (active != null) {
            if (!active.equals("true") && !active.equals("false")) {
                throw ApiException.validation("active", "must be true or false");
            }
            filter = Boolean.parseBoolean(active);
        }
        return promotions.list(filter, Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One promotion with its redemption count and version")
    public PromotionView get(@PathParam("id") String id) {
        return promotions.get(uuid(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a promotion",
            description = "Send the version you read; a stale one is 409 version_conflict. Absent fields stay. "
                    + "Code, kind, currency and automatic cannot change.")
    public PromotionView update(@PathParam("id") String id, @NotNull UpdatePromotionRequest request) {
        return promotions.update(uuid(id), request.toChanges());
    }

    @POST
    @Path("{id}/deactivation")
    @Operation(summary = "Deactivate a promotion",
            description = "Carts stop getting it at once; checkouts carrying its code answer 409 promotion_expired. "
                    + "Deactivating twice is harmless.")
    public PromotionView deactivate(@PathParam("id") String id) {
        return promotions.deactivate(uuid(id));
    }

    private static UUID uuid(String raw) {
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound("Promotion"));
    }
}
