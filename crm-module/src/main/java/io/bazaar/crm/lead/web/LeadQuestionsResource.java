package io.bazaar.crm.lead.web;

import io.bazaar.crm.lead.app.LeadService;
import io.bazaar.crm.lead.web.NewsletterResource.QuestionRequest;
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

@Path("/v1/leads/questions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CRM: leads")
public class LeadQuestionsResource {
    private final LeadService leads;

    public LeadQuestionsResource(LeadService leads) {
        this.leads = leads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask a question before purchase (no account needed)",
            responses = @ApiResponse(responseCode = "202", description = "Received"))
    public Response ask(@NotNull @Valid QuestionRequest request) {
        leads.askQuestion(request.email(), request.name(), request.locale(), request.question().strip(),
                request.productRef(), Boolean.TRUE.equals(request.marketingConsent()));
        return Response.accepted(Map.of("status", "received")).build();
    }

}
