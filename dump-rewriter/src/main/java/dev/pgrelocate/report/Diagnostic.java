package dev.pgrelocate.report;

/**
 * One message about a place in an input: rendered the same way everywhere as
 * {@code file:line:column: severity: message} plus an optional {@code hint:} line.
 * Lines and columns are 1-based; a column counts bytes from the start of the line.
 */
public record Diagnostic(Severity severity, String source, long line, long column, String message, String hint) {

    public enum Severity {
        ERROR, WARNING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Diagnostic error(String source, long line, long column, String message, String hint) {
        return new Diagnostic(Severity.ERROR, source, line, column, message, hint);
    }

    public static Diagnostic warning(String source, long line, long column, String message, String hint) {
        return new Diagnostic(Severity.WARNING, source, line, column, message, hint);
    }

    public String location() {
        return source + ":" + line + ":" + column;
    }

    public String render() {
        String head = location() + ": " + severity.label() + ": " + message;
        return hint == null ? head : head + System.lineSeparator() + "  hint: " + hint;
    }
}
