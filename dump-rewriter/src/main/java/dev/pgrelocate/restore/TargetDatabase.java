package dev.pgrelocate.restore;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.db.ConnectionUrl;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database a restore writes to, as the user gave it (a JDBC URL or a {@code postgres://} URL
 * with credentials). The raw URL stays private: {@link #toString()} is {@link ConnectionUrl}'s
 * redacted form. {@link #withDatabase} gives another database of the same server with the same
 * credentials, for {@code \connect}.
 */
public final class TargetDatabase {
    /** scheme://authority/ | database | ?query */
    private static final Pattern PARTS = Pattern.compile("^((?:jdbc:postgresql|postgres|postgresql)://[^/?]*/?)([^?]*)(.*)$",
            Pattern.DOTALL);

    private final String url;
    private final String user;
    private final String password;
    private final ConnectionUrl parsed;

    private TargetDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.parsed = ConnectionUrl.parse(url).withCredentials(user, password);
    }

    /** Parses a JDBC or libpq URL; a usage error (password redacted) when it is neither. */
    public static TargetDatabase of(String url) {
        return new TargetDatabase(url, null, null);
    }

    /**
     * The same with a user and a password that replace the URL's (null: the URL's, if any), kept apart
     * from the URL and out of every message.
     */
    public static TargetDatabase of(String url, String user, String password) {
        return new TargetDatabase(url, user, password);
    }

    /** The user the connection logs in as, when known (from the URL or given); null otherwise. */
    public String user() {
        return parsed.user();
    }

    public Connection connect() throws SQLException {
        return parsed.connect();
    }

    /** The database name in the URL ("" when none: the server's default, the user name). */
    public String database() {
        Matcher m = PARTS.matcher(url);
        return m.matches() ? URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8) : "";
    }

    /** The same server and credentials, another database. */
    public TargetDatabase withDatabase(String database) {
        Matcher m = PARTS.matcher(url);
        if (!m.matches()) {
            throw new PgRelocateException("cannot change the database of " + this, PgRelocateException.EXIT_USAGE);
        }
        String authority = m.group(1).endsWith("/") ? m.group(1) : m.group(1) + "/";
        String encoded = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return new TargetDatabase(authority + encoded + m.group(3), user, password);
    }

    @Override
    public String toString() {
        return parsed.toString();
    }
}
