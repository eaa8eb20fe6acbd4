package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough type knowledge to tell two same-named functions apart by their arguments: a user's
 * {@code public.difference(integer, integer)} next to fuzzystrmatch's {@code difference(text, text)}.
 * A call's argument gets a type only when it says so itself (an explicit {@code ::type} cast, a
 * number); anything else is unknown and matches every parameter.
 */
final class ArgumentTypes {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"), Map.entry("varchar", "character varying"),
            Map.entry("float8", "double precision"), Map.entry("float4", "real"), Map.entry("bool", "boolean"),
            Map.entry("decimal", "numeric"), Map.entry("bpchar", "character"), Map.entry("char", "character"),
            Map.entry("timestamptz", "timestamp with time zone"));

    private ArgumentTypes() {
    }

    /** A type name without its schema, lower case, aliases resolved, typmods and array marks kept off. */
    static String normalize(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT).replace("\"", "");
        int paren = t.indexOf('(');
        if (paren >= 0) {
            t = t.substring(0, paren).strip();
        }
        int dot = t.lastIndexOf('.');
        if (dot >= 0) {
            t = t.substring(dot + 1);
        }
        t = t.replaceAll("\\s+", " ");
        return ALIASES.getOrDefault(t, t);
    }

    /** Parameter types of an identity such as {@code public.difference(pg_catalog.text,pg_catalog.text)}. */
    static List<String> ofIdentity(String identity) {
        int open = identity.indexOf('(');
        if (open < 0 || !identity.endsWith(")")) {
            return null;
        }
        String inner = identity.substring(open + 1, identity.length() - 1).strip();
        List<String> types = new ArrayList<>();
        if (inner.isEmpty()) {
            return types;
        }
        for (String part : splitTopLevel(inner)) {
            types.add(normalize(part));
        }
        return types;
    }

    /**
     * Types of a call's arguments, the call's opening parenthesis at {@code open} in
     * {@code significant}; null when it is not a call (no parenthesis there).
     */
    static List<String> ofCall(List<Token> significant, int open, String text) {
        if (open >= significant.size() || significant.get(open).kind() != TokenKind.LEFT_PAREN) {
            return null;
        }
        List<String> types = new ArrayList<>();
        int depth = 0;
        int argStart = open + 1;
        for (int i = open + 1; i < significant.size(); i++) {
            TokenKind kind = significant.get(i).kind();
            if (kind == TokenKind.LEFT_PAREN || kind == TokenKind.LEFT_BRACKET) {
                depth++;
            } else if ((kind == TokenKind.RIGHT_PAREN || kind == TokenKind.RIGHT_BRACKET) && depth > 0) {
                depth--;
            } else if (depth == 0 && (kind == TokenKind.COMMA || kind == TokenKind.RIGHT_PAREN)) {
                if (i > argStart || kind == TokenKind.COMMA) {
                    types.add(typeOf(significant.subList(argStart, i), text));
                }
                if (kind == TokenKind.RIGHT_PAREN) {
                    return types;
                }
                argStart = i + 1;
            }
        }
        return null;
    }

    /**
     * Parameter types of a signature written as in CREATE/ALTER/DROP FUNCTION:
     * {@code (a integer, OUT b text, VARIADIC c text[] DEFAULT ...)}; OUT parameters are not part
     * of the signature. The opening parenthesis is at {@code open}; null when there is none.
     */
    static List<String> ofParameters(List<Token> significant, int open, String text) {
        if (open >= significant.size() || significant.get(open).kind() != TokenKind.LEFT_PAREN) {
            return null;
        }
        List<String> types = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i < significant.size(); i++) {
            TokenKind kind = significant.get(i).kind();
            if (kind == TokenKind.LEFT_PAREN) {
                depth++;
            } else if (kind == TokenKind.RIGHT_PAREN && depth > 0) {
                depth--;
            } else if (depth == 0 && (kind == TokenKind.COMMA || kind == TokenKind.RIGHT_PAREN)) {
                if (i > start) {
                    String type = parameterType(significant.subList(start, i), text);
                    if (type != null) {
                        types.add(type);
                    }
                }
                if (kind == TokenKind.RIGHT_PAREN) {
                    return types;
                }
                start = i + 1;
            }
        }
        return null;
    }

    private static final java.util.Set<String> MODES = java.util.Set.of("in", "out", "inout", "variadic");
    private static final java.util.Set<String> MULTI_WORD_TYPES = java.util.Set.of("double precision",
            "character varying", "bit varying", "timestamp with time zone", "timestamp without time zone",
            "time with time zone", "time without time zone");

    /** {@code [mode] [name] type [DEFAULT expr]} -> the type; null for an OUT parameter. */
    private static String parameterType(List<Token> param, String text) {
        int from = 0;
        String mode = word(param.get(0), text);
        if (MODES.contains(mode)) {
            if (mode.equals("out")) {
                return null;
            }
            from = 1;
        }
        int to = param.size();
        for (int i = from; i < param.size(); i++) {
            Token t = param.get(i);
            if (word(t, text).equals("default") || (t.kind() == TokenKind.OPERATOR && word(t, text).equals("="))) {
                to = i;
                break;
            }
        }
        if (from >= to) {
            return null;
        }
        String whole = text.substring(param.get(from).start(), param.get(to - 1).end());
        if (to - from == 1 || MULTI_WORD_TYPES.contains(normalize(whole))) {
            return normalize(whole);
        }
        return normalize(text.substring(param.get(from + 1).start(), param.get(to - 1).end()));
    }

    private static String word(Token t, String text) {
        return text.substring(t.start(), t.end()).toLowerCase(Locale.ROOT);
    }

    /** True when every known argument type equals the parameter's, and the counts agree. */
    static boolean fits(List<String> arguments, List<String> parameters) {
        if (arguments.size() != parameters.size()) {
            return false;
        }
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a != null && !a.equals(parameters.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code x::type} at the argument's top level, or a bare number; otherwise unknown (null). */
    private static String typeOf(List<Token> arg, String text) {
        if (arg.size() == 1 && arg.get(0).kind() == TokenKind.NUMBER) {
            String n = text.substring(arg.get(0).start(), arg.get(0).end());
            return n.matches("[0-9]+") ? "integer" : "numeric";
        }
        int depth = 0;
        int lastCast = -1;
        for (int i = 0; i < arg.size(); i++) {
            Token t = arg.get(i);
            if (t.kind() == TokenKind.LEFT_PAREN) {
                depth++;
            } else if (t.kind() == TokenKind.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && t.kind() == TokenKind.OPERATOR && text.substring(t.start(), t.end()).equals("::")) {
                lastCast = i;
            }
        }
        if (lastCast < 0 || lastCast + 1 >= arg.size()) {
            return null;
        }
        return normalize(text.substring(arg.get(lastCast + 1).start(), arg.get(arg.size() - 1).end()));
    }

    /** Splits on commas outside parentheses. */
    static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
