package io.bazaar.store.auth.web;

import io.bazaar.store.auth.app.SessionService;
import io.bazaar.store.auth.domain.AuthUser;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/** dropwizard-auth glue: bearer token to {@link AuthUser}, and role checks with the staff hierarchy. */
public final class TokenAuthenticator implements Authenticator<String, AuthUser>, Authorizer<AuthUser> {
    private final SessionService sessions;

    public TokenAuthenticator(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<AuthUser> authenticate(String token) {
        // Deliberately not cached: a revoked token must fail on the very next request.
        return sessions.authenticate(token);
    }

    @Override
    public boolean authorize(AuthUser user, String role, ContainerRequestContext requestContext) {
        return user.hasRole(role);
    }
}
