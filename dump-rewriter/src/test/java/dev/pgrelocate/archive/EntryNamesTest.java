package dev.pgrelocate.archive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EntryNamesTest {

    @Test
    void tagFollowsATypeThatMovedInTheSql() {
        String before = "CREATE FUNCTION app.echo(a public.citext) RETURNS public.citext\n    LANGUAGE sql AS $$ SELECT a $$;\n";
        String after = before.replace("public.citext", "heroku_ext.citext");
        assertEquals("echo(heroku_ext.citext)", EntryNames.tag("echo(public.citext)", before, after, "heroku_ext"));
    }

    @Test
    void tagKeepsNamesThatDidNotMove() {
        String before = "CREATE FUNCTION public.f(a public.mytype, b public.citext) RETURNS integer AS $$ SELECT 1 $$;";
        String after = before.replace("public.citext", "heroku_ext.citext");
        assertEquals("f(public.mytype, heroku_ext.citext)",
                EntryNames.tag("f(public.mytype, public.citext)", before, after, "heroku_ext"));
        assertEquals("users", EntryNames.tag("users", before, after, "heroku_ext"));
    }

    @Test
    void tagUnchangedWhenSqlUnchanged() {
        String sql = "CREATE FUNCTION app.echo(a public.citext) RETURNS integer;";
        assertEquals("echo(public.citext)", EntryNames.tag("echo(public.citext)", sql, sql, "heroku_ext"));
    }

    @Test
    void tagQuotesATargetThatNeedsIt() {
        String before = "ALTER TABLE app.t ADD COLUMN c public.hstore;";
        String after = "ALTER TABLE app.t ADD COLUMN c \"Ext\".hstore;";
        assertEquals("x(\"Ext\".hstore)", EntryNames.tag("x(public.hstore)", before, after, "Ext"));
    }

    @Test
    void namespaceOfAGrantOnAMovedMemberMoves() {
        String before = "GRANT ALL ON FUNCTION public.crypt(text, text) TO app;\n";
        String after = before.replace("public.crypt", "heroku_ext.crypt");
        assertEquals("heroku_ext", EntryNames.namespace("public", before, after, "heroku_ext"));
    }

    @Test
    void namespaceOfAUserObjectUsingAMovedTypeStays() {
        String before = "CREATE TABLE public.users (\n    id integer,\n    email public.citext\n);\n";
        String after = before.replace("public.citext", "heroku_ext.citext");
        assertEquals("public", EntryNames.namespace("public", before, after, "heroku_ext"));
    }

    @Test
    void copyStatementOfAMovedConfigTableMovesItsNamespace() {
        String before = "COPY public.spatial_ref_sys (srid, auth_name) FROM stdin;\n";
        String after = before.replace("public.", "heroku_ext.");
        assertEquals("heroku_ext", EntryNames.namespace("public", before, after, "heroku_ext"));
        assertEquals(null, EntryNames.namespace(null, before, after, "heroku_ext"));
    }
}
