package dev.pgrelocate.rule;

import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.catalog.ExtensionCatalog;
import dev.pgrelocate.report.Change;
import dev.pgrelocate.report.Diagnostic;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.statement.Statement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What rules see and write: the direction of the move, what the stream has shown so far, and the
 * edits for the statement at hand. One context serves one input stream.
 */
public final class RuleContext {
    private final SchemaMove move;
    private final boolean targetOwnedByPlatform;
    private final boolean ensureExtensions;
    private final RewriteReport report;
    private String source;
    private final MovedExtensions movedExtensions;
    private final DumpDefinitions definitions;
    private final Set<String> createdExtensions = new HashSet<>();

    private boolean targetSchemaCreated;
    private String tocEntryType = "";
    private final RewriteOptions options;
    private String lineEnding = "\n";

    private Statement statement;
    private final List<Edit> edits = new ArrayList<>();
    private boolean dropped;

    /**
     * @param definitions what the dump defines, from a first pass when the input could be read
     *                    twice; statements add to it as they stream by
     */
    public RuleContext(RewriteOptions options, ExtensionCatalog catalog, DumpDefinitions definitions,
                       RewriteReport report, String source) {
        this.options = options;
        this.move = new SchemaMove(options);
        this.targetOwnedByPlatform = options.targetOwnedByPlatform();
        this.ensureExtensions = options.ensureExtensions();
        this.movedExtensions = new MovedExtensions(catalog);
        this.definitions = definitions;
        this.report = report;
        this.source = source;
        // A first pass saw which extensions the dump creates: references to their members move
        // even where they come before the CREATE EXTENSION (the DROPs of pg_dump --clean).
        definitions.extensions().forEach((extension, schema) -> {
            String from = schema == null ? "public" : schema;
            if (!move.isExcluded(extension) && move.movesFrom(from)) {
                movedExtensions.moved(extension, from);
            }
        });
    }

    public SchemaMove move() {
        return move;
    }

    /** The platform owns the target schema (heroku, supabase): a restore must leave it alone. */
    public boolean targetOwnedByPlatform() {
        return targetOwnedByPlatform;
    }

    public RewriteOptions options() {
        return options;
    }

    /**
     * The {@code Type:} of the pg_dump TOC entry the current statement belongs to, from the
     * {@code -- Name: x; Type: ACL; ...} comment before it ("ACL", "DEFAULT ACL", "EVENT TRIGGER",
     * ...); empty in files without those comments (structure.sql keeps them, migrations do not).
     */
    public String tocEntryType() {
        return tocEntryType;
    }

    public void setTocEntryType(String type) {
        this.tocEntryType = type;
    }

    /** Where the statements now being rewritten come from, as changes and warnings name it. */
    public void setSource(String source) {
        this.source = source;
    }

    /** Extensions created so far that move, with the schema each came from. */
    public MovedExtensions movedExtensions() {
        return movedExtensions;
    }

    /** Every extension the stream has created so far, moved or not. */
    public Set<String> createdExtensions() {
        return createdExtensions;
    }

    /** Schema-qualified names the dump defines itself. */
    public DumpDefinitions definitions() {
        return definitions;
    }

    /** {@code --ensure-extensions}: create extensions the dump uses but never creates. */
    public boolean ensureExtensions() {
        return ensureExtensions;
    }

    /** True once the stream has created the target schema (or a rule inserted its creation). */
    public boolean targetSchemaCreated() {
        return targetSchemaCreated;
    }

    public void markTargetSchemaCreated() {
        this.targetSchemaCreated = true;
    }

    /** The input's line ending ({@code \n} or {@code \r\n}), for inserted lines. */
    public String lineEnding() {
        return lineEnding;
    }

    public void setLineEnding(String lineEnding) {
        this.lineEnding = lineEnding;
    }

    // ------------------------------------------------------------ per statement

    public void begin(Statement s) {
        this.statement = s;
        this.edits.clear();
        this.dropped = false;
    }

    public List<Edit> edits() {
        return Collections.unmodifiableList(edits);
    }

    public boolean dropped() {
        return dropped;
    }

    public void replace(String rule, int start, int end, String replacement, String description, String failure) {
        edits.add(new Edit(start, end, replacement));
        record(rule, start, description, failure);
    }

    public void insert(String rule, int at, String text, String description, String failure) {
        replace(rule, at, at, text, description, failure);
    }

    /** Removes the whole statement (and the line end right after it). */
    public void drop(String rule, String description, String failure) {
        dropped = true;
        record(rule, 0, description, failure);
    }

    public void warn(int at, String message, String hint) {
        warnAt(statement.lineAt(at), statement.columnAt(at), message, hint);
    }

    /** A warning at a place of the input, for rules that report after the statement has passed. */
    public void warnAt(long line, long column, String message, String hint) {
        report.warn(Diagnostic.warning(source, line, column, message, hint));
    }

    private void record(String rule, int at, String description, String failure) {
        report.record(new Change(rule, source, statement.lineAt(at), statement.columnAt(at), statement.firstLine(),
                description, failure));
    }

    /**
     * Records a change to a line that is not a statement (a meta-command). Only the command word is
     * kept: its arguments may be a secret such as a {@code \restrict} key, whatever whitespace precedes them.
     */
    public void recordLine(String rule, long line, long column, String text, String description) {
        String command = text.strip().split("\\s", 2)[0];
        report.record(new Change(rule, source, line, column, command, description, null));
    }
}
