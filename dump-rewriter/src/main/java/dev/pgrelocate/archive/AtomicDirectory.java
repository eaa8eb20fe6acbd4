package dev.pgrelocate.archive;

import dev.pgrelocate.PgRelocateException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Builds a directory archive in a temporary directory beside the target and renames it into place
 * on {@link #commit()}; closing without committing removes it, so a failure leaves nothing behind.
 * An existing target directory is replaced (moved aside, then deleted once the new one is in place).
 */
final class AtomicDirectory implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final boolean sync;
    private boolean committed;

    /** @param sync false skips waiting for the files to reach the disk (pg_dump --no-sync) */
    AtomicDirectory(Path target, boolean sync) throws IOException {
        this.sync = sync;
        this.target = target.toAbsolutePath();
        if (Files.exists(this.target) && !Files.isDirectory(this.target)) {
            throw new PgRelocateException(target + ": error: a directory archive cannot replace a file; choose a new"
                    + " path or remove the file", PgRelocateException.EXIT_USAGE);
        }
        Path parent = this.target.getParent();
        Files.createDirectories(parent);
        this.temp = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".");
    }

    OutputStream create(String name) throws IOException {
        return Files.newOutputStream(temp.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    void copy(Path from, String name) throws IOException {
        Files.copy(from, temp.resolve(name));
    }

    void commit() throws IOException {
        if (sync) {
            try (var files = Files.list(temp)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        }
        if (Files.exists(target)) {
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old.");
            Files.delete(old);
            move(target, old);
            try {
                move(temp, target);
            } catch (IOException e) {
                move(old, target);
                throw e;
            }
            committed = true;
            deleteTree(old);
        } else {
            move(temp, target);
            committed = true;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteTree(temp);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
