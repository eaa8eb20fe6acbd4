package dev.pgrelocate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.catalog.ExtensionCatalog.Member;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lookups in the built-in catalogs, and the resource format. */
class ExtensionCatalogTest {

    private static final ExtensionCatalog PG15 = ExtensionCatalog.builtin(15);

    // ---------------------------------------------------------------------------------------
    // Lookups in the built-in catalog of the default major
    // ---------------------------------------------------------------------------------------

    @Test
    void citextTypeBelongsToCitext() {
        assertEquals(Set.of("citext"), PG15.owners("citext", MemberKind.TYPE));
    }

    @Test
    void overlapOperatorHasSeveralOwners() {
        Set<String> owners = PG15.owners("&&", MemberKind.OPERATOR);
        assertTrue(owners.containsAll(Set.of("intarray", "cube", "seg")), owners.toString());
        if (PG15.knowsExtension("postgis")) {
            assertTrue(owners.contains("postgis"), owners.toString());
        }
    }

    @Test
    void arrowOperatorBelongsToHstoreAndCube() {
        assertEquals(Set.of("cube", "hstore"), PG15.owners("->", MemberKind.OPERATOR));
    }

    @Test
    void uuidGenerateV4BelongsToUuidOssp() {
        assertEquals(Set.of("uuid-ossp"), PG15.owners("uuid_generate_v4", MemberKind.FUNCTION));
    }

    @Test
    void trigramOperatorClassAndFamilyBelongToPgTrgm() {
        assertEquals(Set.of("pg_trgm"), PG15.owners("gin_trgm_ops", MemberKind.OPERATOR_CLASS));
        assertEquals(Set.of("pg_trgm"), PG15.owners("gin_trgm_ops", MemberKind.OPERATOR_FAMILY));
        assertEquals(Set.of("pg_trgm"), PG15.owners("similarity", MemberKind.FUNCTION));
    }

    @Test
    void unaccentIsADictionaryATemplateAndAFunction() {
        assertEquals(Set.of("unaccent"), PG15.owners("unaccent", MemberKind.TEXT_SEARCH_DICTIONARY));
        assertEquals(Set.of("unaccent"), PG15.owners("unaccent", MemberKind.TEXT_SEARCH_TEMPLATE));
        assertEquals(Set.of("unaccent"), PG15.owners("unaccent", MemberKind.FUNCTION));
        assertEquals(Set.of("unaccent"), PG15.ownersOfAnyKind("unaccent"));
    }

    @Test
    void membersOfTheIssueFixtureExtensionsAreKnown() {
        assertEquals(Set.of("hstore"), PG15.owners("hstore", MemberKind.TYPE));
        assertEquals(Set.of("ltree"), PG15.owners("ltree", MemberKind.TYPE));
        assertEquals(Set.of("ltree"), PG15.owners("nlevel", MemberKind.FUNCTION));
        assertEquals(Set.of("tablefunc"), PG15.owners("crosstab", MemberKind.FUNCTION));
        assertEquals(Set.of("pgcrypto"), PG15.owners("crypt", MemberKind.FUNCTION));
        assertEquals(Set.of("fuzzystrmatch"), PG15.owners("levenshtein", MemberKind.FUNCTION));
        assertEquals(Set.of("btree_gist"), PG15.owners("gist_int4_ops", MemberKind.OPERATOR_CLASS));
        assertEquals(Set.of("intarray"), PG15.owners("gin__int_ops", MemberKind.OPERATOR_CLASS));
        assertEquals(Set.of("lo"), PG15.owners("lo", MemberKind.TYPE), "a domain counts as a type");
    }

    @Test
    void extensionsAreKnownByName() {
        for (String extension : List.of("pgcrypto", "citext", "hstore", "pg_trgm", "btree_gist", "tablefunc",
                "uuid-ossp", "unaccent", "ltree", "intarray", "fuzzystrmatch", "plpgsql")) {
            assertTrue(PG15.knowsExtension(extension), extension);
            assertTrue(PG15.extensions().contains(extension), extension);
        }
        assertFalse(PG15.knowsExtension("no_such_extension"));
        assertEquals("1.6", PG15.version("citext"));
        assertNull(PG15.version("no_such_extension"));
    }

    @Test
    void unknownNamesAndKindsHaveNoOwners() {
        assertEquals(Set.of(), PG15.owners("users", MemberKind.TABLE));
        assertEquals(Set.of(), PG15.owners("citext", MemberKind.SEQUENCE));
        assertEquals(Set.of(), PG15.ownersOfAnyKind("similarity_score"));
        assertEquals(Set.of(), PG15.members("no_such_extension"));
    }

    @Test
    void castsAreListedButNotFoundAsNames() {
        List<Member> casts = PG15.entries().stream()
                .filter(m -> m.extension().equals("citext") && m.kind() == MemberKind.CAST).toList();
        assertTrue(casts.stream().anyMatch(m -> m.identity().equals("(pg_catalog.text AS public.citext)")),
                casts.toString());
        assertEquals(Set.of(), PG15.ownersOfAnyKind("(pg_catalog.text AS public.citext)"));
        assertEquals(Set.of("citext"), PG15.owners("(pg_catalog.text AS public.citext)", MemberKind.CAST));
    }

    @Test
    void membersAreBareNamesOfSchemaQualifiedMembers() {
        Set<String> citext = PG15.members("citext");
        assertTrue(citext.containsAll(Set.of("citext", "citext_ops", "regexp_replace", "=", "<>")), citext.toString());
        assertTrue(citext.stream().noneMatch(n -> n.startsWith("(")), "no casts: " + citext);
        assertEquals(Set.of("plpgsql_call_handler", "plpgsql_inline_handler", "plpgsql_validator"),
                PG15.members("plpgsql"), "the language itself has no schema");
        assertEquals(Set.of("plpgsql"), PG15.owners("plpgsql", MemberKind.LANGUAGE));
    }

    @Test
    void lookupResultsCannotBeModified() {
        assertThrows(UnsupportedOperationException.class, () -> PG15.owners("citext", MemberKind.TYPE).add("x"));
        assertThrows(UnsupportedOperationException.class, () -> PG15.ownersOfAnyKind("citext").clear());
        assertThrows(UnsupportedOperationException.class, () -> PG15.extensions().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> PG15.entries().clear());
    }

    @Test
    void postgisIsInTheDefaultMajorCatalog() {
        assertTrue(PG15.knowsExtension("postgis"),
                "pg15.tsv lacks PostGIS: regenerate it on a machine with Debian's postgresql-15-postgis-3 ("
                        + CatalogGenerator.REGENERATE + ")");
        assertEquals(Set.of("postgis"), PG15.owners("geometry", MemberKind.TYPE));
        assertTrue(PG15.owners("st_intersects", MemberKind.FUNCTION).contains("postgis"));
        assertEquals(Set.of("postgis"), PG15.owners("spatial_ref_sys", MemberKind.TABLE));
        assertEquals(Set.of("postgis"), PG15.owners("geometry_columns", MemberKind.VIEW));
        assertEquals(Set.of("postgis", "postgis_raster"), PG15.owners("st_union", MemberKind.AGGREGATE));
        assertEquals(Set.of("postgis_raster"), PG15.owners("raster", MemberKind.TYPE));
        assertEquals(Set.of("postgis_topology"), PG15.owners("topogeometry", MemberKind.TYPE));
        assertTrue(PG15.version("postgis").startsWith("3."), PG15.version("postgis"));
    }

    // ---------------------------------------------------------------------------------------
    // One resource per major
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {13, 14, 15, 16, 17})
    void everyGeneratedMajorLoads(int major) {
        ExtensionCatalog catalog = ExtensionCatalog.builtin(major);
        assertEquals(major, catalog.major());
        for (String extension : List.of("citext", "hstore", "pg_trgm", "btree_gist", "btree_gin", "tablefunc",
                "uuid-ossp", "unaccent", "ltree", "intarray", "fuzzystrmatch", "pgcrypto", "cube", "earthdistance")) {
            assertTrue(catalog.knowsExtension(extension), major + ": " + extension);
            assertFalse(catalog.members(extension).isEmpty(), major + ": " + extension);
        }
        assertEquals(Set.of("citext"), catalog.owners("citext", MemberKind.TYPE));
        assertTrue(catalog.entries().size() > 1000, catalog.toString());
        assertSame(catalog, ExtensionCatalog.builtin(major), "loaded once");
    }

    @Test
    void aMajorWithoutACatalogGetsTheNearestOne() {
        assertEquals(13, ExtensionCatalog.builtin(12).major());
        assertEquals(13, ExtensionCatalog.builtin(9).major());
        assertEquals(17, ExtensionCatalog.builtin(18).major());
        assertEquals(17, ExtensionCatalog.builtin(40).major());
        assertSame(ExtensionCatalog.builtin(17), ExtensionCatalog.builtin(18));
    }

    @Test
    void generatedEntriesAreSortedAndUnique() {
        for (int major = 13; major <= 17; major++) {
            List<Member> entries = ExtensionCatalog.builtin(major).entries();
            for (int i = 1; i < entries.size(); i++) {
                assertTrue(entries.get(i - 1).compareTo(entries.get(i)) < 0, entries.get(i).toString());
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Resource format, merge, restriction
    // ---------------------------------------------------------------------------------------

    private static ExtensionCatalog parse(String text) throws IOException {
        return ExtensionCatalog.read(new BufferedReader(new StringReader(text)), "test.tsv");
    }

    @Test
    void writtenCatalogReadsBackEqual() throws IOException {
        StringBuilder out = new StringBuilder();
        PG15.write(out, List.of("a comment"), Map.of("citext", "a note"));
        String text = out.toString();
        assertTrue(text.startsWith("# a comment\n# major: 15\n"), text.substring(0, 40));
        assertTrue(text.contains("\n# extension: citext 1.6 (a note)\n"));
        assertEquals(PG15, parse(text));
    }

    @Test
    void fieldsWithTabsNewlinesAndBackslashesRoundTrip() throws IOException {
        ExtensionCatalog catalog = parse("# major: 16\n# extension: odd 1.0\n"
                + "odd\tfunction\ta\\tb\\\\c\\nd\todd.x()\n");
        Member member = catalog.entries().get(0);
        assertEquals("a\tb\\c\nd", member.name());
        StringBuilder out = new StringBuilder();
        catalog.write(out, List.of(), Map.of());
        assertTrue(out.toString().contains("odd\tfunction\ta\\tb\\\\c\\nd\todd.x()\n"), out.toString());
        assertEquals(catalog, parse(out.toString()));
    }

    @Test
    void malformedLinesNameTheLine() {
        IllegalStateException fields = assertThrows(IllegalStateException.class,
                () -> parse("# major: 15\n\ncitext\ttype\tcitext\n"));
        assertEquals("test.tsv:3: expected 4 tab-separated fields (extension, kind, name, identity), found 3",
                fields.getMessage());
        IllegalStateException kind = assertThrows(IllegalStateException.class,
                () -> parse("# major: 15\ncitext\tgadget\tcitext\tpublic.citext\n"));
        assertEquals("test.tsv:2: unknown member kind \"gadget\"", kind.getMessage());
        assertThrows(IllegalStateException.class, () -> parse("citext\ttype\tcitext\tpublic.citext\n"));
    }

    @Test
    void mergeUnitesMembersAndPrefersItsOwnVersions() throws IOException {
        ExtensionCatalog live = parse("# major: 16\n# extension: citext 1.7\n# extension: mine 0.1\n"
                + "citext\tfunction\tcitext_new\tpublic.citext_new()\n"
                + "mine\tfunction\tmy_func\tpublic.my_func()\n");
        ExtensionCatalog merged = live.merge(PG15);
        assertEquals(16, merged.major());
        assertEquals("1.7", merged.version("citext"));
        assertEquals("0.1", merged.version("mine"));
        assertEquals(Set.of("citext"), merged.owners("citext", MemberKind.TYPE));
        assertEquals(Set.of("citext"), merged.owners("citext_new", MemberKind.FUNCTION));
        assertEquals(Set.of("mine"), merged.ownersOfAnyKind("my_func"));
        assertTrue(merged.knowsExtension("pg_trgm"));
        assertEquals(PG15.entries().size() + 2, merged.entries().size());
    }

    @Test
    void restrictionKeepsOnlyTheNamedExtensions() {
        ExtensionCatalog two = PG15.restrictedTo(List.of("citext", "hstore", "no_such_extension"));
        assertEquals(Set.of("citext", "hstore"), two.extensions());
        assertEquals(Set.of(), two.owners("&&", MemberKind.OPERATOR));
        assertEquals(Set.of("hstore"), two.owners("->", MemberKind.OPERATOR));
        List<Member> expected = new ArrayList<>(PG15.entries());
        expected.removeIf(m -> !Set.of("citext", "hstore").contains(m.extension()));
        assertEquals(expected, two.entries());
    }

    @Test
    void driftDiffShowsBothSidesAndVersions() throws IOException {
        ExtensionCatalog resource = parse("# major: 15\n# extension: citext 1.6\n"
                + "citext\ttype\tcitext\tpublic.citext\n"
                + "citext\tfunction\tcitext_old\tpublic.citext_old()\n");
        ExtensionCatalog server = parse("# major: 15\n# extension: citext 1.7\n"
                + "citext\ttype\tcitext\tpublic.citext\n"
                + "citext\tfunction\tcitext_new\tpublic.citext_new()\n");
        assertEquals(List.of("  extension citext: resource 1.6, server 1.7",
                "- citext\tfunction\tcitext_old\tpublic.citext_old()",
                "+ citext\tfunction\tcitext_new\tpublic.citext_new()"),
                ExtensionCatalogDriftTest.diff(resource, server));
        assertEquals(List.of(), ExtensionCatalogDriftTest.diff(PG15, PG15));
    }
}
