package dev.pgrelocate.support;

import dev.pgrelocate.statement.StatementReader;
import dev.pgrelocate.statement.StatementReader.Item;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of {@link StatementReader}'s output, copied out of the reader's buffer: its kind, its
 * exact bytes (ISO-8859-1 text, one char per byte) and where it started.
 */
public record SplitItem(Item kind, String text, long line, long column) {

    /** Short form for table-style expectations: kind and exact text. */
    public static SplitItem of(Item kind, String text) {
        return new SplitItem(kind, text, 0, 0);
    }

    public SplitItem withoutPosition() {
        return new SplitItem(kind, text, 0, 0);
    }

    /** Reads every item of {@code input} (until END). */
    public static List<SplitItem> readAll(InputStream input) {
        List<SplitItem> items = new ArrayList<>();
        try (StatementReader reader = new StatementReader(input, "t.sql")) {
            Item kind;
            while ((kind = reader.next()) != Item.END) {
                String text = new String(reader.buffer(), reader.start(), reader.end() - reader.start(),
                        StandardCharsets.ISO_8859_1);
                if (kind == Item.STATEMENT) {
                    // A statement carries its own copy of the bytes and position; both must agree with the view.
                    if (!reader.statement().text().equals(text) || reader.statement().line() != reader.itemLine()
                            || reader.statement().column() != reader.itemColumn()) {
                        throw new AssertionError("statement disagrees with the reader's view: " + text);
                    }
                }
                items.add(new SplitItem(kind, text, reader.itemLine(), reader.itemColumn()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    public static List<SplitItem> readAll(String input) {
        return readAll(bytes(input));
    }

    public static List<SplitItem> readAll(byte[] input) {
        return readAll(new ByteArrayInputStream(input));
    }

    /** Consecutive COPY_DATA items merged: how the data is chunked depends on the reads, its bytes do not. */
    public static List<SplitItem> mergeCopyData(List<SplitItem> items) {
        List<SplitItem> merged = new ArrayList<>();
        for (SplitItem item : items) {
            int last = merged.size() - 1;
            if (item.kind == Item.COPY_DATA && last >= 0 && merged.get(last).kind == Item.COPY_DATA) {
                SplitItem previous = merged.get(last);
                merged.set(last, new SplitItem(Item.COPY_DATA, previous.text + item.text, previous.line, previous.column));
            } else {
                merged.add(item);
            }
        }
        return merged;
    }

    /** Every item's bytes in order: must give back the input exactly. */
    public static String concat(List<SplitItem> items) {
        StringBuilder sb = new StringBuilder();
        items.forEach(i -> sb.append(i.text));
        return sb.toString();
    }

    /** All COPY data bytes of a script, in order. */
    public static String copyData(List<SplitItem> items) {
        StringBuilder sb = new StringBuilder();
        items.stream().filter(i -> i.kind == Item.COPY_DATA).forEach(i -> sb.append(i.text));
        return sb.toString();
    }

    /** The script as bytes in the reader's domain (ISO-8859-1: one char per byte). */
    public static byte[] bytes(String iso) {
        return iso.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        String shown = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return line == 0 ? kind + "[" + shown + "]" : kind + "@" + line + ":" + column + "[" + shown + "]";
    }
}
