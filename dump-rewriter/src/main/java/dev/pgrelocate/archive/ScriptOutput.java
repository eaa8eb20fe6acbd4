package dev.pgrelocate.archive;

import dev.pgrelocate.lex.Newlines;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a restore script goes: TOC strings are printed back as the bytes they were read from
 * (ISO-8859-1, one char per byte), data blocks are copied as they are. Counts the lines written so
 * a failing statement can be traced back to its TOC entry.
 */
final class ScriptOutput {
    private static final int COPY_BUFFER = 64 * 1024;

    private OutputStream out;
    private long newlines;

    ScriptOutput(OutputStream out) {
        this.out = out;
    }

    /** Sends what follows elsewhere (the next entry's stream in a parallel restore). */
    void target(OutputStream next) {
        out = next;
    }

    void print(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int off, int len) throws IOException {
        newlines += Newlines.count(bytes, off, off + len);
        out.write(bytes, off, len);
    }

    void copy(InputStream in) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            write(buffer, 0, n);
        }
    }

    /** The 1-based line the next byte lands on. */
    long line() {
        return newlines + 1;
    }

    void flush() throws IOException {
        out.flush();
    }
}
