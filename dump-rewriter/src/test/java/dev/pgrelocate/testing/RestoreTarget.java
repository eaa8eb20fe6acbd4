package dev.pgrelocate.testing;

/** An empty database prepared by a {@link PlatformSetup}, and the role that restores into it. */
public record RestoreTarget(String database, String role) {
}
