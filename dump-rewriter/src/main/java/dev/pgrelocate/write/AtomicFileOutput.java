package dev.pgrelocate.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see the old file or the complete new one, never a part: bytes go
 * to a temporary file beside the target, which {@link #commit()} renames over it. Closing without
 * committing deletes the temporary file, so a failed rewrite leaves nothing behind.
 */
public final class AtomicFileOutput implements AutoCloseable {
    private static final int BUFFER = 256 * 1024;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final boolean sync;
    private boolean committed;

    public AtomicFileOutput(Path target) throws IOException {
        this(target, true);
    }

    /**
     * @param sync false skips waiting for the data to reach the disk before the rename (like
     *             pg_dump --no-sync): faster, but after a crash the target may be incomplete
     */
    public AtomicFileOutput(Path target, boolean sync) throws IOException {
        this.sync = sync;
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".pgrelocate-tmp");
        // No TRUNCATE_EXISTING: the temporary file is new and empty, and on ext4 a truncation to zero
        // makes close() flush the whole file (auto_da_alloc), which --no-sync is meant to skip.
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
    }

    public OutputStream stream() {
        return stream;
    }

    /**
     * Appends {@code count} bytes of {@code source} from {@code position}, copied by the kernel
     * (no trip through the Java heap); what was written to {@link #stream()} before comes first.
     *
     * @return the bytes copied: fewer than {@code count} only when {@code source} ends first
     */
    public long transferFrom(FileChannel source, long position, long count) throws IOException {
        stream.flush();
        long done = 0;
        while (done < count) {
            long n = source.transferTo(position + done, count - done, channel);
            if (n <= 0) {
                break; // end of the source
            }
            done += n;
        }
        return done;
    }

    /** Flushes to disk and renames the temporary file over the target. */
    public void commit() throws IOException {
        stream.flush();
        if (sync) {
            channel.force(true);
        }
        stream.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                stream.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
