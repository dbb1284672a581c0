package io.bazaar.store.customer.web;

import io.bazaar.store.auth.app.IssuedSession;
import io.bazaar.store.auth.app.SessionService;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.customer.app.CustomerService;
import io.bazaar.store.customer.web.CustomerRequests.SessionResponse;
import io.bazaar.store.customer.web.CustomerRequests.SignInRequest;
import io.bazaar.store.platform.idempotency.IdempotencyExempt;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

@Path("/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class SessionsResource {
    private final CustomerService customers;
    private final SessionService sessions;

    public SessionsResource(CustomerService customers, SessionService sessions) {
        this.customers = customers;
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @IdempotencyExempt("the response carries a bearer token, which is never stored; a repeated sign-in is harmless")
    @Operation(summary = "Sign in as a customer",
            description = "Answers an opaque bearer token. Rate-limited per account and per IP (429 with Retry-After). "
                    + "Unknown email and wrong password give the same 401.")
    public Response signIn(@NotNull @Valid SignInRequest request, @Context HttpServletRequest http) {
        IssuedSession s = customers.signIn(request.email(), request.password(), http.getRemoteAddr());
        return Response.created(URI.create("/v1/sessions/current"))
                .entity(new SessionResponse(s.token(), "Bearer", s.expiresAt()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @DELETE
    @Path("current")
    @PermitAll
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Sign out: revoke the token used for this request")
    public Response signOut(@Auth AuthUser user) {
        sessions.revoke(user.sessionId());
        return Response.noContent().build();
    }
}
