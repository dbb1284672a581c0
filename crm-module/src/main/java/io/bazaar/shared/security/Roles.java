package io.bazaar.shared.security;

/**
 * Role names used in {@code @RolesAllowed}. Staff roles are ordered: an admin may do everything a
 * manager may, and a manager everything support may; so resources name the lowest role allowed.
 */
public final class Roles {
    public static final String CUSTOMER = "customer";
    public static final String SUPPORT = "support";
    public static final String MANAGER = "manager";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
