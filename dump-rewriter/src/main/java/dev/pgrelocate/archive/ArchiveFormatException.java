package dev.pgrelocate.archive;

import dev.pgrelocate.PgRelocateException;

import java.nio.file.Path;

/**
 * A pg_dump archive that cannot be read (or written back): bad magic, an unsupported version, a
 * truncated header, TOC or data block, a block that is not where the TOC says, a missing data file.
 * The message names the file, the byte offset, the TOC entry when one is involved, what was
 * expected there and a hint; the exit code is {@link PgRelocateException#EXIT_BAD_INPUT}.
 */
public final class ArchiveFormatException extends PgRelocateException {
    private static final long serialVersionUID = 1L;

    /** Offset value for problems that are not at one byte (a missing file, say). */
    public static final long NO_OFFSET = -1;

    private final String file;
    private final long offset;

    private ArchiveFormatException(String message, String file, long offset, Throwable cause) {
        super(message, EXIT_BAD_INPUT, cause);
        this.file = file;
        this.offset = offset;
    }

    /**
     * @param file     the archive file (or the member/data file inside a directory or tar archive)
     * @param offset   byte offset in {@code file}, or {@link #NO_OFFSET}
     * @param entry    the TOC entry whose data or fields were being read, or null
     * @param problem  what was found, and what was expected instead
     * @param hint     what the user can do, or null
     */
    public static ArchiveFormatException of(String file, long offset, TocEntry entry, String problem, String hint) {
        return of(file, offset, entry, problem, hint, null);
    }

    public static ArchiveFormatException of(String file, long offset, TocEntry entry, String problem, String hint,
            Throwable cause) {
        return where(file, offset, entry == null ? null : "TOC entry " + describe(entry), problem, hint, cause);
    }

    /** As above with the entry already described, e.g. {@code TOC entry 12 of 85 (dumpId 5118)}. */
    static ArchiveFormatException where(String file, long offset, String where, String problem, String hint,
            Throwable cause) {
        StringBuilder message = new StringBuilder(file);
        if (offset != NO_OFFSET) {
            message.append(": byte ").append(offset);
        }
        message.append(": error: ").append(problem);
        if (where != null) {
            message.append(" (").append(where).append(')');
        }
        if (hint != null) {
            message.append(System.lineSeparator()).append("  hint: ").append(hint);
        }
        return new ArchiveFormatException(message.toString(), file, offset, cause);
    }

    public static ArchiveFormatException of(Path file, long offset, TocEntry entry, String problem, String hint) {
        return of(file.toString(), offset, entry, problem, hint, null);
    }

    /** {@code 5118 TABLE DATA app log}, the way {@code pg_restore -l} names an entry. */
    static String describe(TocEntry entry) {
        return entry.dumpId() + " " + entry.desc() + " " + (entry.namespace() == null ? "-" : entry.namespace())
                + " " + entry.tag();
    }

    /** The file the problem is in. */
    public String file() {
        return file;
    }

    /** Byte offset of the problem in {@link #file()}, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }
}
