package dev.pgrelocate.report;

/**
 * One edit a rule made.
 *
 * @param rule        the rule's id, e.g. {@code extension-schema}
 * @param statement   the first line of the statement as it was
 * @param description what changed, e.g. {@code WITH SCHEMA public -> heroku_ext}
 * @param failure     why the original would fail on the target platform, or null when the edit
 *                    only keeps things working (a search path) or was asked for (stripping lines)
 */
public record Change(String rule, String source, long line, long column, String statement, String description,
                     String failure) {

    public boolean fixesFailure() {
        return failure != null;
    }

    public String location() {
        return source + ":" + line + ":" + column;
    }
}
