package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Large objects kept one per file (directory and tar archives, listed by blobs.toc): each file is
 * opened when its turn comes and closed when the next one is, so one stays open at a time.
 */
final class BlobFileIterator implements LargeObjectIterator {

    /** Opens the (decompressed) content of one listed file. */
    interface Opener {
        InputStream open(BlobList.Item item) throws IOException;
    }

    private final Iterator<BlobList.Item> items;
    private final Opener opener;
    private InputStream current;

    BlobFileIterator(Iterator<BlobList.Item> items, Opener opener) {
        this.items = items;
        this.opener = opener;
    }

    @Override
    public boolean hasNext() {
        return items.hasNext();
    }

    @Override
    public LargeObject next() {
        if (!items.hasNext()) {
            throw new NoSuchElementException();
        }
        BlobList.Item item = items.next();
        try {
            close();
            current = opener.open(item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LargeObject(item.oid(), current);
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
