package dev.pgrelocate;

import dev.pgrelocate.catalog.ExtensionCatalog;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the extension catalog for a dump: the built-in one of the PostgreSQL major the dump's
 * header names ({@code -- Dumped from database version 15.18}), or, without a header (Rails strips
 * it), the union of every built-in major; a catalog read with {@code --catalog-url} is added on top.
 */
final class Catalogs {
    static final int[] BUILT_IN_MAJORS = {13, 14, 15, 16, 17};

    private static final Pattern DUMPED_FROM = Pattern.compile("-- Dumped from database version (\\d+)");

    private final ExtensionCatalog extra;

    Catalogs(ExtensionCatalog extra) {
        this.extra = extra;
    }

    ExtensionCatalog forMajor(int major) {
        return withExtra(ExtensionCatalog.builtin(major));
    }

    ExtensionCatalog forUnknownMajor() {
        return withExtra(AllMajors.CATALOG);
    }

    /** Merged once per JVM: rewriting one TOC entry after another must not pay for it each time. */
    private static final class AllMajors {
        static final ExtensionCatalog CATALOG = merge();

        private static ExtensionCatalog merge() {
            ExtensionCatalog all = ExtensionCatalog.builtin(BUILT_IN_MAJORS[BUILT_IN_MAJORS.length - 1]);
            for (int major : BUILT_IN_MAJORS) {
                all = all.merge(ExtensionCatalog.builtin(major));
            }
            return all;
        }
    }

    /** The major named in a dump's header comment, if this text holds it. */
    Optional<Integer> majorFromHeader(String text) {
        Matcher m = DUMPED_FROM.matcher(text);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private ExtensionCatalog withExtra(ExtensionCatalog builtIn) {
        return extra == null ? builtIn : extra.merge(builtIn);
    }
}
