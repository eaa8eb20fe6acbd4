package dev.pgrelocate.owner;

import dev.pgrelocate.PgRelocateException;

import java.util.List;
import java.util.stream.Collectors;

/** A role named to {@code reassign-owner} does not exist; raised while planning, before anything runs. */
public final class RoleNotFoundException extends PgRelocateException {
    private static final long serialVersionUID = 1L;

    private final String role;

    public RoleNotFoundException(String role, String what) {
        this(role, what, List.of());
    }

    /**
     * @param similar existing roles the user may have meant: the same name in another case, or without
     *                the double quotes that were typed around it (role names are given as stored)
     */
    public RoleNotFoundException(String role, String what, List<String> similar) {
        super("pgrelocate: role \"" + role + "\" (" + what + ") does not exist in this cluster"
                + (similar.isEmpty() ? "" : similar.stream().map(r -> "\"" + r + "\"")
                        .collect(Collectors.joining(", ", " (did you mean ", "? names are case-sensitive and unquoted)")))
                + "; create it first (CREATE ROLE ... LOGIN) or check the name; nothing was changed", EXIT_USAGE);
        this.role = role;
    }

    public String role() {
        return role;
    }
}
