package dev.pgrelocate.testing;

/** An empty database prepared by a {@link PlatformSetup}, and the role that restores into it. */
public record RestoreTarget(String database, String role) {

    /** The same database, restored by another role (e.g. the superuser, for PostGIS). */
    public RestoreTarget withRole(String otherRole) {
        return new RestoreTarget(database, otherRole);
    }
}
