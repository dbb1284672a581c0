package io.bazaar.crm.privacy.web;

import io.bazaar.crm.privacy.app.PrivacyService;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Map;
import java.util.UUID;

@Path("/v1/admin/crm/customers/{id}/erasure")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
public class CustomerErasureResource {
    private final PrivacyService privacy;

    public CustomerErasureResource(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @POST
    @Operation(summary = "Erase a customer's personal data on their behalf (admin only)",
            description = "A second erasure is a no-op answering erased_now=false.")
    public PrivacyService.ErasureResult eraseCustomer(@PathParam("id") String id) {
        return privacy.erase(Ids.parse(id).orElseThrow(() -> ApiException.notFound("Customer")));
    }
}
