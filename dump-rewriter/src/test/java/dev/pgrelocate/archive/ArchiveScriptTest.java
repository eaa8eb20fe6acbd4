package dev.pgrelocate.archive;

import static dev.pgrelocate.archive.PgRestoreScript.archiveScript;
import static dev.pgrelocate.archive.PgRestoreScript.fixture;
import static dev.pgrelocate.archive.PgRestoreScript.pgRestore;
import static dev.pgrelocate.archive.PgRestoreScript.text;
import static dev.pgrelocate.archive.PgRestoreScript.assertSameText;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ArchiveScript against the real pg_restore 15.18: the same script, byte for byte. */
class ArchiveScriptTest {
    private static final String KEY = "TestRestrictKey0123";

    @ParameterizedTest
    @ValueSource(strings = {"archive/pgdump/pg15_v1.14_gzip.dump", "archive/pgdump/pg15_v1.14_gzip_nooffsets.dump",
        "archive/pgdump/pg15_v1.14_none.dump", "archive/pgdump/pg15_v1.14_dir", "archive/pgdump/pg15_v1.14.tar",
        "archive-restore/rails_app.dump"})
    void sameScriptAsPgRestore(String name) throws Exception {
        Path archive = fixture(name);
        String expected = text(pgRestore(archive, "--restrict-key=" + KEY));
        String actual = text(archiveScript(archive, ScriptOptions.defaults().withRestrictKey(KEY)));
        assertSameText(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"archive/pgdump/pg15_v1.14_gzip.dump", "archive-restore/rails_app.dump"})
    void sameScriptAsPgRestoreWithoutOwnersAndPrivileges(String name) throws Exception {
        Path archive = fixture(name);
        String expected = text(pgRestore(archive, "--restrict-key=" + KEY, "--no-owner", "--no-acl"));
        String actual = text(archiveScript(archive, new ScriptOptions(true, true, KEY)));
        assertSameText(expected, actual);
    }
}
