package io.bazaar.store.recommendation.web;

import io.bazaar.store.recommendation.app.RecommendationService;
import io.bazaar.store.recommendation.app.RecommendationService.Recommendations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Recommendations on a product page, for anyone. */
@Path("/v1/products/{product}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
public class ProductRecommendationsResource {
    private final RecommendationService recommendations;

    public ProductRecommendationsResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Operation(summary = "Products to show with this one (id or slug): kind=bought_together (default) or related",
            description = "bought_together: most often in the same paid orders (rebuilt periodically). related: the "
                    + "staff's related products first, then by shared categories and attributes. Only active, "
                    + "in-stock products; limit 1-50 (default 12).")
    public Recommendations get(@PathParam("product") String product, @QueryParam("kind") String kind,
                               @QueryParam("limit") Integer limit) {
        return recommendations.forProduct(product, RecommendationService.Kind.parseProductKind(kind), limit);
    }
}
