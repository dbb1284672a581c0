package io.bazaar.crm.lead.web;

import io.bazaar.crm.lead.app.LeadService;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

@Path("/v1/admin/crm/leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CRM: leads")
public class AdminLeadsResource {
    private final LeadService leads;

    public AdminLeadsResource(LeadService leads) {
        this.leads = leads;
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Leads, newest first, with conversion time",
            description = "?converted=true|false filters; seconds_to_convert is from first interest to registration.")
    public Page<LeadService.LeadView> list(@QueryParam("converted") Boolean converted,
                                           @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return leads.list(converted, Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }
}
