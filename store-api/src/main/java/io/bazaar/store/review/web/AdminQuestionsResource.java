package io.bazaar.store.review.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.review.app.QuestionService;
import io.bazaar.store.review.app.QuestionService.ProductAnswerView;
import io.bazaar.store.review.app.QuestionService.ProductQuestionView;
import io.bazaar.store.review.domain.ModerationStatus;
import io.bazaar.store.review.web.CommunityRequests.ModerationApprovalRequest;
import io.bazaar.store.review.web.CommunityRequests.ModerationRejectionRequest;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Staff side of product questions: support reads and answers, managers moderate. */
@Path("/v1/admin/questions")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Product questions (staff)")
public class AdminQuestionsResource {
    private final QuestionService questions;

    public AdminQuestionsResource(QuestionService questions) {
        this.questions = questions;
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Questions by status (default pending), newest first (?status=, ?product_id=, limit, cursor)")
    public Page<ProductQuestionView> list(@QueryParam("status") String status, @QueryParam("product_id") String productId,
                                          @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return questions.searchQuestions(CommunityRequests.status(status, ModerationStatus.PENDING),
                CommunityRequests.optionalId("product_id", productId), Cursor.decode(cursor), limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "One question with every answer and moderation details")
    public ProductQuestionView get(@PathParam("id") String id) {
        return questions.forStaff(CommunityRequests.id("Question", id));
    }

    @POST
    @Path("{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Answer a question as the shop (support); staff answers are published at once")
    public Response answer(@Auth AuthUser staff, @PathParam("id") String id,
                           @NotNull @Valid ProductAnswerRequest request) {
        ProductAnswerView view = questions.answerAsStaff(staff.id(), CommunityRequests.id("Question", id),
                request.text());
        return Response.created(URI.create("/v1/admin/questions/" + view.questionId())).entity(view).build();
    }

    @POST
    @Path("{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Publish a question (manager)")
    public ProductQuestionView approve(@Auth AuthUser staff, @PathParam("id") String id,
                                       @Valid ModerationApprovalRequest request) {
        return questions.decideQuestion(staff.id(), CommunityRequests.id("Question", id), true,
                request == null ? null : request.message());
    }

    @POST
    @Path("{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Reject a question with a message to its author (manager)")
    public ProductQuestionView reject(@Auth AuthUser staff, @PathParam("id") String id,
                                      @NotNull @Valid ModerationRejectionRequest request) {
        return questions.decideQuestion(staff.id(), CommunityRequests.id("Question", id), false,
                request.message().strip());
    }
}
