package dev.pgrelocate.archive;

import java.util.List;
import java.util.Locale;

/**
 * The session settings a restore of one archive starts with, from its special TOC entries
 * (ENCODING, STDSTRINGS, SEARCHPATH): pg_restore prints them as the SET block at the top of a
 * script and sends them on every connection of a parallel restore.
 *
 * @param encoding   the canonical encoding name ({@code UTF8}); SQL_ASCII when the archive has none
 * @param stdStrings standard_conforming_strings; off when the archive does not say
 * @param searchPath the SEARCHPATH entry's SQL (archives since 1.13), or null
 */
public record SessionSetup(String encoding, boolean stdStrings, String searchPath) {

    /** Server encoding names as PostgreSQL prints them (pg_encoding_to_char). */
    private static final List<String> ENCODINGS = List.of(
            "SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW", "EUC_JIS_2004", "UTF8", "MULE_INTERNAL",
            "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6", "LATIN7", "LATIN8", "LATIN9", "LATIN10",
            "WIN1256", "WIN1258", "WIN866", "WIN874", "KOI8R", "WIN1251", "WIN1252", "ISO_8859_5", "ISO_8859_6",
            "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254", "WIN1255", "WIN1257", "KOI8U", "SJIS",
            "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004");

    /** The settings of {@code entries}; {@code source} names the archive in errors. */
    public static SessionSetup of(String source, List<TocEntry> entries) {
        String encoding = "SQL_ASCII";
        boolean stdStrings = false;
        String searchPath = null;
        for (TocEntry entry : entries) {
            switch (entry.desc()) {
                case "ENCODING" -> encoding = encoding(source, entry);
                case "STDSTRINGS" -> stdStrings = stdStrings(source, entry);
                case "SEARCHPATH" -> searchPath = entry.defn();
                default -> { }
            }
        }
        return new SessionSetup(encoding, stdStrings, searchPath);
    }

    /** The SET block pg_restore 15 writes after the header (and runs on each new connection). */
    public String preamble() {
        StringBuilder sql = new StringBuilder();
        sql.append("SET statement_timeout = 0;\n");
        sql.append("SET lock_timeout = 0;\n");
        sql.append("SET idle_in_transaction_session_timeout = 0;\n");
        sql.append("SET client_encoding = '").append(encoding).append("';\n");
        sql.append("SET standard_conforming_strings = ").append(stdStrings ? "on" : "off").append(";\n");
        if (searchPath != null) {
            sql.append(searchPath);
        }
        sql.append("SET check_function_bodies = false;\n");
        sql.append("SET xmloption = content;\n");
        sql.append("SET client_min_messages = warning;\n");
        if (!stdStrings) {
            sql.append("SET escape_string_warning = off;\n");
        }
        sql.append("SET row_security = off;\n");
        sql.append("\n");
        return sql.toString();
    }

    /** {@code SET client_encoding = 'UTF8';}: the name between the first two quotes, canonicalised. */
    private static String encoding(String source, TocEntry entry) {
        String defn = entry.defn() == null ? "" : entry.defn();
        int open = defn.indexOf('\'');
        int close = open < 0 ? -1 : defn.indexOf('\'', open + 1);
        if (close < 0) {
            throw invalid(source, entry, "invalid ENCODING item: " + defn);
        }
        String key = simplify(defn.substring(open + 1, close));
        for (String name : ENCODINGS) {
            if (simplify(name).equals(key)) {
                return name;
            }
        }
        // aliases the list above does not spell out
        return switch (key) {
            case "unicode" -> "UTF8";
            case "sjis", "mskanji", "shiftjis", "win932", "windows932" -> "SJIS";
            case "win", "win1251", "windows1251" -> "WIN1251";
            case "alt", "win866", "windows866" -> "WIN866";
            case "koi8" -> "KOI8R";
            case "tcvn", "tcvn5712", "vscii", "abc" -> "WIN1258";
            default -> throw invalid(source, entry, "unrecognized encoding \"" + defn.substring(open + 1, close) + "\"");
        };
    }

    /** pg_char_to_encoding compares names ignoring case and everything but letters and digits. */
    private static String simplify(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean stdStrings(String source, TocEntry entry) {
        String defn = entry.defn() == null ? "" : entry.defn();
        int quote = defn.indexOf('\'');
        if (quote >= 0 && defn.startsWith("'on'", quote)) {
            return true;
        }
        if (quote >= 0 && defn.startsWith("'off'", quote)) {
            return false;
        }
        throw invalid(source, entry, "invalid STDSTRINGS item: " + defn);
    }

    private static ArchiveFormatException invalid(String source, TocEntry entry, String problem) {
        return ArchiveFormatException.of(source, ArchiveFormatException.NO_OFFSET, entry, problem, null);
    }
}
