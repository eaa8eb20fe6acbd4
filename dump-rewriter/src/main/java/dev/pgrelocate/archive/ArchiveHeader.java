package dev.pgrelocate.archive;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The header of a custom archive or of a directory/tar archive's toc.dat: everything before the
 * TOC entry count. {@link #rawBytes()} is what the file held, byte for byte; a writer copies it
 * verbatim so the creation time, names and version strings survive untouched.
 *
 * <p>Strings are decoded as ISO-8859-1 (one char per byte), like every {@link TocEntry} field.
 */
public final class ArchiveHeader {

    /** Format byte of custom archives. */
    public static final int FORMAT_CUSTOM = 1;
    /** Format byte of tar archives, and of directory archives' toc.dat (pg_dump writes 3 there too). */
    public static final int FORMAT_TAR = 3;
    /** Directory format; pg_dump never writes this byte into a file, but a reader accepts it. */
    public static final int FORMAT_DIRECTORY = 5;

    private final int versionMajor;
    private final int versionMinor;
    private final int versionRevision;
    private final int intSize;
    private final int offSize;
    private final int format;
    private final Compression compression;
    private final OptionalInt compressionLevel;
    private final int[] creationTime;
    private final String dbName;
    private final String serverVersion;
    private final String dumpVersion;
    private final byte[] rawBytes;

    ArchiveHeader(int versionMajor, int versionMinor, int versionRevision, int intSize, int offSize, int format,
            Compression compression, OptionalInt compressionLevel, int[] creationTime, String dbName,
            String serverVersion, String dumpVersion, byte[] rawBytes) {
        this.versionMajor = versionMajor;
        this.versionMinor = versionMinor;
        this.versionRevision = versionRevision;
        this.intSize = intSize;
        this.offSize = offSize;
        this.format = format;
        this.compression = compression;
        this.compressionLevel = compressionLevel;
        this.creationTime = creationTime.clone();
        this.dbName = dbName;
        this.serverVersion = serverVersion;
        this.dumpVersion = dumpVersion;
        this.rawBytes = rawBytes.clone();
    }

    public int versionMajor() {
        return versionMajor;
    }

    public int versionMinor() {
        return versionMinor;
    }

    public int versionRevision() {
        return versionRevision;
    }

    /** {@code "1.14"}, as pg_restore's error messages print it. */
    public String version() {
        return versionMajor + "." + versionMinor;
    }

    /** True if this archive's version is {@code major.minor} or newer (the revision is always 0). */
    public boolean atLeast(int major, int minor) {
        return versionMajor > major || (versionMajor == major && versionMinor >= minor);
    }

    /** Bytes per Int magnitude (4 on every real platform). */
    public int intSize() {
        return intSize;
    }

    /** Bytes per data offset position (8 on every real platform). */
    public int offSize() {
        return offSize;
    }

    /** The format byte: {@link #FORMAT_CUSTOM}, {@link #FORMAT_TAR} (also in directory toc.dat) or 5. */
    public int format() {
        return format;
    }

    public Compression compression() {
        return compression;
    }

    /**
     * The zlib level a 1.14-or-older header stores (-1 = default, 0 = none, 1-9); empty for 1.15+,
     * whose header stores only the algorithm.
     */
    public OptionalInt compressionLevel() {
        return compressionLevel;
    }

    /**
     * The 7 Ints of the creation time, as C's struct tm on the dumping machine (local time):
     * tm_sec, tm_min, tm_hour, tm_mday, tm_mon (0-based), tm_year (minus 1900), tm_isdst.
     */
    public List<Integer> creationTime() {
        return Arrays.stream(creationTime).boxed().toList();
    }

    /** The creation time as a local date-time (the time zone of the dumping machine is not stored). */
    public LocalDateTime createdAt() {
        return LocalDateTime.of(creationTime[5] + 1900, creationTime[4] + 1, creationTime[3], creationTime[2],
                creationTime[1], Math.min(creationTime[0], 59));
    }

    public String dbName() {
        return dbName;
    }

    /** e.g. {@code 15.18 (Debian 15.18-0+deb12u1)}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** The pg_dump version, e.g. {@code 18.3}. */
    /** The major of the server the archive was dumped from ({@code 15.18 (Debian ...)} is 15), if the header says. */
    public java.util.Optional<Integer> serverMajor() {
        java.util.regex.Matcher m = serverVersion == null ? null
                : java.util.regex.Pattern.compile("^(\\d+)").matcher(serverVersion);
        return m != null && m.find() ? java.util.Optional.of(Integer.valueOf(m.group(1))) : java.util.Optional.empty();
    }

    public String dumpVersion() {
        return dumpVersion;
    }

    /** The header exactly as read, from the magic to the end of the pg_dump version string. */
    public byte[] rawBytes() {
        return rawBytes.clone();
    }

    /** Length of {@link #rawBytes()}: where the TOC entry count starts. */
    public int length() {
        return rawBytes.length;
    }

    @Override
    public String toString() {
        return "ArchiveHeader[" + version() + ", format " + format + ", " + compression + ", db " + dbName
                + ", pg_dump " + dumpVersion + "]";
    }
}
