package io.bazaar.store.customer.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.customer.app.CustomerService;
import io.bazaar.store.customer.web.CustomerRequests.ChangePasswordRequest;
import io.bazaar.store.customer.web.CustomerRequests.CustomerResponse;
import io.bazaar.store.customer.web.CustomerRequests.UpdateProfileRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Accounts")
public class MeResource {
    private final CustomerService customers;

    public MeResource(CustomerService customers) {
        this.customers = customers;
    }

    @GET
    @Operation(summary = "The signed-in customer's profile")
    public CustomerResponse get(@Auth AuthUser user) {
        return CustomerResponse.of(customers.get(user.id()));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change name, phone or locale",
            description = "Absent fields stay as they are; an empty string clears name or phone.")
    public CustomerResponse update(@Auth AuthUser user, @NotNull @Valid UpdateProfileRequest request) {
        return CustomerResponse.of(customers.updateProfile(user.id(),
                new CustomerService.ProfileChanges(request.name(), request.phone(), request.locale())));
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change password", description = "Requires the current password; signs out every other session.")
    public Response changePassword(@Auth AuthUser user, @NotNull @Valid ChangePasswordRequest request) {
        customers.changePassword(user.id(), user.sessionId(), request.currentPassword(), request.newPassword());
        return Response.noContent().build();
    }
}
