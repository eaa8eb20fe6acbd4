package dev.pgrelocate;

import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;
import dev.pgrelocate.statement.TokenCursor;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pg_dump's comment before each TOC entry: {@code -- Name: users; Type: TABLE; Schema: app; Owner: app}
 * (or {@code -- Data for Name: ...}). Only informational for psql, but it tells which entry the
 * following statements belong to: the {@code SET SESSION AUTHORIZATION} inside an ACL entry, say.
 */
final class TocComments {
    private static final Pattern ENTRY = Pattern.compile("^-- (?:Data for )?Name: .*?; Type: ([A-Z ]+); Schema: ", Pattern.MULTILINE);

    private TocComments() {
    }

    /**
     * {@code SET SESSION AUTHORIZATION x}: pg_dump switches to an entry's owner (with
     * --use-set-session-authorization) or to a grantor right before what it switches for; when a
     * header comment follows, the switch belongs to that entry.
     */
    static boolean switchesRoleForNextEntry(Statement s) {
        if (s.kind() != StatementKind.SET) {
            return false;
        }
        TokenCursor c = new TokenCursor(s);
        return c.acceptWords("SET", "SESSION", "AUTHORIZATION");
    }

    /** The type of the last entry comment in {@code buf[start, end)}, if it holds one. */
    static Optional<String> lastEntryType(byte[] buf, int start, int end) {
        if (indexOf(buf, start, end) < 0) {
            return Optional.empty(); // the common case: whitespace between statements, no decoding
        }
        Matcher m = ENTRY.matcher(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
        String type = null;
        while (m.find()) {
            type = m.group(1);
        }
        return Optional.ofNullable(type);
    }

    private static int indexOf(byte[] buf, int start, int end) {
        for (int i = start; i + 1 < end; i++) {
            if (buf[i] == '-' && buf[i + 1] == '-') {
                return i;
            }
        }
        return -1;
    }
}
