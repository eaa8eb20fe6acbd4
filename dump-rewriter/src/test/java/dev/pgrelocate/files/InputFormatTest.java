package dev.pgrelocate.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.PgRelocateException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Scripts are read plain, gzip'd or zstd'd; archives are refused with a hint. */
class InputFormatTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(InputFormatTest.class.getResource("/fixtures/archive/" + name).toURI());
    }

    @Test
    void zstdCompressedScriptIsDecompressed() throws Exception {
        byte[] plain = Files.readAllBytes(fixture("pg15/rails_archive.plain.sql"));
        Path zst = fixture("pg15/rails_archive.plain.sql.zst");
        assertTrue(Files.size(zst) < plain.length / 3, "really compressed");
        try (InputStream in = InputFormat.openScript(Files.newInputStream(zst), zst.toString())) {
            assertArrayEquals(plain, in.readAllBytes());
        }
    }

    @Test
    void archivesAreRefusedWithAHint() throws Exception {
        for (String name : new String[] {"pg15/rails_archive.custom.dump", "pg15/rails_archive.tar"}) {
            Path archive = fixture(name);
            PgRelocateException e = assertThrows(PgRelocateException.class,
                    () -> InputFormat.openScript(Files.newInputStream(archive), archive.toString()));
            assertEquals(PgRelocateException.EXIT_BAD_INPUT, e.exitCode());
            assertTrue(e.getMessage().contains("not a plain SQL script"), e.getMessage());
            assertTrue(e.getMessage().contains("hint: save it to a file and pass that"), e.getMessage());
            assertTrue(e.getMessage().contains("pgrelocate rewrite latest.dump -o"), e.getMessage());
        }
    }

    @Test
    void plainScriptPassesThrough() throws IOException, URISyntaxException {
        Path plain = fixture("pg15/rails_archive.plain.sql");
        try (InputStream in = InputFormat.openScript(Files.newInputStream(plain), plain.toString())) {
            assertArrayEquals(Files.readAllBytes(plain), in.readAllBytes());
        }
    }
}
