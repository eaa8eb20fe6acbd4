package dev.pgrelocate.statement;

import dev.pgrelocate.report.Diagnostic;

import java.util.Locale;
import java.util.Set;

/**
 * Client-only encodings whose multibyte characters may contain ASCII bytes such as a quote or a
 * backslash (PostgreSQL's PG_SJIS, PG_BIG5, PG_GBK, PG_UHC, PG_GB18030, PG_JOHAB). A byte lexer
 * would mis-split such a dump, so it is refused with a clear error instead.
 */
final class ClientEncodings {

    /** Names and aliases after PostgreSQL's clean_encoding_name: lower case, letters and digits only. */
    private static final Set<String> UNSAFE = Set.of(
            "sjis", "shiftjis", "mskanji", "win932", "windows932", "shiftjis2004",
            "big5", "win950", "windows950",
            "gbk", "win936", "windows936", "cp936",
            "uhc", "win949", "windows949",
            "gb18030", "johab");

    private ClientEncodings() {
    }

    static void requireByteSafe(String encoding, Statement at, String source) {
        String clean = encoding.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (UNSAFE.contains(clean)) {
            throw new DumpSyntaxException(Diagnostic.error(source, at.line(), at.column(),
                    "client encoding " + encoding.toUpperCase(Locale.ROOT) + " is not supported: its multibyte"
                            + " characters can contain quote and backslash bytes, so statements cannot be split safely",
                    "dump with a server-side encoding instead, e.g. pg_dump -E UTF8, or convert the file with iconv"
                            + " and change this SET client_encoding line to match"));
        }
    }
}
