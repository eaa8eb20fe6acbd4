package dev.pgrelocate.restore;

import dev.pgrelocate.archive.Archive;
import dev.pgrelocate.archive.EntrySession;
import dev.pgrelocate.archive.ScriptOptions;
import dev.pgrelocate.archive.TocEntry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One connection of an archive restore: a {@link RestoreEngine} opened once, started with the
 * archive's session settings, then running single TOC entries. An entry's SQL is built in memory;
 * a data entry's COPY rows or large objects are streamed to the engine through a pipe from a
 * writer thread, so no table is ever held whole.
 */
final class ArchiveConnection implements AutoCloseable {
    private static final int PIPE_CHUNK = 256 * 1024;
    private static final int PIPE_CHUNKS = 8;

    private final RestoreEngine engine;
    private final EntrySession session;
    private final Archive archive;
    private final String archiveName;

    private ArchiveConnection(RestoreEngine engine, EntrySession session, Archive archive, String archiveName) {
        this.engine = engine;
        this.session = session;
        this.archive = archive;
        this.archiveName = archiveName;
    }

    /** Connects, checks the target is empty when asked, and runs the session settings. */
    static ArchiveConnection open(TargetDatabase target, RestoreOptions options, RestoreSummary summary,
            Archive archive, List<TocEntry> entries, ScriptOptions scriptOptions, boolean checkEmpty) throws IOException {
        RestoreEngine engine = new RestoreEngine(target, options);
        engine.open(summary, checkEmpty);
        String name = String.valueOf(archive.path().getFileName());
        ArchiveConnection connection = new ArchiveConnection(engine, new EntrySession(archive, entries, scriptOptions),
                archive, name);
        try {
            engine.runPiece(new ByteArrayInputStream(connection.session.preamble().getBytes(StandardCharsets.ISO_8859_1)),
                    name + " [session settings]");
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    void runPreSql() {
        engine.runExtraPieces(true);
    }

    void runPostSql() {
        engine.runExtraPieces(false);
    }

    /** Restores one entry; a failing statement throws unless continue-on-error (then it is in the summary). */
    void run(TocEntry entry) throws IOException {
        String source = archiveName + " [TOC entry " + entry.dumpId() + "; " + entry.desc() + " "
                + (entry.namespace() == null ? "-" : entry.namespace()) + " " + entry.tag() + "]";
        if (!entry.hadDumper()) {
            ByteArrayOutputStream sql = new ByteArrayOutputStream();
            session.write(entry, sql);
            engine.runPiece(new ByteArrayInputStream(sql.toByteArray()), source);
            return;
        }
        if ("TABLE DATA".equals(entry.desc()) && entry.copyStmt() != null && !entry.copyStmt().isBlank()) {
            // The common case, most of the bytes: decompressed rows straight into COPY on this thread.
            try (java.io.InputStream data = archive.openData(entry)) {
                engine.copyFrom(entry.copyStmt(), data, source);
            }
            return;
        }
        runStreamed(entry, source);
    }

    private void runStreamed(TocEntry entry, String source) throws IOException {
        StreamPipe pipe = new StreamPipe(PIPE_CHUNKS, PIPE_CHUNK);
        Throwable[] writeFailure = new Throwable[1];
        Thread writer = new Thread(() -> {
            try {
                session.write(entry, pipe.out);
                pipe.out.close();
            } catch (Throwable t) {
                writeFailure[0] = t;
                pipe.fail(t);
            }
        }, "pgrelocate-entry-" + entry.dumpId());
        writer.setDaemon(true);
        writer.start();
        try {
            engine.runPiece(pipe.in, source);
        } catch (IOException e) {
            // a damaged archive is the cause, not the pipe that reported it
            pipe.in.close();
            join(writer);
            if (writeFailure[0] instanceof RuntimeException r) {
                throw r;
            }
            if (writeFailure[0] instanceof IOException io) {
                throw io;
            }
            throw e;
        } finally {
            pipe.in.close(); // stops a writer the engine gave up on; the session's state is ours again after the join
            join(writer);
        }
    }

    private static void join(Thread writer) throws IOException {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing an entry");
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
