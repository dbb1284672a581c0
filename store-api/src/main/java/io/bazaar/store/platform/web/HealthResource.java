package io.bazaar.store.platform.web;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Public liveness/readiness summary for load balancers: 200 when PostgreSQL is up (the store can
 * serve), 503 when it is not. Redis being down is "degraded" (reads fall back to PostgreSQL).
 * Details of each check are on the admin port at /healthcheck.
 */
@Path("/v1/health")
@Tag(name = "Operations")
public class HealthResource {
    public record HealthResponse(String status, Map<String, String> checks) {
    }

    private final HealthCheckRegistry registry;

    public HealthResource(HealthCheckRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Service health: ok, degraded (Redis down) or down (PostgreSQL down)")
    public Response health() {
        SortedMap<String, String> checks = new TreeMap<>();
        for (Map.Entry<String, HealthCheck.Result> e : registry.runHealthChecks().entrySet()) {
            if (!e.getKey().equals("deadlocks")) {
                checks.put(e.getKey(), e.getValue().isHealthy() ? "up" : "down");
            }
        }
        boolean dbUp = "up".equals(checks.get("postgresql"));
        boolean allUp = checks.values().stream().allMatch("up"::equals);
        String status = !dbUp ? "down" : allUp ? "ok" : "degraded";
        return Response.status(dbUp ? 200 : 503).entity(new HealthResponse(status, checks)).build();
    }
}
