package dev.pgrelocate.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads pg_dump's primitives (Byte, sign-magnitude Int, length-prefixed Str, flagged Offset) from a
 * stream and keeps the byte position, so every error can say where it happened. Truncation and
 * impossible lengths become {@link ArchiveFormatException}s, never huge allocations.
 */
final class ArchiveInput {
    private final InputStream in;
    private final String file;
    /** Total length of the input if known, else -1; lets a bad Str length fail before reading. */
    private final long length;
    private long position;
    private int intSize = 4;
    private int offSize = 8;
    /** Describes what is being read, for messages: {@code TOC entry 3 of 85 (dumpId 17)}. */
    private String where;

    ArchiveInput(InputStream in, String file, long length, long startPosition) {
        this.in = in;
        this.file = file;
        this.length = length;
        this.position = startPosition;
    }

    void sizes(int intSize, int offSize) {
        this.intSize = intSize;
        this.offSize = offSize;
    }

    void where(String where) {
        this.where = where;
    }

    long position() {
        return position;
    }

    String file() {
        return file;
    }

    /** Bytes left before the end of the input, or Long.MAX_VALUE if its length is unknown. */
    long remaining() {
        return length < 0 ? Long.MAX_VALUE : length - position;
    }

    /** Reads exactly len bytes into b. */
    void readFully(byte[] b, int off, int len, String what) throws IOException {
        long start = position;
        int n = in.readNBytes(b, off, len);
        position += n;
        if (n < len) {
            throw truncated(start, what, len);
        }
    }

    ArchiveFormatException error(long at, String problem, String hint) {
        return ArchiveFormatException.where(file, at, where, problem, hint, null);
    }

    /** One byte 0-255; {@code what} names the field for the truncation message. */
    int readByte(String what) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw truncated(position, what, 1);
        }
        position++;
        return b;
    }

    /** Reads exactly n bytes. */
    byte[] readBytes(int n, String what) throws IOException {
        long start = position;
        byte[] bytes = in.readNBytes(n);
        position += bytes.length;
        if (bytes.length < n) {
            throw truncated(start, what, n);
        }
        return bytes;
    }

    /** An Int: sign byte, then intSize magnitude bytes little-endian. */
    long readInt(String what) throws IOException {
        long start = position;
        int sign = readByte(what);
        long value = 0;
        for (int i = 0; i < intSize; i++) {
            long b = readByte(what);
            if (i < 8) {
                value |= b << (8 * i);
            } else if (b != 0) {
                throw error(start, what + " does not fit in 64 bits", "the archive is corrupt");
            }
        }
        if (value < 0) {
            throw error(start, what + " does not fit in 64 bits", "the archive is corrupt");
        }
        return sign == 0 ? value : -value;
    }

    /** An Int that must fit a Java int (pg_dump's own fields are C ints). */
    int readSmallInt(String what) throws IOException {
        long start = position;
        long value = readInt(what);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error(start, what + " is " + value + ", out of range for a 32-bit integer", "the archive is corrupt");
        }
        return (int) value;
    }

    /** A Str as ISO-8859-1 (one char per byte), or null for a negative length (SQL NULL). */
    String readStr(String what) throws IOException {
        long start = position;
        long len = readInt(what + " length");
        if (len < 0) {
            return null;
        }
        if (len > Integer.MAX_VALUE - 16 || (length >= 0 && len > length - position)) {
            throw error(start, what + " claims " + len + " bytes but "
                    + (length >= 0 ? (length - position) + " remain in the file" : "that is more than a string can hold"),
                    "the archive is truncated or corrupt; compare its size with the original");
        }
        return new String(readBytes((int) len, what), StandardCharsets.ISO_8859_1);
    }

    /** A data offset of a custom archive's TOC entry: flag byte, then offSize position bytes. */
    DataOffset readOffset(String what) throws IOException {
        long start = position;
        int flag = readByte(what + " flag");
        if (flag < DataOffset.POS_NOT_SET || flag > DataOffset.NO_DATA) {
            throw error(start, "unexpected data offset flag " + flag + " (expected 1, 2 or 3)",
                    "the TOC is corrupt, or the file is not a custom-format archive of a supported version");
        }
        long pos = 0;
        for (int i = 0; i < offSize; i++) {
            long b = readByte(what);
            if (i < 8) {
                pos |= b << (8 * i);
            } else if (b != 0) {
                throw error(start, "file offset in TOC is too large", "the archive is corrupt");
            }
        }
        if (pos < 0) {
            throw error(start, "file offset in TOC is too large", "the archive is corrupt");
        }
        return new DataOffset(flag, pos);
    }

    /** Skips n bytes, failing if the input ends first. */
    void skip(long n, String what) throws IOException {
        long start = position;
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    position = start + (n - left);
                    throw truncated(start, what, n);
                }
                skipped = 1;
            }
            left -= skipped;
        }
        position = start + n;
    }

    private ArchiveFormatException truncated(long start, String what, long wanted) {
        return ArchiveFormatException.where(file, start, where,
                "unexpected end of file in " + what + " (expected " + wanted + " byte" + (wanted == 1 ? "" : "s")
                        + " at byte " + start + ")",
                "the archive is truncated: was the dump or the copy interrupted?",
                new EOFException());
    }
}
