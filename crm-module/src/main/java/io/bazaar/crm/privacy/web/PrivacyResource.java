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

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy")
public class PrivacyResource {
    /** Policy texts per locale (fa, en) and their version, from configuration. */
    public record LegalTexts(String version, Map<String, String> privacy, Map<String, String> terms) {
    }

    public record LegalDocument(String document, String locale, String version, String text) {
    }

    private final PrivacyService privacy;
    private final LegalTexts legal;

    public PrivacyResource(PrivacyService privacy, LegalTexts legal) {
        this.privacy = privacy;
        this.legal = legal;
    }

    @GET
    @Path("legal/privacy")
    @Operation(summary = "The shop's privacy policy (?locale=fa|en, default en)")
    public LegalDocument privacyPolicy(@QueryParam("locale") String locale) {
        return document("privacy", legal.privacy(), locale);
    }

    @GET
    @Path("legal/terms")
    @Operation(summary = "The shop's terms (?locale=fa|en, default en)")
    public LegalDocument terms(@QueryParam("locale") String locale) {
        return document("terms", legal.terms(), locale);
    }

    @GET
    @Path("me/export")
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Download everything the shop holds about the signed-in customer, as JSON")
    public Response export(@Context SecurityContext security) {
        UUID id = Caller.customerId(security);
        return Response.ok(privacy.export(id))
                .header("Content-Disposition", "attachment; filename=\"bazaar-export-" + id + ".json\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("me/erasure")
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Erase the signed-in customer's personal data",
            description = "Pseudonymises account and CRM data; order figures are kept under the pseudonym. "
                    + "Signs the customer out everywhere.")
    public PrivacyService.ErasureResult eraseMe(@Context SecurityContext security) {
        return privacy.erase(Caller.customerId(security));
    }

    @POST
    @Path("admin/crm/customers/{id}/erasure")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Erase a customer's personal data on their behalf (admin only)",
            description = "A second erasure is a no-op answering erased_now=false.")
    public PrivacyService.ErasureResult eraseCustomer(@PathParam("id") String id) {
        return privacy.erase(Ids.parse(id).orElseThrow(() -> ApiException.notFound("Customer")));
    }

    private LegalDocument document(String name, Map<String, String> texts, String locale) {
        String loc = locale == null || locale.isBlank() ? "en" : locale.strip();
        if (!loc.equals("fa") && !loc.equals("en")) {
            throw ApiException.validation("locale", "must be fa or en");
        }
        String text = texts.getOrDefault(loc, texts.get("en"));
        if (text == null) {
            throw ApiException.notFound("Document");
        }
        return new LegalDocument(name, loc, legal.version(), text);
    }
}
