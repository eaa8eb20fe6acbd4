package dev.pgrelocate.rule;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.report.Change;
import org.junit.jupiter.api.Test;

import static dev.pgrelocate.support.RewriteHarness.assertRewrite;
import static dev.pgrelocate.support.RewriteHarness.assertUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class StripRestrictRuleTest {
    private static final String KEY = "x8BBundq4f0Jk4lT5bckGtWeXazBXcW9vAcqbmBYpQaX4fty3eYCo83mYn3BU0X";
    private static final RewriteOptions STRIP = RewriteOptions.builder().preset(Preset.HEROKU).stripRestrict(true).build();
    private static final String ID = StripRestrictRule.ID;

    private static final String DUMP = "--\n-- PostgreSQL database dump\n--\n\n"
            + "\\restrict " + KEY + "\n\n"
            + "SET statement_timeout = 0;\n\n"
            + "\\unrestrict " + KEY + "\n"
            + "\\connect extdb\n"
            + "\\restrict " + KEY + "\n\n"
            + "SET lock_timeout = 0;\n\n"
            + "\\unrestrict " + KEY + "\n\n";

    @Test
    void keptWithoutTheOption() {
        assertUnchanged(RewriteOptions.of(Preset.HEROKU), DUMP);
    }

    @Test
    void removedWithTheOptionAndConnectKept() {
        Rewriter.SqlRewrite r = assertRewrite(STRIP, DUMP,
                "--\n-- PostgreSQL database dump\n--\n\n"
                        + "\n"
                        + "SET statement_timeout = 0;\n\n"
                        + "\\connect extdb\n"
                        + "\n"
                        + "SET lock_timeout = 0;\n\n"
                        + "\n",
                ID + " 5:1", ID + " 9:1", ID + " 11:1", ID + " 15:1");
        Change c = r.report().changes().get(0);
        assertEquals("removed \\restrict line (key not shown)", c.description());
        assertEquals("\\restrict", c.statement());
        assertNull(c.failure());
    }

    @Test
    void reportNeverContainsTheKey() {
        Rewriter.SqlRewrite r = new Rewriter(STRIP).rewriteSql(DUMP, "t.sql");
        assertFalse(r.report().toText().contains(KEY), r.report().toText());
        assertFalse(r.report().toJson().contains(KEY), r.report().toJson());
        assertFalse(r.sql().contains(KEY));
    }

    @Test
    void reportNeverContainsTheKeyWhenATabSeparatesIt() {
        Rewriter.SqlRewrite r = assertRewrite(STRIP, "\\restrict\t" + KEY + "\nSELECT 1;\n", "SELECT 1;\n", ID + " 1:1");
        assertFalse(r.report().toText().contains(KEY), r.report().toText());
        assertFalse(r.report().toJson().contains(KEY), r.report().toJson());
    }

    @Test
    void crlfLinesGoWhole() {
        assertRewrite(STRIP,
                "\\restrict " + KEY + "\r\n\r\nSET a = 1;\r\n\\unrestrict " + KEY + "\r\n",
                "\r\nSET a = 1;\r\n",
                ID + " 1:1", ID + " 4:1");
    }

    @Test
    void lastLineWithoutLineEnd() {
        assertRewrite(STRIP, "SET a = 1;\n\\unrestrict " + KEY, "SET a = 1;\n", ID + " 2:1");
    }

    @Test
    void otherMetaCommandsAndLookAlikesAreKept() {
        assertUnchanged(STRIP, "\\connect db\n\\restricted x\n\\set ON_ERROR_STOP on\n"
                + "COMMENT ON TABLE t IS '\n\\restrict " + KEY + "\n';\n"
                + "COPY t FROM stdin;\n\\restrict " + KEY + "\n\\.\n");
    }
}
