package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The archive fixtures under {@code src/test/resources/fixtures/archive} and small helpers for them. */
final class ArchiveFixtures {

    /** Every shared fixture archive (pg_dump 15.18 and 18.3), see pgdump/README.md. */
    static final List<String> SHARED = List.of("pg15_v1.14_gzip.dump", "pg15_v1.14_gzip_nooffsets.dump",
            "pg15_v1.14_none.dump", "pg15_v1.14_dir", "pg15_v1.14.tar", "pg18_v1.16_gzip.dump",
            "pg18_v1.16_lz4.dump", "pg18_v1.16_zstd.dump", "pg18_v1.16_none.dump",
            "pg18_v1.16_gzip_with_stats.dump", "pg18_v1.16_dir_lz4");

    /** The archives make-fixtures.sh writes with pg_dump 15.18, see README.md. */
    static final List<String> OWN = List.of("rails_archive.custom.dump", "rails_archive.custom_z0.dump",
            "rails_archive.custom_nooffsets.dump", "rails_archive.dir", "rails_archive.tar");

    private ArchiveFixtures() {
    }

    static Path shared(String name) {
        return resource("/fixtures/archive/pgdump/" + name);
    }

    static Path own(String name) {
        return resource("/fixtures/archive/pg15/" + name);
    }

    private static Path resource(String name) {
        URL url = ArchiveFixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The TOC entry with this desc and tag (first match). */
    static TocEntry find(Archive archive, String desc, String namespace, String tag) {
        for (TocEntry e : archive.entries()) {
            if (e.desc().equals(desc) && e.tag().equals(tag)
                    && (namespace == null ? e.namespace() == null : namespace.equals(e.namespace()))) {
                return e;
            }
        }
        throw new AssertionError("no " + desc + " " + namespace + "." + tag + " in " + archive);
    }

    /** Relative paths of every regular file under a directory, sorted. */
    static List<String> files(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> names.add(dir.relativize(p).toString()));
        }
        names.sort(null);
        return names;
    }

    /** Files and directories in {@code dir} (not recursive), sorted. */
    static List<String> listing(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }
}
