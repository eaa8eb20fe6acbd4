package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;
import dev.pgrelocate.statement.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * References follow their extension: {@code public.citext}, {@code DEFAULT public.uuid_generate_v4()},
 * {@code public.gin_trgm_ops}, {@code OPERATOR(public.->)} become {@code heroku_ext.} when the
 * extension that owns the name was created in that schema and moves. Also inside reg* constants
 * ({@code 'public.unaccent'::regdictionary}), which the server resolves like any reference.
 *
 * <p>Never touched: names the dump defines itself (the user's objects), other string literals,
 * COPY data, and string or dollar-quoted routine bodies. A body that mentions a moved member gets
 * a warning instead. When the catalog does not know a moved extension, references it might own
 * are reported, not guessed.
 */
public final class ExtensionReferenceRule implements StatementRule {
    public static final String ID = "extension-reference";

    private static final Set<String> REG_TYPES = Set.of("regclass", "regproc", "regprocedure", "regoper",
            "regoperator", "regtype", "regconfig", "regdictionary", "regcollation");

    /** Lines of references left alone because their schema held an extension the catalog does not know. */
    private final Map<String, List<Long>> unresolvedBySchema = new LinkedHashMap<>();
    private final Set<String> warnedMissingExtensions = new HashSet<>();
    /** The schema each extension the dump creates was created in, before any move. */
    private final Map<String, String> createdIn = new HashMap<>();
    /** Schemas --ensure-extensions created missing extensions for: later references there are looked at too. */
    private final Set<String> ensuredFrom = new HashSet<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (s.kind() == StatementKind.CREATE_EXTENSION) {
            CreateExtension ext = CreateExtension.parse(s);
            if (ext != null) {
                createdIn.put(ext.name(), ext.schema() == null ? "public" : ext.schema());
            }
            return;
        }
        List<Token> significant = new ArrayList<>();
        for (Token t : s.tokens()) {
            if (!t.kind().isTrivia()) {
                significant.add(t);
            }
        }
        String text = s.text();
        for (QualifiedNames.Reference ref : QualifiedNames.find(significant, text)) {
            retarget(s, context, ref, 0, significant);
        }
        boolean routine = s.kind() == StatementKind.CREATE_FUNCTION;
        for (int i = 0; i < significant.size(); i++) {
            Token t = significant.get(i);
            if (t.kind() == TokenKind.STRING && isRegCast(significant, i, text)) {
                retargetInsideLiteral(s, context, t);
            } else if (routine && isRoutineBody(significant, i, text)) {
                warnAboutBody(s, context, t);
            }
        }
    }

    /**
     * @param significant the tokens the reference was found in, for a look at a call's arguments;
     *                    null inside a literal
     */
    private void retarget(Statement s, RuleContext context, QualifiedNames.Reference ref, int base,
                          List<Token> significant) {
        MovedExtensions moved = context.movedExtensions();
        String owner = moved.owner(ref.schema(), ref.name());
        if (context.definitions().defines(ref.schema(), ref.name())
                && (owner == null || !collisionResolvesToExtension(s, context, ref, owner, base, significant))) {
            return;
        }
        if (owner == null && (!moved.movesOutOf(ref.schema()) || ensuredFrom.contains(ref.schema()))) {
            owner = ensureMissingExtension(s, context, ref, base, significant);
        }
        if (owner != null) {
            String target = context.move().target();
            String failure = context.targetOwnedByPlatform()
                    ? ref.schema() + "." + ref.name() + " does not exist once extension " + owner + " lives in " + target
                    : null;
            context.replace(ID, base + ref.schemaStart(), base + ref.schemaEnd(), context.move().targetSql(),
                    ref.schema() + "." + ref.name() + " -> " + target + "." + ref.name() + " (extension " + owner + ")",
                    failure);
        } else if (!moved.unknownIn(ref.schema()).isEmpty()) {
            List<Long> lines = unresolvedBySchema.computeIfAbsent(ref.schema(), k -> new ArrayList<>());
            long line = s.lineAt(base + ref.schemaStart());
            if (lines.isEmpty() || lines.get(lines.size() - 1) != line) {
                lines.add(line); // once per line, in input order
            }
        }
    }

    /**
     * The dump defines a routine with the same schema and name as a member of a moved extension
     * (a user's {@code public.difference(integer, integer)} beside fuzzystrmatch's): the argument
     * types of the call, or the parameter types of a signature, decide; when they cannot, the
     * reference stays and a warning says so.
     */
    private boolean collisionResolvesToExtension(Statement s, RuleContext context, QualifiedNames.Reference ref,
                                                 String owner, int base, List<Token> significant) {
        List<String> arguments = null;
        if (significant != null) {
            String text = s.text();
            int nameIndex = ref.nameIndex();
            boolean signature = nameIndex >= 3 && isRoutineKeyword(text, significant.get(nameIndex - 3))
                    || nameIndex >= 5 && isWord(text, significant.get(nameIndex - 4), "IF")
                    && isWord(text, significant.get(nameIndex - 3), "EXISTS")
                    && isRoutineKeyword(text, significant.get(nameIndex - 5)); // DROP FUNCTION IF EXISTS (--clean --if-exists)
            arguments = signature
                    ? ArgumentTypes.ofParameters(significant, nameIndex + 1, text)
                    : ArgumentTypes.ofCall(significant, nameIndex + 1, text);
        }
        if (arguments != null) {
            List<String> finalArguments = arguments;
            boolean fitsUser = context.definitions().signatures(ref.schema(), ref.name()).stream()
                    .anyMatch(sig -> ArgumentTypes.fits(finalArguments, sig));
            boolean fitsExtension = extensionSignatures(context, owner, ref.name()).stream()
                    .anyMatch(sig -> ArgumentTypes.fits(finalArguments, sig));
            if (fitsExtension != fitsUser) {
                return fitsExtension;
            }
        }
        context.warn(base + ref.schemaStart(), ref.schema() + "." + ref.name() + " names both an object this dump"
                        + " defines and a member of extension " + owner + "; nothing here says which, so it is left unchanged",
                "give the arguments explicit types (x::text) or rename the dump's own object");
        return false;
    }

    private static boolean isRoutineKeyword(String text, Token t) {
        if (t.kind() != TokenKind.IDENTIFIER) {
            return false;
        }
        String w = text.substring(t.start(), t.end()).toUpperCase(Locale.ROOT);
        return w.equals("FUNCTION") || w.equals("PROCEDURE") || w.equals("AGGREGATE") || w.equals("ROUTINE");
    }

    private static boolean isWord(String text, Token t, String word) {
        return t.kind() == TokenKind.IDENTIFIER && text.substring(t.start(), t.end()).equalsIgnoreCase(word);
    }

    private static List<List<String>> extensionSignatures(RuleContext context, String extension, String name) {
        List<List<String>> signatures = new ArrayList<>();
        for (var member : context.movedExtensions().catalog().entries()) {
            if (member.extension().equals(extension) && member.name().equals(name)) {
                List<String> types = ArgumentTypes.ofIdentity(member.identity());
                if (types != null) {
                    signatures.add(types);
                }
            }
        }
        return signatures;
    }

    /**
     * A reference to a member of an extension the dump never creates (pg_dump -n, Rails with
     * schema_search_path): warned once per extension; with --ensure-extensions the extension is
     * created in the target right before its first use, and the reference follows.
     */
    private String ensureMissingExtension(Statement s, RuleContext context, QualifiedNames.Reference ref, int base,
                                          List<Token> significant) {
        // pg_dump --clean drops the dependents of members before its CREATE EXTENSION: those are not uses.
        if (!context.move().movesFrom(ref.schema()) || s.kind() == StatementKind.DROP_OTHER
                || significant != null && isRangeVariable(ref.schema(), significant, s)) {
            return null;
        }
        Set<String> owners = new TreeSet<>(context.movedExtensions().catalog().ownersOfAnyKind(ref.name()));
        if (owners.stream().anyMatch(ext -> ref.schema().equals(createdIn.get(ext)))) {
            return null; // an extension the dump creates there owns the name (an excluded hstore's ?, ltree's too)
        }
        owners.removeIf(ext -> context.createdExtensions().contains(ext) || context.move().isExcluded(ext));
        if (owners.size() != 1) {
            return null; // none, or ambiguous (&& is intarray's and postgis's): never guess
        }
        String extension = owners.iterator().next();
        int at = base + ref.schemaStart();
        if (!context.ensureExtensions()) {
            if (warnedMissingExtensions.add(extension)) {
                context.warn(at, ref.schema() + "." + ref.name() + " belongs to extension " + extension
                                + ", which this dump never creates",
                        "create it on the target first (CREATE EXTENSION " + Identifiers.quote(extension) + " WITH SCHEMA "
                                + context.move().targetSql() + "), or rewrite with --ensure-extensions");
            }
            return null;
        }
        String nl = context.lineEnding();
        if (!context.targetSchemaCreated() && !context.move().isTarget("public")) {
            context.insert(EnsureTargetSchemaRule.ID, 0, "CREATE SCHEMA IF NOT EXISTS " + context.move().targetSql() + ";" + nl + nl,
                    "inserted CREATE SCHEMA IF NOT EXISTS " + context.move().target() + " before extension " + extension, null);
            context.markTargetSchemaCreated();
        }
        context.insert(ID, 0, "CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(extension)
                        + " WITH SCHEMA " + context.move().targetSql() + ";" + nl + nl,
                "inserted CREATE EXTENSION " + extension + " before its first use", null);
        context.createdExtensions().add(extension);
        context.movedExtensions().moved(extension, ref.schema());
        ensuredFrom.add(ref.schema());
        return extension;
    }

    /**
     * pg_dump qualifies columns with their table or alias ({@code c.path} in a view over
     * {@code public.categories c}, {@code new.path} in a trigger), which reads like schema.member:
     * a qualifier the statement also names on its own (a table, an alias, a CTE, the function whose
     * parameters a body qualifies), or NEW/OLD/EXCLUDED, is a range variable, not a schema.
     */
    private static boolean isRangeVariable(String qualifier, List<Token> significant, Statement s) {
        if (qualifier.equals("public")) {
            return false; // GRANT ... TO PUBLIC names the pseudo-role, never an alias
        }
        if (qualifier.equals("new") || qualifier.equals("old") || qualifier.equals("excluded")) {
            return true;
        }
        for (int i = 0; i < significant.size(); i++) {
            Token t = significant.get(i);
            boolean qualifies = i + 1 < significant.size() && significant.get(i + 1).kind() == TokenKind.DOT;
            if (!qualifies && (t.kind() == TokenKind.IDENTIFIER || t.kind() == TokenKind.QUOTED_IDENTIFIER)
                    && Identifiers.normalize(s, t).equals(qualifier)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 'schema.name'::regclass} and friends: the server resolves the literal as a name. */
    private static boolean isRegCast(List<Token> significant, int i, String text) {
        if (i + 2 >= significant.size()) {
            return false;
        }
        Token cast = significant.get(i + 1);
        if (cast.kind() != TokenKind.OPERATOR || !text.substring(cast.start(), cast.end()).equals("::")) {
            return false;
        }
        int typeIndex = i + 2;
        if (typeIndex + 2 < significant.size() && significant.get(typeIndex + 1).kind() == TokenKind.DOT
                && text.substring(significant.get(typeIndex).start(), significant.get(typeIndex).end())
                        .equalsIgnoreCase("pg_catalog")) {
            typeIndex += 2;
        }
        Token type = significant.get(typeIndex);
        return type.kind() == TokenKind.IDENTIFIER
                && REG_TYPES.contains(text.substring(type.start(), type.end()).toLowerCase(Locale.ROOT));
    }

    private void retargetInsideLiteral(Statement s, RuleContext context, Token literal) {
        String raw = s.text(literal);
        if (!raw.startsWith("'") || raw.indexOf("''") >= 0) {
            return; // an E'' or escaped literal is not how pg_dump writes object names
        }
        String content = raw.substring(1, raw.length() - 1);
        for (QualifiedNames.Reference ref : QualifiedNames.findInText(content)) {
            retarget(s, context, ref, literal.start() + 1, null);
        }
    }

    /** The AS string of CREATE FUNCTION/PROCEDURE, or a dollar-quoted body: user text, never edited. */
    private static boolean isRoutineBody(List<Token> significant, int i, String text) {
        Token t = significant.get(i);
        if (t.kind() == TokenKind.DOLLAR_STRING) {
            return true;
        }
        if (t.kind() != TokenKind.STRING || i == 0) {
            return false;
        }
        Token before = significant.get(i - 1);
        return before.kind() == TokenKind.IDENTIFIER && text.substring(before.start(), before.end()).equalsIgnoreCase("AS");
    }

    private void warnAboutBody(Statement s, RuleContext context, Token body) {
        String raw = s.text(body);
        // Lex what is between the quotes: the token itself would lex as one string again.
        int open = body.kind() == TokenKind.DOLLAR_STRING ? raw.indexOf('$', 1) + 1 : raw.indexOf('\'') + 1;
        int close = body.kind() == TokenKind.DOLLAR_STRING ? raw.length() - open : raw.length() - 1;
        Set<String> mentioned = new TreeSet<>();
        int line = -1;
        for (QualifiedNames.Reference ref : QualifiedNames.findInText(raw.substring(open, close))) {
            if (context.definitions().defines(ref.schema(), ref.name())) {
                continue;
            }
            String owner = context.movedExtensions().owner(ref.schema(), ref.name());
            if (owner != null && mentioned.add(ref.schema() + "." + ref.name() + " (" + owner + ")") && line < 0) {
                line = body.start() + open + ref.schemaStart();
            }
        }
        if (!mentioned.isEmpty()) {
            context.warn(line, "routine body mentions " + String.join(", ", mentioned)
                            + ", which move to " + context.move().target() + "; the body is not rewritten",
                    "qualify the name with " + context.move().target() + " in the source, or give the routine a"
                            + " search_path that includes " + context.move().target());
        }
    }

    @Override
    public void finish(RuleContext context) {
        unresolvedBySchema.forEach((schema, lines) -> {
            Set<String> unknown = context.movedExtensions().unknownIn(schema);
            context.warnAt(lines.get(0), 1, "extension" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                            + " moved out of " + schema + " but no catalog knows " + (unknown.size() == 1 ? "it" : "them")
                            + "; " + schema + ". references left unchanged at lines " + lines,
                    "give a database that has the extension installed with --catalog-url so its members are known");
        });
    }
}
