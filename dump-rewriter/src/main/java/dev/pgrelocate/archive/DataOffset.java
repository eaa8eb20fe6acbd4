package dev.pgrelocate.archive;

/**
 * The last field of a custom-format TOC entry: whether the entry has a data block and where it
 * starts. {@code position} is the absolute file offset of the block's type byte when {@code flag}
 * is {@link #POS_SET}; pg_dump writes 0 otherwise.
 */
public record DataOffset(int flag, long position) {

    /** The entry has data, but the writer could not seek back to record where (pg_dump to a pipe). */
    public static final int POS_NOT_SET = 1;
    /** {@link #position()} is where the entry's block starts. */
    public static final int POS_SET = 2;
    /** The entry has no data block. */
    public static final int NO_DATA = 3;

    public DataOffset {
        if (flag < POS_NOT_SET || flag > NO_DATA) {
            throw new IllegalArgumentException("data offset flag must be 1, 2 or 3: " + flag);
        }
        if (position < 0) {
            throw new IllegalArgumentException("negative data offset " + position);
        }
    }

    public static DataOffset set(long position) {
        return new DataOffset(POS_SET, position);
    }

    public static DataOffset notSet() {
        return new DataOffset(POS_NOT_SET, 0);
    }

    public static DataOffset noData() {
        return new DataOffset(NO_DATA, 0);
    }

    public boolean isSet() {
        return flag == POS_SET;
    }

    public boolean hasData() {
        return flag != NO_DATA;
    }
}
