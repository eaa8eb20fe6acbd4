package dev.pgrelocate.write;

import dev.pgrelocate.rule.Edit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Writes a statement with its edits applied; every byte outside an edit is copied as it was. */
public final class EditApplier {
    private EditApplier() {
    }

    public static void write(byte[] bytes, List<Edit> edits, OutputStream out) throws IOException {
        if (edits.isEmpty()) {
            out.write(bytes);
            return;
        }
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start)); // stable: insertions at one place keep rule order
        int copied = 0;
        for (Edit e : sorted) {
            if (e.start() < copied || e.end() > bytes.length) {
                throw new IllegalStateException("overlapping or out-of-range edit " + e + " (a rule bug)");
            }
            out.write(bytes, copied, e.start() - copied);
            out.write(e.replacement().getBytes(StandardCharsets.ISO_8859_1));
            copied = e.end();
        }
        out.write(bytes, copied, bytes.length - copied);
    }
}
