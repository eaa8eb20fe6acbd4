package dev.pgrelocate;

import dev.pgrelocate.lex.Newlines;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.rule.MetaCommandRule;
import dev.pgrelocate.rule.RuleContext;
import dev.pgrelocate.rule.RuleSet;
import dev.pgrelocate.rule.DumpDefinitions;
import dev.pgrelocate.rule.StatementRule;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementReader;
import dev.pgrelocate.rule.Edit;
import dev.pgrelocate.write.EditApplier;
import dev.pgrelocate.write.LineMap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One pass over one input: read an item, let the rules edit it, write it. */
final class StreamRewriter {
    private final RewriteOptions options;
    private final RuleSet rules;
    private final Catalogs catalogs;
    /** Where output lines differ from input lines; null when nobody asked. */
    private LineMap lines;
    /** Output lines minus input lines so far. */
    private long lineDelta;

    StreamRewriter(RewriteOptions options) {
        this.options = options;
        this.rules = RuleSet.forOptions(options);
        this.catalogs = new Catalogs(options.catalog());
    }

    /** State of the current input: set by {@link #begin}, read by {@link #pump} and {@link #finish}. */
    private RuleContext context;
    private RewriteReport report;

    /**
     * @param definitions names the dump defines, from a first pass over a file; for a stream an
     *                    empty set that fills as statements pass
     */
    RewriteReport run(InputStream in, OutputStream out, String source, DumpDefinitions definitions, LineMap lines)
            throws IOException {
        begin(source, definitions, lines, null);
        pump(in, out, source, true);
        return finish(out);
    }

    /**
     * Starts one input: a script, or an archive whose TOC entries are then pumped one by one.
     *
     * @param major the dump's PostgreSQL major when known beforehand (an archive's header), else
     *              null: the union of every major's catalog until a script's header names one
     */
    void begin(String source, DumpDefinitions definitions, LineMap lines, Integer major) {
        this.lines = lines;
        this.lineDelta = 0;
        this.report = new RewriteReport();
        report.addSource(source);
        this.context = new RuleContext(options, major == null ? catalogs.forUnknownMajor() : catalogs.forMajor(major),
                definitions, report, source);
    }

    /** The script's header names its server: that major's catalog replaces the union of every major. */
    private void useMajor(int major) {
        context.movedExtensions().useCatalog(catalogs.forMajor(major));
    }

    RuleContext context() {
        return context;
    }

    /**
     * Rewrites one piece of the input (the whole script, or one TOC entry's SQL) with the rules and
     * the context of everything pumped before it.
     *
     * @param readsHeader true for a script, whose leading comment may name the dump's major
     */
    void pump(InputStream in, OutputStream out, String source, boolean readsHeader) throws IOException {
        StatementReader reader = new StatementReader(in, source);
        boolean lineEndingKnown = false;
        boolean statementSeen = !readsHeader;
        boolean swallowLineEnd = false;
        // pg_dump writes an entry's SET SESSION AUTHORIZATION before the entry's header comment:
        // it is held until that comment has said which entry it belongs to.
        Statement held = null;
        StatementReader.Item item;
        while ((item = reader.next()) != StatementReader.Item.END) {
            if (held != null && item != StatementReader.Item.TRIVIA) {
                writeStatement(held, context, out);
                held = null;
            }
            switch (item) {
                case STATEMENT -> {
                    statementSeen = true;
                    Statement statement = reader.statement();
                    if (!lineEndingKnown) {
                        lineEndingKnown = detectLineEnding(statement.bytes(), 0, statement.bytes().length, context);
                    }
                    context.definitions().collect(statement);
                    if (TocComments.switchesRoleForNextEntry(statement)) {
                        held = statement;
                    } else {
                        swallowLineEnd = writeStatement(statement, context, out);
                    }
                }
                case META_COMMAND -> {
                    writeMetaCommand(reader, context, out);
                    swallowLineEnd = false;
                }
                case TRIVIA -> {
                    TocComments.lastEntryType(reader.buffer(), reader.start(), reader.end())
                            .ifPresent(context::setTocEntryType);
                    if (held != null) {
                        swallowLineEnd = writeStatement(held, context, out);
                        held = null;
                    }
                    int start = reader.start();
                    if (swallowLineEnd) {
                        start = afterLineEnd(reader.buffer(), start, reader.end());
                        swallowLineEnd = false;
                        if (start != reader.start()) {
                            shiftLines(reader.itemLine() + 1, -1); // the dropped statement's line end
                        }
                    }
                    if (!lineEndingKnown) {
                        lineEndingKnown = detectLineEnding(reader.buffer(), reader.start(), reader.end(), context);
                    }
                    if (!statementSeen) {
                        catalogs.majorFromHeader(reader.itemText()).ifPresent(this::useMajor);
                    }
                    out.write(reader.buffer(), start, reader.end() - start);
                }
                case COPY_DATA -> out.write(reader.buffer(), reader.start(), reader.end() - reader.start());
                default -> throw new IllegalStateException("unexpected item " + item);
            }
        }
        if (held != null) {
            writeStatement(held, context, out);
        }
    }

    /** Ends the input: rules that waited for the whole of it report now. */
    RewriteReport finish(OutputStream out) throws IOException {
        for (StatementRule rule : rules.statementRules()) {
            rule.finish(context);
        }
        out.flush();
        return report;
    }

    /** Applies the rules; returns true when the statement was dropped (its line end goes too). */
    private boolean writeStatement(Statement s, RuleContext context, OutputStream out) throws IOException {
        context.begin(s);
        long lastLine = s.line() + newlines(s.bytes(), 0, s.bytes().length);
        for (StatementRule rule : rules.statementRules()) {
            rule.apply(s, context);
            if (context.dropped()) {
                shiftLines(lastLine, s.line() - lastLine);
                return true;
            }
        }
        long prefix = 0;
        long inside = 0;
        for (Edit e : context.edits()) {
            long change = newlines(e.replacement()) - newlines(s.bytes(), e.start(), e.end());
            if (e.start() == 0 && e.end() == 0) {
                prefix += change; // inserted before the statement: its own first line moves
            } else {
                inside += change;
            }
        }
        shiftLines(s.line(), prefix);
        shiftLines(lastLine, inside);
        EditApplier.write(s.bytes(), context.edits(), out);
        return false;
    }

    /** From input line {@code inputLine} on, {@code change} more output lines than before. */
    private void shiftLines(long inputLine, long change) {
        if (change == 0) {
            return;
        }
        lineDelta += change;
        if (lines != null) {
            lines.shift(inputLine + lineDelta, lineDelta);
        }
    }

    private static long newlines(byte[] bytes, int from, int to) {
        return Newlines.count(bytes, from, to);
    }

    private static long newlines(String text) {
        return text.chars().filter(c -> c == '\n').count();
    }

    private void writeMetaCommand(StatementReader reader, RuleContext context, OutputStream out) throws IOException {
        String line = reader.itemText();
        for (MetaCommandRule rule : rules.metaCommandRules()) {
            String why = rule.drop(line);
            if (why != null) {
                context.recordLine(rule.id(), reader.itemLine(), reader.itemColumn(), line.split(" ", 2)[0], why);
                shiftLines(reader.itemLine() + 1, -newlines(line));
                return;
            }
        }
        out.write(reader.buffer(), reader.start(), reader.end() - reader.start());
    }

    /** Skips spaces and tabs and one line end, if the trivia starts that way. */
    private static int afterLineEnd(byte[] buf, int start, int end) {
        int i = start;
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        if (i < end && buf[i] == '\n') {
            return i + 1;
        }
        if (i + 1 < end && buf[i] == '\r' && buf[i + 1] == '\n') {
            return i + 2;
        }
        return start;
    }

    private static boolean detectLineEnding(byte[] buf, int start, int end, RuleContext context) {
        for (int i = start; i < end; i++) {
            if (buf[i] == '\n') {
                context.setLineEnding(i > start && buf[i - 1] == '\r' ? "\r\n" : "\n");
                return true;
            }
        }
        return false;
    }
}
