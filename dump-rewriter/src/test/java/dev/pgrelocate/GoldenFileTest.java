package dev.pgrelocate;

import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.support.RewriteHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden pairs discovered from {@code src/test/resources/golden} (format in its README.txt): each
 * is checked for the exact output, for idempotence, and with CRLF line ends.
 */
class GoldenFileTest {
    private static final String INPUT = ".input.sql";
    private static final String EXPECTED = ".expected.sql";
    private static final String OPTIONS = ".options";
    private static final Set<String> OPTION_KEYS = Set.of("preset", "stripRestrict", "input");

    private static final Path GOLDEN = resourceDirectory("/golden");
    private static final Path FIXTURES = resourceDirectory("/fixtures/plain");

    /** One case; {@code input} lies in golden/ for hand-written cases and in fixtures/plain for real dumps. */
    record GoldenCase(String name, Path input, Path expected, RewriteOptions options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<GoldenCase> cases() {
        List<GoldenCase> cases = new ArrayList<>();
        for (String name : caseNames(GOLDEN, INPUT)) {
            Path expected = GOLDEN.resolve(name + EXPECTED);
            if (Files.exists(expected)) {
                Properties p = options(GOLDEN.resolve(name + OPTIONS));
                if (p.containsKey("input")) {
                    throw new IllegalStateException(name + OPTIONS + ": input= belongs in fixtures/ cases only");
                }
                cases.add(new GoldenCase(name, GOLDEN.resolve(name + INPUT), expected, rewriteOptions(p)));
            }
        }
        Path fixtureGolden = GOLDEN.resolve("fixtures");
        for (String name : caseNames(fixtureGolden, EXPECTED)) {
            Properties p = options(fixtureGolden.resolve(name + OPTIONS));
            if (p.containsKey("input")) {
                cases.add(new GoldenCase("fixtures/" + name, FIXTURES.resolve(p.getProperty("input")),
                        fixtureGolden.resolve(name + EXPECTED), rewriteOptions(p)));
            }
        }
        return cases.stream();
    }

    @Test
    void everyGoldenFileHasItsOtherHalf() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith(INPUT)) {
                    requireSibling(f, INPUT, EXPECTED, problems);
                } else if (file.endsWith(EXPECTED)) {
                    requireSibling(f, EXPECTED, INPUT, problems);
                } else if (file.endsWith(OPTIONS)) {
                    requireSibling(f, OPTIONS, INPUT, problems);
                    requireSibling(f, OPTIONS, EXPECTED, problems);
                } else if (!file.equals("README.txt")) {
                    problems.add(file + ": not part of a golden case (expected <case>.input.sql, .expected.sql, .options)");
                }
            }
        }
        try (Stream<Path> files = Files.list(GOLDEN.resolve("fixtures"))) {
            for (Path f : files.toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith(EXPECTED)) {
                    String name = file.substring(0, file.length() - EXPECTED.length());
                    Path options = f.resolveSibling(name + OPTIONS);
                    String input = Files.exists(options) ? options(options).getProperty("input") : null;
                    if (input == null) {
                        problems.add("fixtures/" + file + ": needs fixtures/" + name + OPTIONS + " with input=<file>");
                    } else if (!Files.exists(FIXTURES.resolve(input))) {
                        problems.add("fixtures/" + name + OPTIONS + ": no fixture named " + input);
                    }
                } else if (file.endsWith(OPTIONS)) {
                    requireSibling(f, OPTIONS, EXPECTED, problems);
                } else {
                    problems.add("fixtures/" + file + ": not part of a golden case");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("unpaired golden files:\n  " + String.join("\n  ", problems));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rewritesToTheExpectedOutput(GoldenCase c) {
        assertSameText(read(c.expected()), rewrite(c.options(), read(c.input()), c.name()).text(), c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expectedOutputIsAFixedPoint(GoldenCase c) {
        String expected = read(c.expected());
        Result again = rewrite(c.options(), expected, c.name());
        assertSameText(expected, again.text(), c.name() + " rewritten again");
        assertEquals(List.of(), RewriteHarness.summary(again.report()), "no change on the second pass");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void crlfInputGivesCrlfOutput(GoldenCase c) {
        String input = read(c.input()).replace("\n", "\r\n");
        String expected = read(c.expected()).replace("\n", "\r\n");
        assertSameText(expected, rewrite(c.options(), input, c.name()).text(), c.name() + " with CRLF");
    }

    // ------------------------------------------------------------ helpers

    record Result(String text, RewriteReport report) {
    }

    /** Byte-exact: the files are read and written as ISO-8859-1, one char per byte. */
    private static Result rewrite(RewriteOptions options, String input, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RewriteReport report = new Rewriter(options).rewrite(
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), out, source);
            return new Result(out.toString(StandardCharsets.ISO_8859_1), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports the first differing line before the full comparison, which is unreadable for big files. */
    private static void assertSameText(String expected, String actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int line = 0;
        while (line < e.length && line < a.length && e[line].equals(a[line])) {
            line++;
        }
        String want = line < e.length ? e[line] : "<end of file>";
        String got = line < a.length ? a[line] : "<end of file>";
        fail(what + ": first difference at line " + (line + 1) + "\n  expected: " + show(want) + "\n  actual:   " + show(got));
    }

    private static String show(String line) {
        return line.replace("\r", "\\r").replace("\t", "\\t");
    }

    private static RewriteOptions rewriteOptions(Properties p) {
        for (String key : p.stringPropertyNames()) {
            if (!OPTION_KEYS.contains(key)) {
                throw new IllegalStateException("unknown golden option '" + key + "', expected one of " + OPTION_KEYS);
            }
        }
        return RewriteOptions.builder()
                .preset(Preset.fromName(p.getProperty("preset", "heroku")))
                .stripRestrict(Boolean.parseBoolean(p.getProperty("stripRestrict", "false")))
                .build();
    }

    private static Properties options(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private static Set<String> caseNames(Path dir, String suffix) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(suffix))
                    .forEach(f -> names.add(f.substring(0, f.length() - suffix.length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static void requireSibling(Path file, String suffix, String siblingSuffix, List<String> problems) {
        String name = file.getFileName().toString();
        String sibling = name.substring(0, name.length() - suffix.length()) + siblingSuffix;
        if (!Files.exists(file.resolveSibling(sibling))) {
            problems.add(name + ": missing " + sibling);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resourceDirectory(String name) {
        URL url = GoldenFileTest.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("no test resource folder " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
