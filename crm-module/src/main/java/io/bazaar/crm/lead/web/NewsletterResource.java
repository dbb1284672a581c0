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

@Path("/v1/newsletter")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CRM: leads")
public class NewsletterResource {

    public record NewsletterSignupRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String name,
            @Pattern(regexp = "fa|en", message = "must be fa or en") String locale,
            @NotNull @AssertTrue(message = "must be true: we only subscribe people who agree") Boolean consent) {
    }

    public record QuestionRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String name,
            @Pattern(regexp = "fa|en", message = "must be fa or en") String locale,
            @NotBlank @Size(max = 4000) String question,
            @Size(max = 100) String productRef,
            Boolean marketingConsent) {
    }

    private final LeadService leads;

    public NewsletterResource(LeadService leads) {
        this.leads = leads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to the newsletter (no account needed)",
            description = "Records email marketing consent with source newsletter_form and the current policy version. "
                    + "The answer is the same whether or not the email has an account.",
            responses = @ApiResponse(responseCode = "202", description = "Subscribed"))
    public Response subscribe(@NotNull @Valid NewsletterSignupRequest request) {
        leads.subscribeToNewsletter(request.email(), request.name(), request.locale());
        return Response.accepted(Map.of("status", "subscribed")).build();
    }
}
