package io.bazaar.store.auth.domain;

import io.bazaar.shared.security.Roles;
import java.security.Principal;
import java.util.Objects;
import java.util.UUID;

/**
 * The authenticated caller of a request. {@link #getName()} is an opaque "type:id" string (never
 * an email), so it is safe to use as a scope key or in logs.
 *
 * @param staffRole null for customers
 */
public record AuthUser(SubjectType type, UUID id, StaffRole staffRole, UUID sessionId) implements Principal {

    public AuthUser {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        if ((type == SubjectType.STAFF) != (staffRole != null)) {
            throw new IllegalArgumentException("staff, and only staff, have a staff role");
        }
    }

    @Override
    public String getName() {
        return type.dbValue() + ":" + id;
    }

    public boolean isCustomer() {
        return type == SubjectType.CUSTOMER;
    }

    /** Role check with the staff hierarchy: an admin has the manager and support roles too. */
    public boolean hasRole(String role) {
        if (Roles.CUSTOMER.equals(role)) {
            return type == SubjectType.CUSTOMER;
        }
        if (staffRole == null) {
            return false;
        }
        try {
            return staffRole.includes(StaffRole.fromRoleName(role));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
