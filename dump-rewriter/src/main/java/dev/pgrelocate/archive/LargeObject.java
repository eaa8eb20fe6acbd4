package dev.pgrelocate.archive;

import java.io.InputStream;

/**
 * One large object of a BLOBS entry: its OID and its decompressed content. The stream is valid
 * until the iterator that returned it moves on or is closed.
 */
public record LargeObject(long oid, InputStream content) {
}
