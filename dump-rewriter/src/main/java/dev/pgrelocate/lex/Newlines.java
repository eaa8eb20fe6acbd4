package dev.pgrelocate.lex;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding and counting '\n' eight bytes at a time: COPY data is nearly all of a big dump, and
 * these scans are nearly all of the time spent on it. {@code x ^ 0x0A..} has a zero byte where
 * {@code x} has a newline; the zero bytes of a word are then found with shifts and masks.
 */
public final class Newlines {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;

    private Newlines() {
    }

    /** Index of the first '\n' in {@code buf[from, to)}, or -1. */
    public static int indexOf(byte[] buf, int from, int to) {
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long word = (long) LONGS.get(buf, i) ^ NEWLINES;
            // The classic has-zero-byte test: exact for the lowest zero byte, which is all we need.
            long zeros = (word - ONES) & ~word & HIGH_BITS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Number of '\n' in {@code buf[from, to)}. */
    public static long count(byte[] buf, int from, int to) {
        long n = 0;
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long word = (long) LONGS.get(buf, i) ^ NEWLINES;
            // Exact per byte (no borrow between bytes): the high bit is set only where the byte is zero.
            long zeros = ~(((word & LOW_SEVEN) + LOW_SEVEN) | word | LOW_SEVEN);
            n += Long.bitCount(zeros);
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
