package io.bazaar.crm.faq.web;

import io.bazaar.crm.faq.app.FaqService;
import io.bazaar.crm.faq.web.FaqRequests.FeedbackRequest;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/v1/faq")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "After-sales: FAQ")
public class PublicFaqResource {
    private final FaqService faq;

    public PublicFaqResource(FaqService faq) {
        this.faq = faq;
    }

    @GET
    @Operation(summary = "The FAQ of a locale: categories with their published entries")
    public List<FaqService.CategoryWithEntries> faq(@QueryParam("locale") String locale) {
        return faq.publicFaq(locale == null ? "fa" : AdminFaqResource.locale(locale));
    }

    @GET
    @Path("search")
    @Operation(summary = "Search published entries",
            description = "Every word must occur in the question or answer. Persian and Arabic letter variants (ي/ی, "
                    + "ك/ک) and digits (۰-۹, ٠-٩, 0-9) compare equal, case does not matter.")
    public Page<FaqService.Entry> search(@QueryParam("q") String q, @QueryParam("locale") String locale,
                                         @QueryParam("limit") Integer limit) {
        if (q == null || q.isBlank()) {
            throw ApiException.validation("q", "is required");
        }
        if (q.length() > 200) {
            throw ApiException.validation("q", "must be at most 200 characters");
        }
        return new Page<>(faq.search(q, AdminFaqResource.locale(locale), Cursor.limit(limit, 20, 50)), null);
    }

    @GET
    @Path("entries/{id}")
    @Operation(summary = "One published entry")
    public FaqService.Entry entry(@PathParam("id") String id) {
        return faq.entry(Ids.parse(id).orElseThrow(() -> ApiException.notFound("FAQ entry")), true);
    }

    @POST
    @Path("entries/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Was this helpful? (anonymous)",
            description = "One vote per client address and entry (stored as a keyed hash); voting again replaces the "
                    + "earlier vote. Signed-in customers use /v1/me/faq/entries/{id}/feedback. Answers the counts.")
    public FaqService.Votes feedback(@PathParam("id") String id, @NotNull @Valid FeedbackRequest r,
                                     @Context HttpServletRequest http) {
        return faq.voteAnonymously(Ids.parse(id).orElseThrow(() -> ApiException.notFound("FAQ entry")),
                http.getRemoteAddr(), r.helpful());
    }
}
