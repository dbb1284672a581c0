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

/** The signed-in customer's own data: export and erasure. Paths are roots of their own, beside {@code /v1/me}. */
@Path("/v1/me/export")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy")
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
public class MyDataExportResource {
    private final PrivacyService privacy;

    public MyDataExportResource(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @GET
    @Operation(summary = "Download everything the shop holds about the signed-in customer, as JSON",
            description = "Account, CRM contact, consents and their ledger, timeline, order ledger, messages, leads.")
    public Response export(@Context SecurityContext security) {
        UUID id = Caller.customerId(security);
        return Response.ok(privacy.export(id))
                .header("Content-Disposition", "attachment; filename=\"bazaar-export-" + id + ".json\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
