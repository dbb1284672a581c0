package io.bazaar.store.review.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.review.app.QuestionService;
import io.bazaar.store.review.app.QuestionService.ProductQuestionView;
import io.bazaar.store.review.app.QuestionService.PublicProductQuestion;
import io.bazaar.store.review.web.CommunityRequests.ProductQuestionRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Questions about one product: anyone reads the approved ones with their approved answers; customers ask. */
@Path("/v1/products/{product}/questions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Product questions")
public class ProductQuestionsResource {
    private final QuestionService questions;

    public ProductQuestionsResource(QuestionService questions) {
        this.questions = questions;
    }

    @GET
    @Operation(summary = "Approved questions of an active product (id or slug), newest first, with approved answers",
            description = "Keyset pagination with limit (1-100, default 20) and cursor.")
    public Page<PublicProductQuestion> list(@PathParam("product") String product, @QueryParam("limit") Integer limit,
                                            @QueryParam("cursor") String cursor) {
        return questions.approved(product, Cursor.decode(cursor), limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Ask a question about a product",
            description = "Moderated like reviews: clean text is public at once (reviews.autoApproveClean), flagged "
                    + "text waits for staff.")
    public Response ask(@Auth AuthUser user, @PathParam("product") String product,
                        @HeaderParam("X-Bazaar-Channel") String channel, @NotNull @Valid ProductQuestionRequest request) {
        ProductQuestionView view = questions.ask(user.id(), product, request.text(), channel);
        return Response.created(URI.create("/v1/questions/" + view.id())).entity(view).build();
    }
}
