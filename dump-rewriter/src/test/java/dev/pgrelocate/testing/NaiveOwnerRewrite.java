package dev.pgrelocate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line-based stand-in for the owner rules, good enough for the owners fixtures only: it drops or
 * edits exactly the statements {@link OwnerStatementKind} names, so {@code OwnerFixturesTest} can
 * show that README.md's table of "which statement needs which option" is complete, independently
 * of the real rules. It knows pg_dump's layout (statements start in column 0, COPY data ends with
 * {@code \.}) and nothing of SQL beyond that; never use it on other input.
 *
 * @param noOwner drop {@link OwnerStatementKind#OWNER} and {@link OwnerStatementKind#SESSION_OWNER}
 * @param noAcl drop {@link OwnerStatementKind#PRIVILEGE}, {@link OwnerStatementKind#DEFAULT_PRIVILEGES}
 *     and {@link OwnerStatementKind#ACL_GRANTOR}
 * @param noEventTriggers drop {@link OwnerStatementKind#EVENT_TRIGGER}, and the
 *     {@code SET SESSION AUTHORIZATION} that precedes a CREATE EVENT TRIGGER
 * @param dropPlpgsql drop {@code COMMENT ON EXTENSION plpgsql} and {@code DROP EXTENSION IF EXISTS plpgsql}
 * @param roles old name -> new name, applied to the roles of the statements of those kinds
 *     (and of {@link OwnerStatementKind#POLICY}) that stay
 */
record NaiveOwnerRewrite(boolean noOwner, boolean noAcl, boolean noEventTriggers, boolean dropPlpgsql,
        Map<String, String> roles) {

    private static final Pattern SIMPLE_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Pattern ROLE_TOKEN = Pattern.compile("\"(?:[^\"]|\"\")*\"|[^\\s,\"]+");
    private static final Pattern OWNER_TO = Pattern.compile("^(.* OWNER TO )(.+)(;)$");
    private static final Pattern SESSION_LITERAL = Pattern.compile("^(SET SESSION AUTHORIZATION )'((?:[^']|'')*)'(;)$");
    private static final Pattern SESSION_IDENTIFIER = Pattern.compile("^(SET SESSION AUTHORIZATION )([^'].*)(;)$");
    private static final Pattern GRANTEES = Pattern.compile("^(.* (?:TO|FROM) )(.+?)((?: WITH GRANT OPTION)?;)$");
    private static final Pattern FOR_ROLE = Pattern.compile("^(ALTER DEFAULT PRIVILEGES FOR ROLE )(\"(?:[^\"]|\"\")*\"|\\S+)( .*)$");
    private static final Pattern POLICY_ROLES = Pattern.compile("^(CREATE POLICY .*? TO )(.+?)( USING .*| WITH CHECK .*|;)$");

    void rewrite(Path in, Path out) throws IOException {
        List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>(lines.size());
        boolean inCopy = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (inCopy) {
                inCopy = !line.equals("\\.");
                kept.add(line);
                continue;
            }
            if (line.startsWith("COPY ") && line.endsWith(" FROM stdin;")) {
                inCopy = true;
                kept.add(line);
                continue;
            }
            OwnerStatementKind kind = OwnerStatementKind.of(line);
            if (kind != null && drops(kind, line, lines, i)) {
                while (!lines.get(i).endsWith(";")) {
                    i++; // the rest of a multi-line statement (CREATE EVENT TRIGGER)
                }
                continue;
            }
            kept.add(kind == null || roles.isEmpty() ? line : mapRoles(kind, line));
        }
        Files.write(out, kept, StandardCharsets.UTF_8);
    }

    private boolean drops(OwnerStatementKind kind, String line, List<String> lines, int i) {
        return switch (kind) {
            case OWNER -> noOwner;
            case SESSION_OWNER -> noOwner || noEventTriggers && nextStatement(lines, i).startsWith("CREATE EVENT TRIGGER ");
            case ACL_GRANTOR, PRIVILEGE, DEFAULT_PRIVILEGES -> noAcl;
            case EVENT_TRIGGER -> noEventTriggers;
            case EXTENSION_COMMENT, EXTENSION_DROP -> dropPlpgsql && line.matches("^(COMMENT ON|DROP) EXTENSION (IF EXISTS )?plpgsql[ ;].*");
            case POLICY -> false;
        };
    }

    private static String nextStatement(List<String> lines, int i) {
        for (int j = i + 1; j < lines.size(); j++) {
            String line = lines.get(j);
            if (!line.isEmpty() && !line.startsWith("--")) {
                return line;
            }
        }
        return "";
    }

    private String mapRoles(OwnerStatementKind kind, String line) {
        return switch (kind) {
            case OWNER -> replaceGroup(OWNER_TO, line, this::mapList);
            case SESSION_OWNER -> replaceGroup(SESSION_LITERAL, line, literal -> {
                String role = literal.replace("''", "'");
                return "'" + roles.getOrDefault(role, role).replace("'", "''") + "'";
            });
            case ACL_GRANTOR -> replaceGroup(SESSION_IDENTIFIER, line, this::mapList);
            case PRIVILEGE -> replaceGroup(GRANTEES, line, this::mapList);
            case DEFAULT_PRIVILEGES -> replaceGroup(GRANTEES, replaceGroup(FOR_ROLE, line, this::mapList), this::mapList);
            case POLICY -> replaceGroup(POLICY_ROLES, line, this::mapList);
            case EXTENSION_COMMENT, EXTENSION_DROP, EVENT_TRIGGER -> line;
        };
    }

    /** Replaces group 2 of a three-group pattern; lines that do not match stay. */
    private static String replaceGroup(Pattern pattern, String line, java.util.function.UnaryOperator<String> edit) {
        Matcher matcher = pattern.matcher(line);
        return matcher.matches() ? matcher.group(1) + edit.apply(matcher.group(2)) + matcher.group(3) : line;
    }

    /** {@code app_reader, "Report Writer"} with each role mapped and quoted as needed. */
    private String mapList(String list) {
        Matcher token = ROLE_TOKEN.matcher(list);
        StringBuilder out = new StringBuilder();
        while (token.find()) {
            String text = token.group();
            String role = text.startsWith("\"") ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text;
            String mapped = roles.get(role);
            token.appendReplacement(out, Matcher.quoteReplacement(mapped == null ? text : quoteIdentifier(mapped)));
        }
        token.appendTail(out);
        return out.toString();
    }

    private static String quoteIdentifier(String role) {
        return SIMPLE_IDENTIFIER.matcher(role).matches() ? role : PostgresServer.quoteIdentifier(role);
    }
}
