package io.bazaar.crm.loyalty.web;

import io.bazaar.crm.loyalty.app.LoyaltyService;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/** Loyalty points: the customer's own balance and ledger, and the staff view with manual adjustments. */
public final class PointsResources {
    private PointsResources() {
    }

    public record AdjustPointsRequest(@NotNull Long delta, @NotBlank @Size(max = 500) String reason) {
    }

    public record BalanceResponse(UUID customerId, long balance) {
    }

    @Path("/v1/me/points")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Tag(name = "Loyalty")
    public static class MyPointsResource {
        private final LoyaltyService loyalty;

        public MyPointsResource(LoyaltyService loyalty) {
            this.loyalty = loyalty;
        }

        @GET
        @Operation(summary = "My points balance and ledger, newest first")
        public LoyaltyService.PointsSummary get(@Context SecurityContext security, @QueryParam("limit") Integer limit,
                                                @QueryParam("cursor") String cursor) {
            return loyalty.summary(Caller.customerId(security), Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
        }
    }

    @Path("/v1/admin/crm/customers/{customerId}/points")
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Tag(name = "Loyalty")
    public static class CustomerPointsResource {
        private final LoyaltyService loyalty;

        public CustomerPointsResource(LoyaltyService loyalty) {
            this.loyalty = loyalty;
        }

        @GET
        @RolesAllowed(Roles.SUPPORT)
        @Operation(summary = "A customer's points balance and ledger")
        public LoyaltyService.PointsSummary get(@PathParam("customerId") String customerId,
                                                @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
            return loyalty.summary(id(customerId), Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @RolesAllowed(Roles.MANAGER)
        @Operation(summary = "Add or remove points by hand, with a reason (manager)",
                description = "A negative delta that would take the balance below zero is 409 insufficient_points.")
        public BalanceResponse adjust(@Context SecurityContext security, @PathParam("customerId") String customerId,
                                      @NotNull @Valid AdjustPointsRequest request) {
            UUID id = id(customerId);
            return new BalanceResponse(id, loyalty.adjust(id, request.delta(), request.reason(), Caller.staffId(security)));
        }

        private static UUID id(String raw) {
            return Ids.parse(raw).orElseThrow(() -> ApiException.notFound("Customer"));
        }
    }
}
