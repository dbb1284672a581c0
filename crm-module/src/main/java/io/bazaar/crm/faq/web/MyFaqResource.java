package io.bazaar.crm.faq.web;

import io.bazaar.crm.faq.app.FaqService;
import io.bazaar.crm.faq.web.FaqRequests.FeedbackRequest;
import io.bazaar.crm.faq.web.FaqRequests.SolvedRequest;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@Path("/v1/me/faq")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: FAQ")
public class MyFaqResource {
    private final FaqService faq;

    public MyFaqResource(FaqService faq) {
        this.faq = faq;
    }

    @GET
    @Path("suggestions")
    @Operation(summary = "FAQ entries to show before opening a ticket (call with the ticket's subject)",
            description = "Up to 5 published entries matching any word of 3+ letters (or any number) of q, best first. "
                    + "When anything is shown the view is recorded (view_id) to measure deflection.")
    public FaqService.Suggestions suggestions(@Context SecurityContext security, @QueryParam("q") String q,
                                              @QueryParam("locale") String locale) {
        if (q == null || q.isBlank()) {
            throw ApiException.validation("q", "is required");
        }
        if (q.length() > 300) {
            throw ApiException.validation("q", "must be at most 300 characters");
        }
        return faq.suggest(Caller.customerId(security), q, AdminFaqResource.locale(locale));
    }

    @POST
    @Path("suggestions/{viewId}/solved")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "\"This solved it\": one of the suggested entries answered the question")
    public Response solved(@Context SecurityContext security, @PathParam("viewId") String viewId,
                           @NotNull @Valid SolvedRequest r) {
        faq.markSolved(Caller.customerId(security), Ids.parse(viewId)
                .orElseThrow(() -> ApiException.notFound("Suggestion view")), r.entryId());
        return Response.noContent().build();
    }

    @POST
    @Path("entries/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Was this helpful? (one vote per customer and entry; voting again replaces it)")
    public FaqService.Votes feedback(@Context SecurityContext security, @PathParam("id") String id,
                                     @NotNull @Valid FeedbackRequest r) {
        return faq.voteAsCustomer(Ids.parse(id).orElseThrow(() -> ApiException.notFound("FAQ entry")),
                Caller.customerId(security), r.helpful());
    }
}
