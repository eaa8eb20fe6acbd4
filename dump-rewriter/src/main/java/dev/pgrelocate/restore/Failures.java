package dev.pgrelocate.restore;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Rethrows what another thread (a rewriter, a restore job) failed with, unwrapped as far as the caller can throw it. */
final class Failures {

    private Failures() {
    }

    /** Does nothing for null; an I/O error, runtime exception or error as itself; anything else wrapped. */
    static void rethrow(Throwable failure) throws IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new IOException(failure));
    }
}
