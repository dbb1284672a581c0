package io.bazaar.crm.campaign.web;

import io.bazaar.crm.campaign.app.OccasionService;
import io.bazaar.crm.campaign.web.CampaignRequests.BirthDateRequest;
import io.bazaar.crm.campaign.web.CampaignRequests.BirthDateResponse;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/** The birth date on the CRM contact (for the birthday greeting): the customer's own, and staff's. */
public final class BirthDateResources {
    private BirthDateResources() {
    }

    @Path("/v1/me/birth-date")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Tag(name = "CRM: campaigns")
    public static class MyBirthDateResource {
        private final OccasionService occasions;

        public MyBirthDateResource(OccasionService occasions) {
            this.occasions = occasions;
        }

        @GET
        @Operation(summary = "The signed-in customer's birth date (null when not given)")
        public BirthDateResponse get(@Context SecurityContext security) {
            return new BirthDateResponse(occasions.birthDate(Caller.customerId(security)).orElse(null));
        }

        @PUT
        @Consumes(MediaType.APPLICATION_JSON)
        @Operation(summary = "Set or clear (null) the birth date",
                description = "Used only for a birthday greeting, sent with marketing email consent.")
        public BirthDateResponse put(@Context SecurityContext security, @NotNull @Valid BirthDateRequest r) {
            return new BirthDateResponse(occasions.setBirthDate(Caller.customerId(security), r.birthDate()).orElse(null));
        }
    }

    @Path("/v1/admin/crm/customers/{id}/birth-date")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPPORT)
    @SecurityRequirement(name = "bearer")
    @Tag(name = "CRM: campaigns")
    public static class CustomerBirthDateResource {
        private final OccasionService occasions;

        public CustomerBirthDateResource(OccasionService occasions) {
            this.occasions = occasions;
        }

        @GET
        @Operation(summary = "A customer's birth date (null when not given)")
        public BirthDateResponse get(@PathParam("id") String id) {
            return new BirthDateResponse(occasions.birthDate(customer(id)).orElse(null));
        }

        @PUT
        @Consumes(MediaType.APPLICATION_JSON)
        @Operation(summary = "Staff set or clear (null) a customer's birth date")
        public BirthDateResponse put(@PathParam("id") String id, @NotNull @Valid BirthDateRequest r) {
            return new BirthDateResponse(occasions.setBirthDate(customer(id), r.birthDate()).orElse(null));
        }

        private static UUID customer(String id) {
            return Ids.parse(id).orElseThrow(() -> ApiException.notFound("Customer"));
        }
    }
}
