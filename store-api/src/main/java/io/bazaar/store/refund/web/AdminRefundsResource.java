package io.bazaar.store.refund.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.refund.app.RefundService;
import io.bazaar.store.refund.app.RefundService.RefundView;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Goodwill refunds and the refund list of an order (failed attempts included). */
@Path("/v1/admin/refunds")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Refunds (staff)")
public class AdminRefundsResource {
    private final RefundService refunds;

    public AdminRefundsResource(RefundService refunds) {
        this.refunds = refunds;
    }

    /** Amount in minor units of the order's currency. */
    public record GoodwillRefundRequest(@NotBlank String orderId, @NotNull @Min(1) @Max(Long.MAX_VALUE) Long amount,
                                        @NotBlank @Size(max = 500) String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Grant a goodwill refund without a return (manager; reason required)",
            description = "Never more than captured minus refunded (409 refund_exceeds_captured), also under "
                    + "concurrent requests; an unpaid order is 409 order_not_paid.")
    public Response goodwill(@Auth AuthUser staff, @NotNull @Valid GoodwillRefundRequest request) {
        RefundView r = refunds.goodwill(staff.id(), id("Order", request.orderId()), request.amount(), request.reason());
        return Response.created(URI.create("/v1/admin/refunds/" + r.id())).entity(r).build();
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "The refunds of an order (?order_id=), failed ones with their failure")
    public List<RefundView> list(@QueryParam("order_id") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw ApiException.validation("order_id", "is required");
        }
        return refunds.forOrder(id("Order", orderId));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "One refund")
    public RefundView get(@PathParam("id") String id) {
        return refunds.get(id("Refund", id));
    }

    private static UUID id(String what, String raw) {
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound(what));
    }
}
