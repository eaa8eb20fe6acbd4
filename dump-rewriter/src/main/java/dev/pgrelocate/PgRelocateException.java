package dev.pgrelocate;

/** Base of every failure the engine reports to a user; {@link #exitCode()} is the CLI's exit status. */
public class PgRelocateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit codes shared by the CLI and documented in the README. */
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BAD_INPUT = 3;
    public static final int EXIT_DATABASE = 4;

    private final int exitCode;

    public PgRelocateException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public PgRelocateException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
