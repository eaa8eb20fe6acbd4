package dev.pgrelocate.support;

import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.report.Change;
import dev.pgrelocate.report.RewriteReport;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rewrites SQL the way {@link Rewriter#rewriteSql} does, asserts the exact output and the report
 * entries, then asserts idempotence: rewriting the output again changes nothing and reports nothing.
 */
public final class RewriteHarness {

    private RewriteHarness() {
    }

    /**
     * @param changes the expected report entries, each as {@code "rule line:column"}, in order
     * @return the first rewrite, for further assertions on the report
     */
    public static Rewriter.SqlRewrite assertRewrite(RewriteOptions options, String input, String expected,
                                                    String... changes) {
        Rewriter rewriter = new Rewriter(options);
        Rewriter.SqlRewrite first = rewriter.rewriteSql(input, "t.sql");
        assertEquals(expected, first.sql(), "rewritten SQL");
        assertEquals(List.of(changes), summary(first.report()), "report entries");
        assertIdempotent(rewriter, first.sql());
        return first;
    }

    /** The input comes out byte for byte and nothing is reported. */
    public static Rewriter.SqlRewrite assertUnchanged(RewriteOptions options, String input) {
        return assertRewrite(options, input, input);
    }

    public static void assertIdempotent(Rewriter rewriter, String output) {
        Rewriter.SqlRewrite second = rewriter.rewriteSql(output, "t.sql");
        assertEquals(output, second.sql(), "rewriting the output again must change nothing");
        assertEquals(List.of(), summary(second.report()), "rewriting the output again must report nothing");
    }

    /** Each change as {@code "rule line:column"}. */
    public static List<String> summary(RewriteReport report) {
        return report.changes().stream().map(RewriteHarness::summary).toList();
    }

    public static String summary(Change c) {
        return c.rule() + " " + c.line() + ":" + c.column();
    }
}
