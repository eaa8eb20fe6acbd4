package dev.pgrelocate.files;

import dev.pgrelocate.PgRelocateException;
import io.airlift.compress.zstd.ZstdInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Tells a plain SQL script from what pg_dump writes otherwise, by the first bytes: custom-format
 * archives start with {@code PGDMP}, tar archives carry {@code ustar} at offset 257, gzip starts
 * with 1f 8b, zstd with 28 b5 2f fd. Plain scripts, also gzip- or zstd-compressed, are read;
 * archives get a clear error here (they are read by {@code dev.pgrelocate.archive}, not as scripts).
 */
public final class InputFormat {
    private static final int SNIFF = 512;

    private InputFormat() {
    }

    /** The stream to lex: the input itself, or its decompressed content for a gzip'd script. */
    public static InputStream openScript(InputStream raw, String source) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 64 * 1024);
        in.mark(SNIFF);
        byte[] head = in.readNBytes(SNIFF);
        in.reset();
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return new GZIPInputStream(in, 64 * 1024);
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xB5 && (head[2] & 0xFF) == 0x2F
                && (head[3] & 0xFF) == 0xFD) {
            // pg_dump 16+ -Fp -Z zstd, or pg_dump | zstd; pure-Java decoder, no native library
            return new BufferedInputStream(new ZstdInputStream(in), 64 * 1024);
        }
        if (head.length >= 5 && new String(head, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("PGDMP")) {
            throw notAScript(source, "a pg_dump custom-format archive (PGDMP)");
        }
        if (head.length >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ustar")) {
            throw notAScript(source, "a tar archive (pg_dump -Ft)");
        }
        return in;
    }

    /**
     * How many bytes the script in {@code file} has once opened with {@link #openScript}: the file's size for a
     * plain script, -1 for a compressed one (or one that cannot be read), for progress displays.
     */
    public static long scriptSize(java.nio.file.Path file) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            if (head.length == 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                return -1;
            }
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static PgRelocateException notAScript(String source, String what) {
        return new PgRelocateException(source + ":1:1: error: this is " + what + ", not a plain SQL script;"
                + " archives are read from files, not from a stream" + System.lineSeparator()
                + "  hint: save it to a file and pass that: pgrelocate rewrite latest.dump -o latest.heroku.dump"
                + " (--to-sql for the SQL script), pgrelocate restore --url URL latest.dump; or convert it first,"
                + " e.g. pg_restore -f dump.sql latest.dump", PgRelocateException.EXIT_BAD_INPUT);
    }
}
