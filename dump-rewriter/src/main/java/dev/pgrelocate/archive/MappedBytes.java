package dev.pgrelocate.archive;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random reads of single bytes from a file through read-only memory maps, one window at a time.
 * Walking a data section's chunk headers this way touches a few bytes per chunk, where buffered
 * reads would copy every payload byte into the heap first. A window is unmapped as soon as the walk
 * leaves it, so the process never holds more than one window of the file.
 */
final class MappedBytes implements AutoCloseable {
    /** One mapping at a time: small enough that its pages are a modest part of the process. */
    static final long DEFAULT_WINDOW = 64L << 20;
    /** Java 17 has no public unmap; without it a window lives until the collector frees it. */
    private static final MethodHandle UNMAP = unmapper();

    private final FileChannel channel;
    private final long size;
    private final long windowSize;
    private MappedByteBuffer window;
    private long windowStart = -1;

    MappedBytes(FileChannel channel, long windowSize) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.windowSize = windowSize;
    }

    long size() {
        return size;
    }

    /** The byte at {@code position} (0..255), or -1 past the end of the file. */
    int byteAt(long position) throws IOException {
        if (position < 0 || position >= size) {
            return -1;
        }
        long start = position - position % windowSize;
        if (start != windowStart) {
            close();
            window = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(windowSize, size - start));
            windowStart = start;
        }
        return window.get((int) (position - start)) & 0xFF;
    }

    /**
     * A non-negative archive Int (sign byte, then {@code intSize} magnitude bytes little-endian) at
     * {@code position}, or -1 when it is negative, does not fit in 63 bits or runs past the end.
     */
    long nonNegativeIntAt(long position, int intSize) throws IOException {
        if (byteAt(position) != 0) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < intSize; i++) {
            int b = byteAt(position + 1 + i);
            if (b < 0 || (i >= 7 && b != 0 && (i > 7 || b > 0x7F))) {
                return -1;
            }
            value |= (long) b << (8 * i);
        }
        return value;
    }

    /** Unmaps the current window; the object stays usable. */
    @Override
    public void close() {
        if (window != null && UNMAP != null) {
            try {
                UNMAP.invokeExact((ByteBuffer) window);
            } catch (Throwable e) {
                // Left to the collector: the mapping is read-only and goes with the buffer.
            }
        }
        window = null;
        windowStart = -1;
    }

    /** sun.misc.Unsafe.invokeCleaner, bound to its instance, or null where it is not available. */
    private static MethodHandle unmapper() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
