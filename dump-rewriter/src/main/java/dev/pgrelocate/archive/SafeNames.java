package dev.pgrelocate.archive;

/**
 * File names taken from a TOC or a large-object list must stay inside the archive: a name with a
 * path separator or "..", if followed, would read (or, when writing a copy, create) files elsewhere.
 */
final class SafeNames {
    private SafeNames() {
    }

    static String check(String name, String file, TocEntry entry) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw ArchiveFormatException.of(file, ArchiveFormatException.NO_OFFSET, entry,
                    "unsafe or empty data file name \"" + name + "\"", "pg_dump writes plain names such as 5118.dat;"
                            + " the TOC is corrupt or was tampered with");
        }
        return name;
    }
}
