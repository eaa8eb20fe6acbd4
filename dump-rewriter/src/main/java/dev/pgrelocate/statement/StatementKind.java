package dev.pgrelocate.statement;

import java.util.List;
import java.util.Locale;

/**
 * What a statement does, decided from its first few keywords. Patterns are tried in order, so the
 * specific ones come before the catch-all for the same leading word.
 */
public enum StatementKind {
    CREATE_SCHEMA("CREATE SCHEMA"),
    CREATE_EXTENSION("CREATE EXTENSION"),
    CREATE_FUNCTION("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", "CREATE PROCEDURE", "CREATE OR REPLACE PROCEDURE"),
    CREATE_TABLE("CREATE TABLE", "CREATE UNLOGGED TABLE"),
    CREATE_OTHER("CREATE"),
    DROP_SCHEMA("DROP SCHEMA"),
    DROP_EXTENSION("DROP EXTENSION"),
    DROP_OTHER("DROP"),
    ALTER_SCHEMA("ALTER SCHEMA"),
    ALTER_EXTENSION("ALTER EXTENSION"),
    ALTER_DEFAULT_PRIVILEGES("ALTER DEFAULT PRIVILEGES"),
    ALTER_OTHER("ALTER"),
    COMMENT_ON_EXTENSION("COMMENT ON EXTENSION"),
    COMMENT_ON_SCHEMA("COMMENT ON SCHEMA"),
    COMMENT_ON_OTHER("COMMENT ON"),
    GRANT("GRANT"),
    REVOKE("REVOKE"),
    SET("SET"),
    RESET("RESET"),
    SELECT("SELECT"),
    INSERT("INSERT"),
    COPY("COPY"),
    OTHER();

    /** The longest pattern, in words: how far the classifier reads. */
    static final int MAX_WORDS = 4;

    private final List<List<String>> patterns;

    StatementKind(String... patterns) {
        this.patterns = java.util.Arrays.stream(patterns).map(p -> List.of(p.split(" "))).toList();
    }

    /** Classifies by the leading identifiers of a statement, upper-cased. */
    public static StatementKind of(List<String> leadingWords) {
        for (StatementKind kind : values()) {
            for (List<String> pattern : kind.patterns) {
                if (leadingWords.size() >= pattern.size() && leadingWords.subList(0, pattern.size()).equals(pattern)) {
                    return kind;
                }
            }
        }
        return OTHER;
    }

    public String displayName() {
        return name().replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
