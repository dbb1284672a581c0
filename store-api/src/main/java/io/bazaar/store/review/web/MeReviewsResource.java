package io.bazaar.store.review.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.review.app.ReviewService;
import io.bazaar.store.review.app.ReviewService.ReviewView;
import io.bazaar.store.review.web.CommunityRequests.EditReviewRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The signed-in customer's own reviews, in any moderation state; another customer's review is 404. */
@Path("/v1/me/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Reviews")
public class MeReviewsResource {
    private final ReviewService reviews;

    public MeReviewsResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GET
    @Operation(summary = "My reviews, newest first, with their moderation status")
    public Page<ReviewView> list(@Auth AuthUser user, @QueryParam("limit") Integer limit,
                                 @QueryParam("cursor") String cursor) {
        return reviews.mine(user.id(), Cursor.decode(cursor), limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of my reviews")
    public ReviewView get(@Auth AuthUser user, @PathParam("id") String id) {
        return reviews.mine(user.id(), CommunityRequests.id("Review", id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit my review (rating, title, text); it goes through moderation again",
            description = "An approved review whose new text is flagged (or when clean text is not auto-approved) "
                    + "leaves the product rating until staff approve it again.")
    public ReviewView edit(@Auth AuthUser user, @PathParam("id") String id, @NotNull @Valid EditReviewRequest request) {
        return reviews.edit(user.id(), CommunityRequests.id("Review", id),
                new ReviewService.EditCommand(request.rating(), request.title(), request.text()));
    }
}
