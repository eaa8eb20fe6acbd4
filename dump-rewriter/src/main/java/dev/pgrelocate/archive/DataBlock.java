package dev.pgrelocate.archive;

/**
 * Where one data block of a custom archive lies: {@code start} is the type byte, {@code end} is
 * one past the block's final zero Int. The bytes in between are copied verbatim by a writer.
 */
record DataBlock(int type, int dumpId, long start, long end) {

    /** Table data: chunks, then a zero length. */
    static final int BLK_DATA = 1;
    /** Large objects: (oid, chunks, zero)*, then a zero oid. */
    static final int BLK_BLOBS = 3;

    long length() {
        return end - start;
    }
}
