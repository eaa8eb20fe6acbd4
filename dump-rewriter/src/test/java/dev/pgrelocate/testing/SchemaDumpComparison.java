package dev.pgrelocate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The equality proof for schemas: {@code pg_dump -s} of two databases (the real
 * {@code /usr/bin/pg_dump}, 15), normalized, then compared as a unified diff, so a test can write
 * {@code assertEquals("", SchemaDumpComparison.diff(server, source, restored))} and see the diff
 * when it fails.
 *
 * <p>The normalization forgets where the extensions live, and nothing else:
 * <ul>
 * <li>in every line, {@code heroku_ext.} and {@code extensions.} (schema-qualified names) become
 *     {@code public.}, {@code WITH SCHEMA heroku_ext} / {@code extensions} becomes {@code WITH SCHEMA
 *     public}, and the header comments' {@code Schema: heroku_ext;} becomes {@code Schema: public;};
 * <li>{@code SET search_path TO ...} lists (function settings) lose those two schemas and repeated
 *     elements, so {@code 'public', 'heroku_ext', 'pg_temp'} compares equal to {@code 'public', 'pg_temp'};
 * <li>the dump sections (header comment plus statements) of schemas {@code heroku_ext} and
 *     {@code extensions} themselves go: {@code CREATE SCHEMA}, {@code ALTER SCHEMA ... OWNER},
 *     {@code COMMENT ON SCHEMA}, {@code GRANT}/{@code REVOKE ... ON SCHEMA};
 * <li>so do the objects {@link PlatformSetup#HEROKU_LIKE} adds (schema {@code _heroku}, its function
 *     and the {@code validate_extension} event trigger);
 * <li><code>&#92;restrict</code> / <code>&#92;unrestrict</code> lines (random keys) and the two "Dumped from/by
 *     version" comments (embedded and system servers differ in minor version) go.
 * </ul>
 *
 * <p><b>The mapping is blind</b>: it rewrites every {@code heroku_ext.x}, whether {@code x} is an
 * extension member or not, and even inside string literals and function bodies (on both sides, so
 * a body the rewriter correctly left alone still compares equal). That is only acceptable because
 * the fixtures compared with it never put objects of their own into {@code heroku_ext} or
 * {@code extensions}: every object there is an extension member. Do not use it on databases that
 * do; it would hide a user object wrongly moved into or out of those schemas.
 */
public final class SchemaDumpComparison {

    /** Override with {@code -Dpgrelocate.test.pg_dump=/path/to/pg_dump}. */
    static final Path PG_DUMP = Path.of(System.getProperty("pgrelocate.test.pg_dump", "/usr/bin/pg_dump"));
    /** Schemas the presets move extensions to or from, besides public. */
    public static final List<String> EXTENSION_SCHEMAS = List.of(HerokuExtensionGuard.SCHEMA, "extensions");
    private static final long TIMEOUT_MINUTES = 5;

    /** {@code -- Name: x; Type: T; Schema: S; Owner: O} (also {@code -- Data for Name: ...}). */
    private static final Pattern SECTION_HEADER =
            Pattern.compile("^-- (?:Data for )?Name: (.*?); Type: ([^;]*); Schema: ([^;]*); Owner: (.*)$");
    private static final Pattern SEARCH_PATH = Pattern.compile("^(\\s*SET search_path TO )(.*)$");
    private static final Map<Pattern, String> SCHEMA_MAPPINGS = schemaMappings();

    private SchemaDumpComparison() {
    }

    /**
     * A unified diff of the normalized {@code pg_dump -s} of {@code expectedDatabase} (e.g. the
     * source) against that of {@code actualDatabase} (e.g. the restored copy); empty when equal.
     */
    public static String diff(PostgresServer server, String expectedDatabase, String actualDatabase)
            throws IOException, InterruptedException {
        return diff(server, expectedDatabase, server, actualDatabase);
    }

    public static String diff(PostgresServer expectedServer, String expectedDatabase,
            PostgresServer actualServer, String actualDatabase) throws IOException, InterruptedException {
        return diffOfDumps(expectedDatabase, schemaDump(expectedServer, expectedDatabase),
                actualDatabase, schemaDump(actualServer, actualDatabase));
    }

    /** {@link #diff} of two dump texts already at hand. */
    public static String diffOfDumps(String expectedLabel, String expectedDump, String actualLabel, String actualDump) {
        return LineDiff.unified(expectedLabel + " (pg_dump -s, normalized)", normalize(expectedDump).lines().toList(),
                actualLabel + " (pg_dump -s, normalized)", normalize(actualDump).lines().toList());
    }

    /** The raw {@code pg_dump -s} of a database, run as the superuser. */
    public static String schemaDump(PostgresServer server, String database) throws IOException, InterruptedException {
        List<String> command = List.of(PG_DUMP.toString(), "--schema-only", "--no-password",
                "-h", PostgresServer.HOST, "-p", Integer.toString(server.port()), "-U", PostgresServer.SUPERUSER,
                "-d", database);
        Path stdout = Files.createTempFile("pg_dump-", ".sql");
        Path stderr = Files.createTempFile("pg_dump-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            builder.environment().put("LC_ALL", "C.UTF-8");
            builder.environment().put("PGCONNECT_TIMEOUT", "10");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_dump did not finish within " + TIMEOUT_MINUTES + " minutes: " + database);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("pg_dump -s " + database + " failed with exit " + process.exitValue() + ":\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** The normalization described in the class comment; lines end with {@code \n}. */
    public static String normalize(String dump) {
        List<String> lines = dump.lines().toList();
        StringBuilder out = new StringBuilder(dump.length());
        boolean dropping = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isSectionStart(lines, i)) {
                Matcher header = SECTION_HEADER.matcher(lines.get(i + 1));
                dropping = header.matches() && isPlatformSection(header.group(1), header.group(2), header.group(3));
            }
            if (dropping || isVolatileLine(line)) {
                continue;
            }
            out.append(mapLine(line)).append('\n');
        }
        // Dropped lines leave runs of blank lines of different lengths behind.
        return out.toString().replaceAll("\n{3,}", "\n\n");
    }

    /** A section starts with "--", a "-- Name: ..." line and "--" again (the trailer has no Name line). */
    private static boolean isSectionStart(List<String> lines, int i) {
        if (!lines.get(i).equals("--") || i + 2 >= lines.size() || !lines.get(i + 2).equals("--")) {
            return false;
        }
        String next = lines.get(i + 1);
        return next.startsWith("-- Name: ") || next.startsWith("-- Data for Name: ")
                || next.startsWith("-- PostgreSQL database dump");
    }

    private static boolean isPlatformSection(String name, String type, String schema) {
        Set<String> schemas = new LinkedHashSet<>(EXTENSION_SCHEMAS);
        schemas.add(HerokuExtensionGuard.INTERNAL_SCHEMA);
        if (type.equals("SCHEMA") && schemas.contains(name)) {
            return true;
        }
        if ((type.equals("COMMENT") || type.equals("ACL")) && name.startsWith("SCHEMA ")
                && schemas.contains(name.substring("SCHEMA ".length()))) {
            return true;
        }
        if (schema.equals(HerokuExtensionGuard.INTERNAL_SCHEMA)) {
            return true;
        }
        return type.equals("EVENT TRIGGER") && name.equals(HerokuExtensionGuard.EVENT_TRIGGER);
    }

    /**
     * Lines whose content or place says nothing about the schema: random restrict keys, versions,
     * and the session settings pg_dump repeats before the first relation of its schema-name order
     * (which moves when an extension's member table moves to another schema).
     */
    private static boolean isVolatileLine(String line) {
        return line.startsWith("\\restrict ") || line.startsWith("\\unrestrict ")
                || line.equals("SET default_tablespace = '';") || line.equals("SET default_table_access_method = heap;")
                || line.startsWith("-- Dumped from database version ") || line.startsWith("-- Dumped by pg_dump version ");
    }

    private static String mapLine(String line) {
        Matcher searchPath = SEARCH_PATH.matcher(line);
        if (searchPath.matches()) {
            return searchPath.group(1) + normalizeSearchPath(searchPath.group(2));
        }
        String mapped = line;
        for (Map.Entry<Pattern, String> mapping : SCHEMA_MAPPINGS.entrySet()) {
            mapped = mapping.getKey().matcher(mapped).replaceAll(mapping.getValue());
        }
        return mapped;
    }

    /** {@code 'public', 'heroku_ext', 'pg_temp'} -> {@code 'public', 'pg_temp'}. */
    private static String normalizeSearchPath(String list) {
        Set<String> kept = new LinkedHashSet<>();
        for (String element : list.split(",")) {
            String trimmed = element.trim();
            String bare = trimmed.replaceAll("^['\"]|['\"]$", "");
            if (!EXTENSION_SCHEMAS.contains(bare)) {
                kept.add(trimmed);
            }
        }
        return String.join(", ", kept);
    }

    private static Map<Pattern, String> schemaMappings() {
        Map<Pattern, String> mappings = new LinkedHashMap<>();
        for (String schema : EXTENSION_SCHEMAS) {
            String quoted = Pattern.quote(schema);
            // not preceded by an identifier character: my_heroku_ext.x stays
            mappings.put(Pattern.compile("(?<![A-Za-z0-9_$\"])" + quoted + "\\."), "public.");
            mappings.put(Pattern.compile("\\bWITH SCHEMA " + quoted + "(?=;)"), "WITH SCHEMA public");
            mappings.put(Pattern.compile("; Schema: " + quoted + ";"), "; Schema: public;");
        }
        return mappings;
    }

    /** The lines that differ, for messages that do not need the whole diff. */
    static List<String> changedLines(String unifiedDiff) {
        List<String> lines = unifiedDiff.lines().toList();
        List<String> changed = new ArrayList<>();
        // the first two lines are the "--- expected" / "+++ actual" labels
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            if (line.startsWith("-") || line.startsWith("+")) {
                changed.add(line);
            }
        }
        return changed;
    }
}
