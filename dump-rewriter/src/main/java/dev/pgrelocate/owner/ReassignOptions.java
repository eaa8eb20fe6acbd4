package dev.pgrelocate.owner;

import java.util.List;
import java.util.Objects;

/**
 * What {@code reassign-owner} is asked to do.
 *
 * @param newOwner        the role that receives every user object
 * @param readRole        a role to grant read access to (USAGE on the user schemas, SELECT on their
 *                        tables, views and sequences, and the same by default for what the new owner
 *                        creates later), or null
 * @param excludedSchemas schemas left entirely alone: neither they nor anything in them changes owner
 *                        or gets grants (a platform's own schemas, say)
 */
public record ReassignOptions(String newOwner, String readRole, List<String> excludedSchemas) {
    public ReassignOptions {
        Objects.requireNonNull(newOwner, "newOwner");
        excludedSchemas = excludedSchemas == null ? List.of() : List.copyOf(excludedSchemas);
    }

    public ReassignOptions(String newOwner) {
        this(newOwner, null, List.of());
    }
}
