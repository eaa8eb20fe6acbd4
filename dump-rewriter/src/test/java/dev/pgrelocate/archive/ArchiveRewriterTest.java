package dev.pgrelocate.archive;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules over synthetic TOC entries shaped like pg_dump 15's (see the real archives in ArchiveRewriteRestoreTest). */
class ArchiveRewriterTest {
    private final AtomicInteger ids = new AtomicInteger(200);

    private TocEntry.Builder entry(String desc, String namespace, String tag, String owner, String defn, String drop) {
        return TocEntry.builder().dumpId(ids.incrementAndGet()).tableoid("0").oid("0").desc(desc).namespace(namespace)
                .tag(tag).owner(owner).defn(defn).dropStmt(drop).withOids("false")
                .section(TocEntry.SECTION_PRE_DATA).dependencies(List.of());
    }

    private static ArchiveRewriter.Result rewrite(RewriteOptions options, TocEntry... entries) {
        return new ArchiveRewriter(options).rewrite(List.of(entries), 15, "app.dump");
    }

    @Test
    void extensionMovesAndTheTargetSchemaIsCreatedFirst() {
        TocEntry ext = entry("EXTENSION", null, "citext", null,
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n", "DROP EXTENSION citext;\n").build();
        ArchiveRewriter.Result r = rewrite(RewriteOptions.of(Preset.HEROKU), ext);
        TocEntry out = r.entries().get(0);
        assertTrue(out.defn().contains("CREATE SCHEMA IF NOT EXISTS heroku_ext;"), out.defn());
        assertTrue(out.defn().contains("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;"), out.defn());
        assertEquals("DROP EXTENSION citext;\n", out.dropStmt());
        assertTrue(r.report().countsByRule().containsKey("extension-schema"), r.report().toText());
        assertTrue(r.report().changes().get(0).source().startsWith("app.dump [" + ext.dumpId() + " EXTENSION citext]"),
                r.report().changes().get(0).source());
    }

    @Test
    void definitionAndDropStatementMoveTogetherAndTheTagFollows() {
        TocEntry ext = entry("EXTENSION", null, "citext", null,
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n", "DROP EXTENSION citext;\n").build();
        TocEntry fn = entry("FUNCTION", "app", "echo(public.citext)", "app",
                "CREATE FUNCTION app.echo(a public.citext) RETURNS public.citext\n    LANGUAGE sql\n    AS $$ SELECT a $$;\n",
                "DROP FUNCTION app.echo(a public.citext);\n").build();
        TocEntry out = rewrite(RewriteOptions.of(Preset.HEROKU), ext, fn).entries().get(1);
        assertEquals("CREATE FUNCTION app.echo(a heroku_ext.citext) RETURNS heroku_ext.citext\n    LANGUAGE sql\n"
                + "    AS $$ SELECT a $$;\n", out.defn());
        // pg_restore cuts ALTER FUNCTION ... OWNER TO out of the drop statement: it must move too.
        assertEquals("DROP FUNCTION app.echo(a heroku_ext.citext);\n", out.dropStmt());
        assertEquals("echo(heroku_ext.citext)", out.tag());
        assertEquals("app", out.namespace());
        assertEquals("app", out.owner());
    }

    @Test
    void schemaDefinitionSurvivesPgRestoreNoOwner() {
        TocEntry schema = entry("SCHEMA", null, "app", "app", "CREATE SCHEMA app;\n", "DROP SCHEMA app;\n").build();
        TocEntry out = rewrite(RewriteOptions.of(Preset.HEROKU), schema).entries().get(0);
        assertEquals(ArchiveRewriter.SCHEMA_COMMENT + "CREATE SCHEMA IF NOT EXISTS app;\n", out.defn());
    }

    @Test
    void unchangedEntriesAreTheSameObjects() {
        TocEntry encoding = entry("ENCODING", null, "ENCODING", null, "SET client_encoding = 'UTF8';\n", null).build();
        TocEntry table = entry("TABLE", "app", "users", "app", "CREATE TABLE app.users (\n    id integer\n);\n",
                "DROP TABLE app.users;\n").build();
        ArchiveRewriter.Result r = rewrite(RewriteOptions.of(Preset.HEROKU), encoding, table);
        assertSame(encoding, r.entries().get(0));
        assertEquals(table, r.entries().get(1));
        assertFalse(r.changed(List.of(encoding, table)));
    }

    @Test
    void aclEntriesGoUnderNoAcl() {
        TocEntry table = entry("TABLE", "app", "users", "app", "CREATE TABLE app.users (\n    id integer\n);\n",
                "DROP TABLE app.users;\n").build();
        TocEntry acl = entry("ACL", "app", "TABLE users", "app", "GRANT SELECT ON TABLE app.users TO reader;\n", null)
                .section(TocEntry.SECTION_NONE).build();
        ArchiveRewriter.Result r = rewrite(RewriteOptions.builder().preset(Preset.HEROKU).noAcl(true).build(), table, acl);
        assertEquals(List.of(table), r.entries());
        assertEquals(1, r.removedEntries());
    }

    @Test
    void ownerFieldFollowsTheOwnerOptions() {
        TocEntry table = entry("TABLE", "app", "users", "old_owner", "CREATE TABLE app.users (\n    id integer\n);\n",
                "DROP TABLE app.users;\n").build();
        assertEquals("new_owner", rewrite(RewriteOptions.builder().preset(Preset.HEROKU).mapRole("old_owner", "new_owner")
                .build(), table).entries().get(0).owner());
        assertEquals("", rewrite(RewriteOptions.builder().preset(Preset.HEROKU).noOwner(true).build(), table)
                .entries().get(0).owner());
    }

    @Test
    void platformOwnedTargetSchemaLosesItsOwner() {
        TocEntry schema = entry("SCHEMA", null, "heroku_ext", "app", "CREATE SCHEMA heroku_ext;\n",
                "DROP SCHEMA heroku_ext;\n").build();
        TocEntry out = rewrite(RewriteOptions.of(Preset.HEROKU), schema).entries().get(0);
        assertEquals("", out.owner());
        assertTrue(out.defn().contains("CREATE SCHEMA IF NOT EXISTS heroku_ext;"), out.defn());
    }

    @Test
    void configurationTableDataMovesWithItsExtension() {
        TocEntry ext = entry("EXTENSION", null, "postgis", null,
                "CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;\n", "DROP EXTENSION postgis;\n").build();
        TocEntry data = entry("TABLE DATA", "public", "spatial_ref_sys", "postgres", null, null)
                .hadDumper(true).section(TocEntry.SECTION_DATA)
                .copyStmt("COPY public.spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) FROM stdin;\n").build();
        TocEntry out = rewrite(RewriteOptions.of(Preset.HEROKU), ext, data).entries().get(1);
        assertEquals("COPY heroku_ext.spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) FROM stdin;\n",
                out.copyStmt());
        assertEquals("heroku_ext", out.namespace());
        assertEquals(null, out.defn());
    }
}
