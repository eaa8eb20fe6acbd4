package dev.pgrelocate.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The reference: what the real pg_restore 15 prints for an archive, and ArchiveScript's output for it. */
final class PgRestoreScript {
    static final Path PG_RESTORE = Path.of(System.getProperty("pgrelocate.test.pg_restore",
            "/usr/lib/postgresql/15/bin/pg_restore"));

    private PgRestoreScript() {
    }

    /** A file or directory of {@code fixtures/<folder>}. */
    static Path fixture(String name) {
        URL url = PgRestoreScript.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code pg_restore -f - <args> archive}; fails on a non-zero exit. */
    static byte[] pgRestore(Path archive, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PG_RESTORE.toString(), "-f", "-"));
        command.addAll(List.of(args));
        command.add(archive.toString());
        Path err = Files.createTempFile("pg_restore-", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_restore failed: " + Files.readString(err));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static byte[] archiveScript(Path path, ScriptOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Archive archive = ArchiveReader.open(path)) {
            new ArchiveScript(options).write(archive, out);
        }
        return out.toByteArray();
    }

    /** Fails with a unified diff (not two whole scripts) when the texts differ. */
    static void assertSameText(String expected, String actual) {
        if (!expected.equals(actual)) {
            org.junit.jupiter.api.Assertions.fail(dev.pgrelocate.testing.LineDiff.unified("expected",
                    expected.lines().toList(), "actual", actual.lines().toList()));
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
