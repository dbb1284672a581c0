package io.bazaar.store.review.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.review.app.ReviewService;
import io.bazaar.store.review.app.ReviewService.PublicReview;
import io.bazaar.store.review.app.ReviewService.ReviewView;
import io.bazaar.store.review.web.CommunityRequests.SubmitReviewRequest;
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

/** Reviews of one product: anyone reads the approved ones; a customer who received it writes one. */
@Path("/v1/products/{product}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class ProductReviewsResource {
    private final ReviewService reviews;

    public ProductReviewsResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GET
    @Operation(summary = "Approved reviews of an active product (id or slug), newest first",
            description = "Keyset pagination with limit (1-100, default 20) and cursor. The rating summary is on "
                    + "the product detail (`rating`).")
    public Page<PublicReview> list(@PathParam("product") String product, @QueryParam("limit") Integer limit,
                                   @QueryParam("cursor") String cursor) {
        return reviews.approved(product, Cursor.decode(cursor), limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Review a product you received (rating 1-5, title, text)",
            description = "403 review_requires_purchase unless a delivered shipment of one of your orders held a "
                    + "variant of the product; 409 review_exists for a second review. The review is marked "
                    + "verified_purchase and moderated: clean text is approved at once (reviews.autoApproveClean), "
                    + "text with a blocked word or a link is held as pending for staff.")
    public Response submit(@Auth AuthUser user, @PathParam("product") String product,
                           @HeaderParam("X-Bazaar-Channel") String channel, @NotNull @Valid SubmitReviewRequest request) {
        ReviewView view = reviews.submit(user.id(), product,
                new ReviewService.SubmitCommand(request.rating(), request.title(), request.text(), channel));
        return Response.created(URI.create("/v1/me/reviews/" + view.id())).entity(view).build();
    }
}
