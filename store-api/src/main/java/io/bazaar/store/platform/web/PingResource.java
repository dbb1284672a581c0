package io.bazaar.store.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The cheapest JSON answer the server can give: no database, no Redis, no health checks. A liveness
 * probe that costs nothing, and the benchmark's ceiling (what Jetty + Jersey + Jackson + our filters
 * cost per request), measured next to the catalogue in {@code bench/}.
 */
@Path("/v1/ping")
@Tag(name = "Operations")
public class PingResource {
    public record Pong(boolean pong) {
    }

    private static final Pong PONG = new Pong(true);

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Liveness without dependencies: always {\"pong\":true}")
    public Pong ping() {
        return PONG;
    }
}
