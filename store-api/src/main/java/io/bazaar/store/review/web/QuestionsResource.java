package io.bazaar.store.review.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.review.app.QuestionService;
import io.bazaar.store.review.app.QuestionService.ProductAnswerView;
import io.bazaar.store.review.app.QuestionService.ProductQuestionView;
import io.bazaar.store.review.web.CommunityRequests.ProductAnswerRequest;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** One product question: public once approved; other customers answer it (co-creation). */
@Path("/v1/questions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Product questions")
public class QuestionsResource {
    private final QuestionService questions;

    public QuestionsResource(QuestionService questions) {
        this.questions = questions;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An approved question with its approved answers")
    public ProductQuestionView get(@PathParam("id") String id) {
        return questions.get(CommunityRequests.id("Question", id), null);
    }

    @POST
    @Path("{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Answer an approved question as a customer",
            description = "Moderated like reviews; marked verified_purchase when you received the product. "
                    + "A question that is not public yet is 404.")
    public Response answer(@Auth AuthUser user, @PathParam("id") String id,
                           @HeaderParam("X-Bazaar-Channel") String channel, @NotNull @Valid ProductAnswerRequest request) {
        ProductAnswerView view = questions.answerAsCustomer(user.id(), CommunityRequests.id("Question", id),
                request.text(), channel);
        return Response.created(URI.create("/v1/questions/" + view.questionId()))
                .entity(view).build();
    }
}
