package dev.pgrelocate.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The row counter the restore compares with the server's COPY count, and \connect argument parsing. */
class CopyRowCounterTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void countsDataLinesAndStopsBeforeTheTerminator() {
        CopyRowCounter counter = new CopyRowCounter();
        byte[] chunk = b("1\ta\n2\tb\n\\.\n");
        int end = counter.accept(chunk, 0, chunk.length);
        assertEquals(chunk.length - 3, end, "the terminator line is not data");
        assertTrue(counter.finished());
        assertEquals(2, counter.rows());
        assertEquals(8, counter.bytes());
    }

    /** pg_dump's archives end table data with two empty lines after the terminator. */
    @Test
    void emptyLinesAfterTheTerminatorAreNotRows() {
        CopyRowCounter counter = new CopyRowCounter();
        byte[] chunk = b("1\ta\n2\tb\n\\.\n\n\n");
        assertEquals(8, counter.accept(chunk, 0, chunk.length));
        assertEquals(2, counter.rows());
        assertTrue(counter.finished());
        // Empty rows (a one-column table of empty strings) without a terminator stay rows.
        CopyRowCounter empties = new CopyRowCounter();
        byte[] rows = b("x\n\n\n");
        assertEquals(rows.length, empties.accept(rows, 0, rows.length));
        assertEquals(3, empties.rows());
        assertFalse(empties.finished());
    }

    @Test
    void anEmptyBlockIsTheTerminatorAlone() {
        CopyRowCounter counter = new CopyRowCounter();
        byte[] chunk = b("\\.\r\n");
        assertEquals(0, counter.accept(chunk, 0, chunk.length));
        assertTrue(counter.finished());
        assertEquals(0, counter.rows());
    }

    @Test
    void followsLinesAcrossChunks() {
        CopyRowCounter counter = new CopyRowCounter();
        byte[] first = b("1\tab");
        byte[] second = b("c\n2\tx\\\\.\n");   // a row ending in an escaped backslash and a dot is data
        byte[] third = b("\\.");                // the terminator at the very end of the input
        assertEquals(first.length, counter.accept(first, 0, first.length));
        assertEquals(second.length, counter.accept(second, 0, second.length));
        assertFalse(counter.finished());
        assertEquals(0, counter.accept(third, 0, third.length));
        assertTrue(counter.finished());
        assertEquals(2, counter.rows());
    }

    @Test
    void aDotLineInsideAChunkAfterAPartialLineIsNotTheTerminator() {
        CopyRowCounter counter = new CopyRowCounter();
        byte[] first = b("abc");
        byte[] second = b("\\.\n");             // the rest of the row "abc\." then its newline
        counter.accept(first, 0, first.length);
        assertEquals(second.length, counter.accept(second, 0, second.length));
        assertFalse(counter.finished());
        assertEquals(1, counter.rows());
    }

    @Test
    void respectsChunkOffsets() {
        CopyRowCounter counter = new CopyRowCounter();
        byte[] buf = b("xxxx1\n2\n3\n\\.\nyyyy");
        int end = counter.accept(buf, 4, buf.length - 4);
        assertEquals(10, end);
        assertEquals(3, counter.rows());
    }

    @Test
    void connectArgumentsNameTheDatabase() {
        assertEquals("shop", RestoreEngine.connectTarget("shop"));
        assertEquals("my db", RestoreEngine.connectTarget("\"my db\""));
        assertEquals("we'ird", RestoreEngine.connectTarget("-reuse-previous=on \"dbname='we\\'ird'\""));
        assertEquals("-", RestoreEngine.connectTarget("-reuse-previous=on"));
    }
}
