package io.bazaar.store.auth.domain;

import io.bazaar.shared.security.Roles;
import java.util.Locale;

/** Staff roles, ordered: each includes the permissions of the roles before it. */
public enum StaffRole {
    SUPPORT(Roles.SUPPORT), MANAGER(Roles.MANAGER), ADMIN(Roles.ADMIN);

    private final String roleName;

    StaffRole(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }

    public boolean includes(StaffRole other) {
        return compareTo(other) >= 0;
    }

    public static StaffRole fromRoleName(String name) {
        for (StaffRole r : values()) {
            if (r.roleName.equals(name.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown staff role " + name);
    }
}
