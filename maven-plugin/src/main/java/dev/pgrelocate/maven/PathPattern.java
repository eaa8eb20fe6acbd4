package dev.pgrelocate.maven;

import java.util.regex.Pattern;

/**
 * One Ant-style include or exclude pattern, matched against a path relative to the scanned
 * directory with {@code /} as separator: {@code *} is any run of characters within one path
 * segment, {@code ?} one such character, and a {@code **} segment any number of directories,
 * zero included. A pattern that ends in {@code /} means everything below that directory.
 *
 * <p>Ant semantics rather than {@link java.nio.file.FileSystem#getPathMatcher} globs because users
 * know them from every other Maven fileset, and because {@code db/**}{@code /*.sql} must match
 * {@code db/V1.sql}, which a nio glob does not.
 */
final class PathPattern {
    private final String text;
    private final Pattern regex;
    private final String baseDirectory;

    private PathPattern(String text, Pattern regex, String baseDirectory) {
        this.text = text;
        this.regex = regex;
        this.baseDirectory = baseDirectory;
    }

    /** Parses a pattern as written in the POM; backslashes count as separators, a leading {@code ./} is dropped. */
    static PathPattern of(String pattern) {
        String normalized = pattern.trim().replace('\\', '/');
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        if (normalized.endsWith("/")) {
            normalized = normalized + "**";
        }
        String[] segments = normalized.split("/+");
        StringBuilder re = new StringBuilder();
        StringBuilder base = new StringBuilder();
        boolean literalSoFar = true;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals("**")) {
                re.append(last ? ".*" : "(?:[^/]*/)*");
                literalSoFar = false;
                continue;
            }
            boolean wildcard = segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
            if (literalSoFar && !wildcard && !last) {
                base.append(base.length() == 0 ? "" : "/").append(segment);
            } else {
                literalSoFar = false;
            }
            appendSegment(re, segment);
            if (!last) {
                re.append('/');
            }
        }
        return new PathPattern(pattern, Pattern.compile(re.toString()), base.toString());
    }

    private static void appendSegment(StringBuilder re, String segment) {
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? "[^/]*" : "[^/]");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
    }

    /** True when {@code relativePath} (separator {@code /}) matches the whole pattern. */
    boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    /**
     * The directories before the first wildcard ({@code src/main/resources/db} for
     * {@code src/main/resources/db/**}{@code /*.sql}), or "" : where a scan for this pattern can start
     * instead of walking the whole project (node_modules, .git, ...).
     */
    String baseDirectory() {
        return baseDirectory;
    }

    @Override
    public String toString() {
        return text;
    }
}
