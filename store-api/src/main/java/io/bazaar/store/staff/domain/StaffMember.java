package io.bazaar.store.staff.domain;

import io.bazaar.store.auth.domain.StaffRole;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A member of the shop's staff. */
public record StaffMember(UUID id, String email, String name, StaffRole role, boolean active, Instant createdAt) {
    public StaffMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
    }
}
