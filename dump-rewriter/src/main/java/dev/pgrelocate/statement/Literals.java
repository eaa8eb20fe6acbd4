package dev.pgrelocate.statement;

/** String literal helpers for the few places rules read a literal's value (SET values). */
public final class Literals {
    private Literals() {
    }

    /** The value of a '...' or E'...' literal; other prefixes are returned without their quotes. */
    public static String unquote(String literal) {
        int open = literal.indexOf('\'');
        String body = literal.substring(open + 1, literal.length() - 1);
        if (open > 0 && (literal.charAt(0) == 'E' || literal.charAt(0) == 'e')) {
            body = body.replace("\\\\", "\u0000").replace("\\'", "'").replace('\u0000', '\\');
        }
        return body.replace("''", "'");
    }
}
