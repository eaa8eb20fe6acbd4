package dev.pgrelocate.statement;

import dev.pgrelocate.lex.TokenKind;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SQL identifiers as PostgreSQL reads and writes them. Names are kept in the statement's byte
 * domain (ISO-8859-1 text, one char per byte), so comparison and insertion never re-encode the dump.
 */
public final class Identifiers {

    private static final Pattern SAFE = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * Keywords that PostgreSQL's quote_identifier() quotes: every keyword that is not unreserved
     * (reserved, type/function-name and column-name keywords of src/include/parser/kwlist.h, PG 15).
     */
    private static final Set<String> NEEDS_QUOTES = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "variadic", "when", "where", "window", "with",
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose",
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national",
            "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real",
            "row", "setof", "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar",
            "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse",
            "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    private Identifiers() {
    }

    /** The name a name token stands for: unquoted names fold to lower case, quoted ones are taken as written. */
    public static String normalize(Statement s, Token t) {
        return normalize(s.text(t), t.kind() == TokenKind.QUOTED_IDENTIFIER);
    }

    /** The same for a token's text: {@code "Foo"} is {@code Foo}, {@code Foo} is {@code foo}. */
    public static String normalize(String text, boolean quoted) {
        if (quoted) {
            int open = text.indexOf('"');
            return text.substring(open + 1, text.length() - 1).replace("\"\"", "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** A user-supplied name (a Java string) in the statement byte domain, assuming a UTF-8 dump. */
    public static String toDumpDomain(String name) {
        return new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The name as SQL: bare when PostgreSQL would print it bare, otherwise double-quoted. */
    public static String quote(String name) {
        if (SAFE.matcher(name).matches() && !NEEDS_QUOTES.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The name as a single-quoted string literal, the form pg_dump uses in function SET clauses. */
    public static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
