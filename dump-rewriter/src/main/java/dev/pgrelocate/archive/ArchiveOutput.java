package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pg_dump's primitives with the sizes of the archive being written; the inverse of {@link ArchiveInput}. */
final class ArchiveOutput {
    private final OutputStream out;
    private final int intSize;
    private final int offSize;

    ArchiveOutput(OutputStream out, int intSize, int offSize) {
        this.out = out;
        this.intSize = intSize;
        this.offSize = offSize;
    }

    void writeByte(int b) throws IOException {
        out.write(b);
    }

    void writeBytes(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** Sign byte (0 or 1), then the magnitude in intSize bytes little-endian. */
    void writeInt(long value) throws IOException {
        long magnitude = Math.abs(value);
        if (intSize < 8 && (magnitude >>> (8 * intSize)) != 0) {
            throw new IllegalArgumentException(value + " does not fit in an archive Int of " + intSize + " bytes");
        }
        out.write(value < 0 ? 1 : 0);
        for (int i = 0; i < intSize; i++) {
            out.write(i < 8 ? (int) (magnitude >>> (8 * i)) & 0xFF : 0);
        }
    }

    /** Byte length then the ISO-8859-1 bytes; null is written as length -1. */
    void writeStr(String value) throws IOException {
        if (value == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        if (!new String(bytes, StandardCharsets.ISO_8859_1).equals(value)) {
            throw new IllegalArgumentException("archive strings hold one byte per char (ISO-8859-1); encode the text"
                    + " with the archive's encoding first: " + abbreviate(value));
        }
        writeInt(bytes.length);
        out.write(bytes);
    }

    void writeOffset(DataOffset offset) throws IOException {
        out.write(offset.flag());
        long pos = offset.position();
        for (int i = 0; i < offSize; i++) {
            out.write(i < 8 ? (int) (pos >>> (8 * i)) & 0xFF : 0);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
