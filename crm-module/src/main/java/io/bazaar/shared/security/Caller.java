package io.bazaar.shared.security;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.UUID;

/**
 * Reads who is calling from the JAX-RS {@link SecurityContext}, so CRM resources need no store
 * types. The principal's name is {@code "<type>:<uuid>"} ({@code customer:...} or {@code staff:...}),
 * an opaque string that is never an email.
 */
public final class Caller {
    private Caller() {
    }

    /** The signed-in customer's id; a staff principal here is a wiring mistake, answered 403. */
    public static UUID customerId(SecurityContext security) {
        return idOf(security, "customer");
    }

    public static UUID staffId(SecurityContext security) {
        return idOf(security, "staff");
    }

    static UUID idOf(SecurityContext security, String type) {
        Principal p = security == null ? null : security.getUserPrincipal();
        if (p == null) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "Sign in first");
        }
        String name = p.getName();
        String prefix = type + ":";
        if (name == null || !name.startsWith(prefix)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This endpoint is for " + type + " accounts");
        }
        try {
            return UUID.fromString(name.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("principal name is not type:uuid", e);
        }
    }
}
