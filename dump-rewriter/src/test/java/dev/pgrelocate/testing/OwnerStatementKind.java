package dev.pgrelocate.testing;

import java.util.regex.Pattern;

/**
 * The kinds of statement in the owners fixtures that fail when a non-superuser restores them where
 * the dump's roles do not exist, and what handles each (the table in
 * {@code fixtures/owners/README.md}). Told apart by the first line of the statement, as pg_dump
 * lays it out; meant for those fixtures, not as a parser.
 */
public enum OwnerStatementKind {

    /** {@code ALTER <kind> <name> OWNER TO role;} (pg_dump's default ownership statements). */
    OWNER("^ALTER (?!DEFAULT PRIVILEGES |EVENT TRIGGER ).* OWNER TO .+;$",
            "--no-owner drops it; --map-role renames the role"),
    /** {@code SET SESSION AUTHORIZATION 'role';} or {@code ... DEFAULT;} (--use-set-session-authorization). */
    SESSION_OWNER("^SET SESSION AUTHORIZATION ('.*'|DEFAULT);$",
            "--no-owner drops it; --map-role renames the role (a string literal)"),
    /** {@code SET SESSION AUTHORIZATION role;} / {@code RESET SESSION AUTHORIZATION;} around a grant by a non-owner. */
    ACL_GRANTOR("^(SET SESSION AUTHORIZATION [^'].*|RESET SESSION AUTHORIZATION);$",
            "--no-acl drops it with its GRANT; --map-role renames the grantor (an identifier)"),
    /** {@code GRANT ... TO role;} / {@code REVOKE ... FROM role;}. */
    PRIVILEGE("^(GRANT|REVOKE) .*;$", "--no-acl drops it; --map-role renames the roles"),
    /** {@code ALTER DEFAULT PRIVILEGES FOR ROLE role ... TO role;}. */
    DEFAULT_PRIVILEGES("^ALTER DEFAULT PRIVILEGES .*;$", "--no-acl drops it; --map-role renames both roles"),
    /** {@code CREATE POLICY ... TO role, ...}: no option of pg_restore's handles it. */
    POLICY("^CREATE POLICY .* TO .*", "--map-role renames the roles; --no-owner/--no-acl leave it failing"),
    /** {@code COMMENT ON EXTENSION plpgsql ...}: the restorer does not own plpgsql. */
    EXTENSION_COMMENT("^COMMENT ON EXTENSION .*", "extension comments: dropped for extensions the restorer will not own"),
    /** {@code DROP EXTENSION IF EXISTS plpgsql;} (--clean): no option of the names it. */
    EXTENSION_DROP("^DROP EXTENSION .*;$", "none of the issue's options (proposed: with extension comments)"),
    /** {@code CREATE EVENT TRIGGER}, its {@code ALTER ... OWNER TO}, {@code COMMENT ON} and {@code DROP}. */
    EVENT_TRIGGER("^(CREATE|ALTER|COMMENT ON|DROP) EVENT TRIGGER .*", "--no-event-triggers drops it");

    private final Pattern firstLine;
    private final String handledBy;

    OwnerStatementKind(String firstLine, String handledBy) {
        this.firstLine = Pattern.compile(firstLine);
        this.handledBy = handledBy;
    }

    /** What handles the kind, as README.md says. */
    public String handledBy() {
        return handledBy;
    }

    /** The kind of the statement that starts with {@code firstLine}, or null for none of them. */
    public static OwnerStatementKind of(String firstLine) {
        // OWNER's pattern leaves ALTER EVENT TRIGGER ... OWNER TO to EVENT_TRIGGER.
        for (OwnerStatementKind kind : values()) {
            if (kind.firstLine.matcher(firstLine).matches()) {
                return kind;
            }
        }
        return null;
    }
}
