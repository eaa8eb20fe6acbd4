package dev.pgrelocate.archive;

import java.io.Closeable;
import java.util.Iterator;

/** The large objects of one BLOBS entry, in archive order; close it when done. */
public interface LargeObjectIterator extends Iterator<LargeObject>, Closeable {
}
