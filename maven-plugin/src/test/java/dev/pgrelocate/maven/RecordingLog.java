package dev.pgrelocate.maven;

import org.apache.maven.plugin.logging.Log;

import java.util.ArrayList;
import java.util.List;

/** A Maven {@link Log} that keeps every line as {@code "level: message"}, for assertions. */
final class RecordingLog implements Log {
    final List<String> lines = new ArrayList<>();
    private final boolean debug;

    RecordingLog(boolean debug) {
        this.debug = debug;
    }

    RecordingLog() {
        this(false);
    }

    String text() {
        return String.join("\n", lines);
    }

    private void add(String level, CharSequence message, Throwable error) {
        lines.add(level + ": " + message + (error == null ? "" : " [" + error + "]"));
    }

    @Override
    public boolean isDebugEnabled() {
        return debug;
    }

    @Override
    public void debug(CharSequence content) {
        if (debug) {
            add("debug", content, null);
        }
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        if (debug) {
            add("debug", content, error);
        }
    }

    @Override
    public void debug(Throwable error) {
        debug("", error);
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public void info(CharSequence content) {
        add("info", content, null);
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        add("info", content, error);
    }

    @Override
    public void info(Throwable error) {
        add("info", "", error);
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public void warn(CharSequence content) {
        add("warn", content, null);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        add("warn", content, error);
    }

    @Override
    public void warn(Throwable error) {
        add("warn", "", error);
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    public void error(CharSequence content) {
        add("error", content, null);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        add("error", content, error);
    }

    @Override
    public void error(Throwable error) {
        add("error", "", error);
    }
}
