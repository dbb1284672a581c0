package io.bazaar.store.recommendation.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.recommendation.app.RecommendationService;
import io.bazaar.store.recommendation.app.RecommendationService.Recommendations;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** "For you": the signed-in customer's recommendations. */
@Path("/v1/me/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Recommendations")
public class MeRecommendationsResource {
    private final RecommendationService recommendations;

    public MeRecommendationsResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Operation(summary = "Products for me, from what I bought (best sellers before my first order)",
            description = "Ranked by co-purchases with my products and by the categories I buy in; never a product I "
                    + "already bought; only active, in-stock products; limit 1-50 (default 12).")
    public Recommendations get(@Auth AuthUser user, @QueryParam("limit") Integer limit) {
        return recommendations.forCustomer(user.id(), limit);
    }
}
