package dev.pgrelocate.db;

import dev.pgrelocate.PgRelocateException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A database address as users have it: a JDBC URL ({@code jdbc:postgresql://host:5432/db}) or a
 * libpq-style URL such as Heroku's {@code DATABASE_URL}
 * ({@code postgres://user:secret@host:5432/db?sslmode=require}). The password is kept apart from
 * the URL and never appears in {@link #toString()} or in any message.
 */
public final class ConnectionUrl {
    private final String jdbcUrl;
    private final Properties properties;
    private final String redacted;

    private ConnectionUrl(String jdbcUrl, Properties properties, String redacted) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.redacted = redacted;
    }

    public static ConnectionUrl parse(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return fromJdbc(url);
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            return fromLibpq(url);
        }
        throw new PgRelocateException("not a PostgreSQL URL: expected jdbc:postgresql://host/db or"
                + " postgres://user:password@host:port/db", PgRelocateException.EXIT_USAGE);
    }

    /**
     * The user the URL names: a libpq URL's user info, or a JDBC URL's {@code user} parameter; null when none.
     */
    public String user() {
        if (properties.containsKey("user")) {
            return properties.getProperty("user");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]user=([^&]*)").matcher(jdbcUrl);
        return m.find() ? decode(m.group(1)) : null;
    }

    /** Whether the URL carries a password (user info or a JDBC {@code password} parameter). */
    public boolean hasPassword() {
        return properties.containsKey("password") || jdbcUrl.matches("(?s).*[?&]password=.*");
    }

    /**
     * The same address with the given user and password instead of the URL's (either may be null: the
     * URL's stays). The password is passed to the driver apart from the URL and never shown.
     */
    public ConnectionUrl withCredentials(String user, String password) {
        if (user == null && password == null) {
            return this;
        }
        String url = jdbcUrl;
        Properties props = new Properties();
        props.putAll(properties);
        String shownUser = user();
        if (user != null) {
            url = removeParameter(url, "user");
            props.setProperty("user", user);
            shownUser = user;
        }
        if (password != null) {
            url = removeParameter(url, "password");
            props.setProperty("password", password);
        }
        String shown = redacted;
        if (user != null && redacted.startsWith("jdbc:")) {
            shown = redactPassword(url) + (url.contains("?") ? "&" : "?") + "user=" + shownUser;
        } else if (user != null) {
            shown = redacted.replaceFirst("^([a-z]+://)(?:[^@/]*@)?", "$1" + java.util.regex.Matcher.quoteReplacement(shownUser) + "@");
        }
        return new ConnectionUrl(url, props, shown);
    }

    private static String removeParameter(String url, String name) {
        String cleaned = url.replaceAll("(?i)([?&])" + name + "=[^&]*(&|$)", "$1");
        return cleaned.replaceAll("[?&]$", "");
    }

    private static String redactPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public String toString() {
        return redacted;
    }

    private static ConnectionUrl fromJdbc(String url) {
        // A password given as a JDBC parameter stays in the URL for the driver, but not in messages.
        return new ConnectionUrl(url, new Properties(), redactPassword(url));
    }

    private static ConnectionUrl fromLibpq(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new PgRelocateException("malformed database URL (" + redactUserInfo(url) + "): " + e.getReason(),
                    PgRelocateException.EXIT_USAGE);
        }
        if (uri.getHost() == null) {
            throw new PgRelocateException("the database URL " + redactUserInfo(url) + " names no host",
                    PgRelocateException.EXIT_USAGE);
        }
        Properties props = new Properties();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                props.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath().substring(1);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(database);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery()); // sslmode and friends mean the same to PgJDBC
        }
        String shown = uri.getScheme() + "://" + (props.containsKey("user") ? props.getProperty("user") + "@" : "")
                + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + database;
        return new ConnectionUrl(jdbc.toString(), props, shown);
    }

    private static String redactUserInfo(String url) {
        // Up to the last @: a malformed URL may hold a password with an unencoded / or @.
        return url.replaceAll("//.*@", "//***@");
    }

    /** Percent-decoding as libpq does it: unlike a form, a URL's + is a plus sign, not a space. */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
