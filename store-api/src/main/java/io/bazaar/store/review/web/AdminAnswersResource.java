package io.bazaar.store.review.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.review.app.QuestionService;
import io.bazaar.store.review.app.QuestionService.ProductAnswerView;
import io.bazaar.store.review.domain.ModerationStatus;
import io.bazaar.store.review.web.CommunityRequests.ModerationApprovalRequest;
import io.bazaar.store.review.web.CommunityRequests.ModerationRejectionRequest;
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

/** Moderation of customers' answers to product questions. */
@Path("/v1/admin/answers")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Product questions (staff)")
public class AdminAnswersResource {
    private final QuestionService questions;

    public AdminAnswersResource(QuestionService questions) {
        this.questions = questions;
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Answers by status (default pending), newest first (?status=, limit, cursor)")
    public Page<ProductAnswerView> list(@QueryParam("status") String status, @QueryParam("limit") Integer limit,
                                        @QueryParam("cursor") String cursor) {
        return questions.searchAnswers(CommunityRequests.status(status, ModerationStatus.PENDING), Cursor.decode(cursor),
                limit);
    }

    @POST
    @Path("{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Publish an answer (manager)")
    public ProductAnswerView approve(@Auth AuthUser staff, @PathParam("id") String id,
                                     @Valid ModerationApprovalRequest request) {
        return questions.decideAnswer(staff.id(), CommunityRequests.id("Answer", id), true,
                request == null ? null : request.message());
    }

    @POST
    @Path("{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Reject an answer with a message to its author (manager)")
    public ProductAnswerView reject(@Auth AuthUser staff, @PathParam("id") String id,
                                    @NotNull @Valid ModerationRejectionRequest request) {
        return questions.decideAnswer(staff.id(), CommunityRequests.id("Answer", id), false, request.message().strip());
    }
}
