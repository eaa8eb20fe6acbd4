package dev.pgrelocate.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans agree with a byte-at-a-time loop on every range, whatever the bytes. */
class NewlinesTest {

    @Test
    void indexOfAndCountMatchAPlainLoopOnRandomBytesAndRanges() {
        Random random = new Random(20261122);
        for (int round = 0; round < 2000; round++) {
            byte[] buf = new byte[random.nextInt(80)];
            for (int i = 0; i < buf.length; i++) {
                // Newlines, their neighbours 0x09/0x0B, zero and high bytes: the values a mask trick gets wrong.
                int pick = random.nextInt(6);
                buf[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? 0x0B : pick == 2 ? 0x09 : pick == 3 ? 0 : pick == 4 ? 0x8A : random.nextInt(256));
            }
            int from = buf.length == 0 ? 0 : random.nextInt(buf.length + 1);
            int to = from + random.nextInt(buf.length - from + 1);
            assertEquals(plainIndexOf(buf, from, to), Newlines.indexOf(buf, from, to), "indexOf, round " + round);
            assertEquals(plainCount(buf, from, to), Newlines.count(buf, from, to), "count, round " + round);
        }
    }

    private static int plainIndexOf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long plainCount(byte[] buf, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
