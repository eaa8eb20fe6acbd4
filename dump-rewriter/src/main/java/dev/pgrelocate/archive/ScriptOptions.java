package dev.pgrelocate.archive;

import java.security.SecureRandom;

/**
 * The pg_restore options {@link ArchiveScript} honours.
 *
 * @param noOwner     {@code --no-owner}: no ALTER ... OWNER TO, a plain CREATE SCHEMA for schemas, "Owner: -"
 * @param noAcl       {@code --no-acl}: privilege entries (ACL, DEFAULT ACL) left out
 * @param restrictKey {@code --restrict-key}: the key of the {@code \restrict} lines; null draws a random
 *                    one per script, as pg_restore does
 * @param restrictLines false leaves pg_restore's restrict and unrestrict meta-command lines out (for
 *                    consumers other than psql 15.14+, like the rewrite's {@code --strip-restrict})
 */
public record ScriptOptions(boolean noOwner, boolean noAcl, String restrictKey, boolean restrictLines) {

    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int KEY_LENGTH = 64;

    public ScriptOptions {
        if (restrictKey != null && !restrictKey.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a restrict key must be letters and digits only");
        }
    }

    public ScriptOptions(boolean noOwner, boolean noAcl, String restrictKey) {
        this(noOwner, noAcl, restrictKey, true);
    }

    /** pg_restore's defaults: owners and privileges restored, a random restrict key. */
    public static ScriptOptions defaults() {
        return new ScriptOptions(false, false, null);
    }

    public ScriptOptions withNoOwner(boolean value) {
        return new ScriptOptions(value, noAcl, restrictKey, restrictLines);
    }

    public ScriptOptions withNoAcl(boolean value) {
        return new ScriptOptions(noOwner, value, restrictKey, restrictLines);
    }

    public ScriptOptions withRestrictKey(String value) {
        return new ScriptOptions(noOwner, noAcl, value, restrictLines);
    }

    public ScriptOptions withRestrictLines(boolean value) {
        return new ScriptOptions(noOwner, noAcl, restrictKey, value);
    }

    /** The key to write: the given one, or a fresh random one. */
    String effectiveRestrictKey() {
        if (restrictKey != null) {
            return restrictKey;
        }
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(KEY_LENGTH);
        for (int i = 0; i < KEY_LENGTH; i++) {
            key.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
        }
        return key.toString();
    }
}
