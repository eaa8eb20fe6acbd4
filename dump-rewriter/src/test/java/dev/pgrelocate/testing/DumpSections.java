package dev.pgrelocate.testing;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pg_dump's plain output as sections: each starts with the three comment lines
 * {@code --} / {@code -- Name: N; Type: T; Schema: S; Owner: O} / {@code --} and runs to the next
 * one (or to the closing {@code -- PostgreSQL database dump complete} block). For comparing
 * {@code pg_dump -s} texts (no COPY data) that must differ in known sections only.
 */
public final class DumpSections {

    private static final Pattern HEADER =
            Pattern.compile("^-- (?:Data for )?Name: (.*?); Type: ([^;]*); Schema: ([^;]*); Owner: (.*)$");

    private DumpSections() {
    }

    /** The dump without the sections whose (name, type) the predicate accepts; lines end with {@code \n}. */
    public static String drop(String dump, BiPredicate<String, String> section) {
        List<String> lines = dump.lines().toList();
        StringBuilder out = new StringBuilder(dump.length());
        boolean dropping = false;
        for (int i = 0; i < lines.size(); i++) {
            if (isSectionStart(lines, i)) {
                Matcher header = HEADER.matcher(lines.get(i + 1));
                dropping = header.matches() && section.test(header.group(1), header.group(2));
            }
            if (!dropping) {
                out.append(lines.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    /** The owner of every section header replaced by {@code ?}, so owners do not count. */
    public static String withoutHeaderOwners(String dump) {
        return dump.replaceAll("(?m)^(-- (?:Data for )?Name: .*; Owner: ).*$", "$1?");
    }

    private static boolean isSectionStart(List<String> lines, int i) {
        if (!lines.get(i).equals("--") || i + 2 >= lines.size() || !lines.get(i + 2).equals("--")) {
            return false;
        }
        String next = lines.get(i + 1);
        return next.startsWith("-- Name: ") || next.startsWith("-- Data for Name: ")
                || next.startsWith("-- PostgreSQL database dump");
    }
}
