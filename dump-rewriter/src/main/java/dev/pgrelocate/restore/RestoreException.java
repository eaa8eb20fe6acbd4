package dev.pgrelocate.restore;

import dev.pgrelocate.PgRelocateException;

/** A restore that stopped: a failing statement (exit 1), or a refused or unreachable target (exit 4). */
public final class RestoreException extends PgRelocateException {
    private final transient RestoreSummary summary;

    public RestoreException(String message, int exitCode, RestoreSummary summary) {
        super(message, exitCode);
        this.summary = summary;
    }

    public RestoreException(String message, int exitCode, RestoreSummary summary, Throwable cause) {
        super(message, exitCode, cause);
        this.summary = summary;
    }

    /** What was done before the restore stopped (null when it never started). */
    public RestoreSummary summary() {
        return summary;
    }
}
