package io.bazaar.crm.loyalty.web;

import io.bazaar.crm.loyalty.app.LoyaltyProgram;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The loyalty program over HTTP: my loyalty and referral, and the staff views of tiers and VIP suggestions. */
public final class LoyaltyProgramResources {
    private LoyaltyProgramResources() {
    }

    public record ClaimReferralRequest(@NotBlank @Size(max = 40) String code) {
    }

    @Path("/v1/me/loyalty")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Tag(name = "Loyalty")
    public static class MyLoyaltyResource {
        private final LoyaltyProgram program;

        public MyLoyaltyResource(LoyaltyProgram program) {
            this.program = program;
        }

        @GET
        @Operation(summary = "My points balance, tier, progress to the next tier, referral code and redemption rules")
        public LoyaltyProgram.MyLoyalty get(@Context SecurityContext security) {
            return program.myLoyalty(Caller.customerId(security));
        }
    }

    @Path("/v1/me/referral")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Tag(name = "Loyalty")
    public static class MyReferralResource {
        private final LoyaltyProgram program;

        public MyReferralResource(LoyaltyProgram program) {
            this.program = program;
        }

        @GET
        @Operation(summary = "My referral code (created at first look), how many friends joined and were rewarded")
        public LoyaltyProgram.ReferralView get(@Context SecurityContext security) {
            return program.referral(Caller.customerId(security));
        }

        @POST
        @Path("/claim")
        @Consumes(MediaType.APPLICATION_JSON)
        @Operation(summary = "Use a friend's referral code (new customers, before their first order)",
                description = "Gives a first-order discount; the friend gets points when that order is paid. Own code, "
                        + "a second code or a customer who already ordered: 409 referral_not_allowed.")
        public Response claim(@Context SecurityContext security, @NotNull @Valid ClaimReferralRequest request) {
            LoyaltyProgram.ReferralView view = program.claim(Caller.customerId(security), request.code());
            return Response.created(URI.create("/v1/me/referral")).entity(view).build();
        }
    }

    @Path("/v1/admin/crm/loyalty")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPPORT)
    @SecurityRequirement(name = "bearer")
    @Tag(name = "Loyalty")
    public static class AdminLoyaltyResource {
        private final LoyaltyProgram program;

        public AdminLoyaltyResource(LoyaltyProgram program) {
            this.program = program;
        }

        @GET
        @Path("/tiers")
        @Operation(summary = "The configured tiers (crm.loyalty.tiers in config.yml), lowest first")
        public List<LoyaltyProgram.TierView> tiers() {
            return program.tiers();
        }

        @GET
        @Path("/vip-suggestions")
        @Operation(summary = "Top-tier customers suggested for a dedicated account manager, newest first")
        public Page<LoyaltyProgram.VipSuggestion> vipSuggestions(@QueryParam("limit") Integer limit,
                                                                 @QueryParam("cursor") String cursor) {
            return program.vipSuggestions(Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
        }
    }

    @Path("/v1/admin/crm/customers/{customerId}/tier")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPPORT)
    @SecurityRequirement(name = "bearer")
    @Tag(name = "Loyalty")
    public static class CustomerTierResource {
        private final LoyaltyProgram program;

        public CustomerTierResource(LoyaltyProgram program) {
            this.program = program;
        }

        @GET
        @Operation(summary = "A customer's tier, 12-month net spend, progress and tier history (newest first)")
        public LoyaltyProgram.CustomerTier get(@PathParam("customerId") String customerId,
                                               @QueryParam("limit") Integer limit) {
            UUID id = Ids.parse(customerId).orElseThrow(() -> ApiException.notFound("Customer"));
            return program.customerTier(id, Cursor.limit(limit, 50, 200));
        }
    }
}
