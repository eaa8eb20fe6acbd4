package dev.pgrelocate.owner;

import dev.pgrelocate.PgRelocateException;

/** A role named to {@code reassign-owner} does not exist; raised while planning, before anything runs. */
public final class RoleNotFoundException extends PgRelocateException {
    private static final long serialVersionUID = 1L;

    private final String role;

    public RoleNotFoundException(String role, String what) {
        super("pgrelocate: role \"" + role + "\" (" + what + ") does not exist in this cluster; create it first"
                + " (CREATE ROLE ... LOGIN) or check the name; nothing was changed", EXIT_USAGE);
        this.role = role;
    }

    public String role() {
        return role;
    }
}
