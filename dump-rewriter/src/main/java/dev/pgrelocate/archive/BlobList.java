package dev.pgrelocate.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The large-object list of a directory or tar archive ({@code blobs.toc}, or {@code blobs_<id>.toc}
 * from 1.16): lines {@code "<oid> blob_<oid>.dat"} naming each LO's file.
 */
final class BlobList {

    record Item(long oid, String fileName) {
    }

    private BlobList() {
    }

    static List<Item> parse(byte[] content, String file, TocEntry entry) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        List<Item> items = new ArrayList<>();
        long offset = 0;
        for (String line : text.split("\n", -1)) {
            long lineStart = offset;
            offset += line.length() + 1;
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            long oid = -1;
            String name = space < 0 ? "" : line.substring(space + 1).trim();
            if (space > 0) {
                try {
                    oid = Long.parseLong(line.substring(0, space));
                } catch (NumberFormatException e) {
                    oid = -1;
                }
            }
            if (oid <= 0 || oid > 0xFFFFFFFFL || name.isEmpty()) {
                throw ArchiveFormatException.of(file, lineStart, entry, "invalid line in large object list: \""
                        + line + "\" (expected \"<oid> blob_<oid>.dat\")", "the archive is corrupt");
            }
            items.add(new Item(oid, SafeNames.check(name, file, entry)));
        }
        return items;
    }
}
