package dev.pgrelocate.archive;

/**
 * How an archive's data is compressed. Archives up to 1.14 store a zlib level (0 = none, anything
 * else = gzip); 1.15+ store one algorithm byte, whose values are this enum's {@link #code()}.
 */
public enum Compression {
    NONE(0),
    /** A zlib stream per data block in custom archives, gzip files ({@code .gz}) in directories. */
    GZIP(1),
    /** LZ4 frames (pg_dump 16+). */
    LZ4(2),
    /** zstd frames (pg_dump 16+). */
    ZSTD(3);

    private final int code;

    Compression(int code) {
        this.code = code;
    }

    /** The algorithm byte of a 1.15+ header. */
    public int code() {
        return code;
    }

    /** The algorithm for a 1.15+ header byte, or null if the byte is not one pg_dump writes. */
    static Compression ofCode(int code) {
        for (Compression c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
