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

@Path("/v1/legal")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy")
public class LegalResource {
    /** Policy texts per locale (fa, en) and their version, from configuration. */
    public record LegalTexts(String version, Map<String, String> privacy, Map<String, String> terms) {
    }

    public record LegalDocument(String document, String locale, String version, String text) {
    }

    private final LegalTexts legal;

    public LegalResource(LegalTexts legal) {
        this.legal = legal;
    }

    @GET
    @Path("privacy")
    @Operation(summary = "The shop's privacy policy (?locale=fa|en, default en)")
    public LegalDocument privacyPolicy(@QueryParam("locale") String locale) {
        return document("privacy", legal.privacy(), locale);
    }

    @GET
    @Path("terms")
    @Operation(summary = "The shop's terms (?locale=fa|en, default en)")
    public LegalDocument terms(@QueryParam("locale") String locale) {
        return document("terms", legal.terms(), locale);
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
