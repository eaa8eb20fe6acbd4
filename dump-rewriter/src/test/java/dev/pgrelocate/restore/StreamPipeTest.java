package dev.pgrelocate.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The pipe between the rewrite and the restore: bytes intact in order, bounded and reused buffers, failures. */
class StreamPipeTest {

    private static byte[] data(int size) {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        return data;
    }

    private static byte[] readAll(StreamPipe pipe, int readSize) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[readSize];
        int n;
        while ((n = pipe.in.read(buf, 0, buf.length)) >= 0) {
            got.write(buf, 0, n);
        }
        return got.toByteArray();
    }

    @Test
    void manyChunksPassIntactThroughAFewReusedBuffers() throws Exception {
        byte[] data = data(100 * 64 + 17); // 100 chunks of 64 bytes and a partial one
        StreamPipe pipe = new StreamPipe(4, 64);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                int off = 0;
                int step = 1;
                while (off < data.length) { // odd write sizes, crossing chunk ends
                    int n = Math.min(step, data.length - off);
                    pipe.out.write(data, off, n);
                    off += n;
                    step = step % 97 + 13;
                }
                pipe.out.write(7);
                pipe.out.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        byte[] got = readAll(pipe, 50);
        writer.get();

        byte[] expected = java.util.Arrays.copyOf(data, data.length + 1);
        expected[data.length] = 7;
        assertArrayEquals(expected, got);
        assertTrue(pipe.allocatedBuffers() <= 4 + 2, "buffers allocated: " + pipe.allocatedBuffers());
    }

    @Test
    void aWriterFailureIsNotTheEndOfTheInput() throws Exception {
        StreamPipe pipe = new StreamPipe(4, 64);
        pipe.out.write(data(100));
        pipe.fail(new IllegalStateException("malformed"));

        IOException e = assertThrows(IOException.class, () -> readAll(pipe, 1000));
        assertEquals("the rewrite failed", e.getMessage());
        assertEquals("malformed", e.getCause().getMessage());
    }

    @Test
    void aClosedReaderStopsTheWriter() throws Exception {
        StreamPipe pipe = new StreamPipe(2, 16);
        pipe.in.close();
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) {
                pipe.out.write(data(16));
            }
        });
        assertEquals("the restore stopped reading", e.getMessage());
    }
}
