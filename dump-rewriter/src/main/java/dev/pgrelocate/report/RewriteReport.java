package dev.pgrelocate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a rewrite did: every change with its place, counts per rule, and warnings. */
public final class RewriteReport {
    private final List<String> sources = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<Diagnostic> warnings = new ArrayList<>();

    public void addSource(String source) {
        sources.add(source);
    }

    public void record(Change change) {
        changes.add(change);
    }

    public void warn(Diagnostic warning) {
        warnings.add(warning);
    }

    /** Adds everything another report holds (one report for several files). */
    public void addAll(RewriteReport other) {
        sources.addAll(other.sources);
        changes.addAll(other.changes);
        warnings.addAll(other.warnings);
    }

    public List<String> sources() {
        return Collections.unmodifiableList(sources);
    }

    public List<Change> changes() {
        return Collections.unmodifiableList(changes);
    }

    public List<Diagnostic> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The changes that fix a statement which would fail on the target platform: what {@code check} lists. */
    public List<Change> findings() {
        return changes.stream().filter(Change::fixesFailure).toList();
    }

    /** Number of changes per rule id, sorted by rule id. */
    public Map<String, Integer> countsByRule() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Change c : changes) {
            counts.merge(c.rule(), 1, Integer::sum);
        }
        return counts;
    }

    /** A human summary: counts per rule, then each change and warning with its place. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("pgrelocate: ").append(changes.size()).append(changes.size() == 1 ? " change" : " changes")
                .append(", ").append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings")
                .append(" in ").append(String.join(", ", sources)).append('\n');
        countsByRule().forEach((rule, n) -> sb.append("  ").append(rule).append(": ").append(n).append('\n'));
        for (Change c : changes) {
            sb.append(c.location()).append(": ").append(c.rule()).append(": ").append(c.description()).append('\n');
        }
        for (Diagnostic w : warnings) {
            sb.append(w.render()).append('\n');
        }
        return sb.toString();
    }

    /** The same as JSON: {@code {"sources":[...],"counts":{...},"changes":[...],"warnings":[...]}}. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("sources");
            for (String s : sources) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("counts");
            for (Map.Entry<String, Integer> e : countsByRule().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("changes");
            for (Change c : changes) {
                g.writeStartObject();
                g.writeStringField("rule", c.rule());
                g.writeStringField("source", c.source());
                g.writeNumberField("line", c.line());
                g.writeNumberField("column", c.column());
                g.writeStringField("statement", c.statement());
                g.writeStringField("change", c.description());
                if (c.failure() != null) {
                    g.writeStringField("wouldFailBecause", c.failure());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("warnings");
            for (Diagnostic w : warnings) {
                g.writeStartObject();
                g.writeStringField("source", w.source());
                g.writeNumberField("line", w.line());
                g.writeNumberField("column", w.column());
                g.writeStringField("message", w.message());
                if (w.hint() != null) {
                    g.writeStringField("hint", w.hint());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString() + System.lineSeparator();
    }
}
