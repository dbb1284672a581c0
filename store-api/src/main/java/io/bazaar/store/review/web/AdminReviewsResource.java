package io.bazaar.store.review.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.review.app.ReviewService;
import io.bazaar.store.review.app.ReviewService.ReviewView;
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

/** Review moderation: support reads the queue, managers approve or reject. */
@Path("/v1/admin/reviews")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Reviews (staff)")
public class AdminReviewsResource {
    private final ReviewService reviews;

    public AdminReviewsResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Reviews by status (default pending: the moderation queue), newest first",
            description = "?status=pending|approved|rejected, ?product_id=, keyset limit/cursor. Shows flag_reason.")
    public Page<ReviewView> list(@QueryParam("status") String status, @QueryParam("product_id") String productId,
                                 @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return reviews.search(CommunityRequests.status(status, ModerationStatus.PENDING),
                CommunityRequests.optionalId("product_id", productId), Cursor.decode(cursor), limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "One review with its moderation details")
    public ReviewView get(@PathParam("id") String id) {
        return reviews.forStaff(CommunityRequests.id("Review", id));
    }

    @POST
    @Path("{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Publish a review (manager); it counts in the product rating from now on")
    public ReviewView approve(@Auth AuthUser staff, @PathParam("id") String id,
                              @Valid ModerationApprovalRequest request) {
        return reviews.decide(staff.id(), CommunityRequests.id("Review", id), true,
                request == null ? null : request.message(), request == null ? null : request.version());
    }

    @POST
    @Path("{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Reject a review with a message to its author (manager); also takes a published one down")
    public ReviewView reject(@Auth AuthUser staff, @PathParam("id") String id,
                             @NotNull @Valid ModerationRejectionRequest request) {
        return reviews.decide(staff.id(), CommunityRequests.id("Review", id), false, request.message().strip(),
                request.version());
    }
}
