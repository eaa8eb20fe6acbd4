package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;
import dev.pgrelocate.statement.StatementReader;
import dev.pgrelocate.statement.Token;
import dev.pgrelocate.statement.TokenCursor;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema-qualified names a dump defines itself ({@code CREATE FUNCTION public.similarity_score},
 * {@code CREATE TABLE public.hstore_things}). pg_dump never defines extension members, so a name
 * the dump defines is the user's, and a reference to it never moves, whatever an extension owns.
 * Names are kept as {@code schema + '.' + name} in the statement byte domain.
 */
public final class DumpDefinitions {
    private final Set<String> names = new HashSet<>();
    /** Extensions the dump creates, with the schema each is created in (null: none named). */
    private final Map<String, String> extensions = new LinkedHashMap<>();
    /** Parameter types of every routine the dump defines, by {@code schema.name}. */
    private final Map<String, List<List<String>>> signatures = new HashMap<>();

    /** Reads a whole script once (the first pass over a seekable input); COPY data is skipped unread. */
    public static DumpDefinitions scan(InputStream in, String source) throws IOException {
        return new DumpDefinitions().scanMore(in, source);
    }

    /** Adds what one more piece of the dump defines (an archive's TOC entries come one by one). */
    public DumpDefinitions scanMore(InputStream in, String source) throws IOException {
        StatementReader reader = new StatementReader(in, source);
        StatementReader.Item item;
        while ((item = reader.next()) != StatementReader.Item.END) {
            if (item == StatementReader.Item.STATEMENT) {
                collect(reader.statement());
            }
        }
        return this;
    }

    public boolean defines(String schema, String name) {
        return names.contains(schema + '.' + name);
    }

    /** Parameter types of each routine named {@code schema.name} that the dump defines. */
    public List<List<String>> signatures(String schema, String name) {
        return signatures.getOrDefault(schema + '.' + name, List.of());
    }

    /**
     * Extensions the dump creates and the schema named for each (null when none is), known before
     * the stream reaches them when a first pass ran: pg_dump --clean drops an extension's dependents,
     * naming its members, before the CREATE EXTENSION.
     */
    public Map<String, String> extensions() {
        return Collections.unmodifiableMap(extensions);
    }

    public void addAll(DumpDefinitions other) {
        names.addAll(other.names);
        extensions.putAll(other.extensions);
        other.signatures.forEach((k, v) -> v.forEach(sig -> addSignature(k, sig)));
    }

    private void addSignature(String qualified, List<String> types) {
        List<List<String>> list = signatures.computeIfAbsent(qualified, k -> new ArrayList<>());
        if (!list.contains(types)) {
            list.add(types);
        }
    }

    /** Records the name a CREATE statement defines, if it defines a schema-qualified object. */
    public void collect(Statement s) {
        StatementKind kind = s.kind();
        if (kind == StatementKind.CREATE_EXTENSION) {
            CreateExtension ext = CreateExtension.parse(s);
            if (ext != null) {
                extensions.put(ext.name(), ext.schema());
            }
            return;
        }
        if (kind != StatementKind.CREATE_TABLE && kind != StatementKind.CREATE_FUNCTION && kind != StatementKind.CREATE_OTHER) {
            return;
        }
        TokenCursor c = new TokenCursor(s);
        c.advance(); // CREATE
        c.acceptWords("OR", "REPLACE");
        // Object-kind words up to the name: TABLE, MATERIALIZED VIEW, TEXT SEARCH DICTIONARY, OPERATOR CLASS, ...
        while (c.hasNext() && c.peek().kind() == TokenKind.IDENTIFIER && !followedByDot(s, c)) {
            if (c.acceptWords("IF", "NOT", "EXISTS")) {
                break;
            }
            if (c.nextIsWord("ON") || c.nextIsWord("AS") || c.nextIsWord("FROM")) {
                return; // an index, trigger, rule or policy: it names a table, it does not define one
            }
            c.advance();
        }
        if (!c.nextIsName() || !followedByDot(s, c)) {
            return;
        }
        String schema = Identifiers.normalize(s, c.advance());
        c.advance(); // the dot
        if (!c.hasNext()) {
            return;
        }
        Token name = c.advance();
        if (name.kind() == TokenKind.IDENTIFIER || name.kind() == TokenKind.QUOTED_IDENTIFIER) {
            String qualified = schema + '.' + Identifiers.normalize(s, name);
            names.add(qualified);
            if (kind == StatementKind.CREATE_FUNCTION || isAggregate(s)) {
                List<Token> significant = significant(s);
                int open = significant.indexOf(name) + 1;
                List<String> types = ArgumentTypes.ofParameters(significant, open, s.text());
                if (types != null) {
                    addSignature(qualified, types);
                }
            }
        } else if (name.kind() == TokenKind.OPERATOR) {
            names.add(schema + '.' + s.text(name));
        }
    }

    private static boolean isAggregate(Statement s) {
        TokenCursor c = new TokenCursor(s);
        c.advance();
        c.acceptWords("OR", "REPLACE");
        return c.nextIsWord("AGGREGATE");
    }

    static List<Token> significant(Statement s) {
        List<Token> out = new ArrayList<>();
        for (Token t : s.tokens()) {
            if (!t.kind().isTrivia()) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean followedByDot(Statement s, TokenCursor c) {
        int mark = c.mark();
        c.advance();
        boolean dot = c.nextIs(TokenKind.DOT);
        c.reset(mark);
        return dot;
    }
}
