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

@Path("/v1/me/erasure")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy")
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
public class MyErasureResource {
    private final PrivacyService privacy;

    public MyErasureResource(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @POST
    @Operation(summary = "Erase the signed-in customer's personal data",
            description = "Pseudonymises account and CRM data; order figures are kept under the pseudonym. "
                    + "Signs the customer out everywhere.")
    public PrivacyService.ErasureResult eraseMe(@Context SecurityContext security) {
        return privacy.erase(Caller.customerId(security));
    }
}
