package io.bazaar.store.recommendation.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.store.recommendation.app.RecommendationService;
import io.bazaar.store.recommendation.app.RecommendationService.RefreshResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Staff rebuild the precomputed recommendations on demand (the job does it every interval). */
@Path("/v1/admin/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MANAGER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Recommendations (staff)")
public class AdminRecommendationsResource {
    private final RecommendationService recommendations;

    public AdminRecommendationsResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @POST
    @Path("refresh")
    @Operation(summary = "Rebuild the bought-together table from paid orders now (manager)",
            description = "Serialised with the periodic job across instances; answers the number of product pairs.")
    public RefreshResult refresh() {
        return recommendations.refresh(true);
    }
}
