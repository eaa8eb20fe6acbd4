package dev.pgrelocate.statement;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.report.Diagnostic;

/** The input is not SQL that psql could run: an unterminated construct, an unsupported encoding. */
public final class DumpSyntaxException extends PgRelocateException {
    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;

    public DumpSyntaxException(Diagnostic diagnostic) {
        super(diagnostic.render(), EXIT_BAD_INPUT);
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
