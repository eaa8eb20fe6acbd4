package dev.pgrelocate.rule;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.report.Change;
import dev.pgrelocate.report.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.pgrelocate.support.RewriteHarness.assertRewrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 3: references follow their extension. One test per place pg_dump writes a qualified
 * reference to an extension member ({@code shared/docs/pg-plain-dump-format.md} §5), then what
 * must never move, name collisions, the warnings, and the three directions. Each snippet starts
 * the way pg_dump starts, by creating its extensions in {@code public}: the rule only moves
 * references of extensions the stream itself moved.
 */
class ExtensionReferenceRuleTest {
    private static final RewriteOptions HEROKU = RewriteOptions.of(Preset.HEROKU);
    private static final String REF = ExtensionReferenceRule.ID + " ";
    /** The header that selects the PostgreSQL 15 catalog (the one with PostGIS). */
    private static final String PG15 = "-- Dumped from database version 15.18\n";

    /**
     * Rewrites with the heroku preset a dump made of {@code header}, one {@code CREATE EXTENSION IF
     * NOT EXISTS x WITH SCHEMA public;} line per extension, then {@code body}. Expects the extension
     * lines moved to heroku_ext after an inserted {@code CREATE SCHEMA IF NOT EXISTS heroku_ext;},
     * then {@code expectedBody}, and in the report those changes followed by {@code references}
     * ({@code "extension-reference line:column"}, lines of the input).
     */
    private static Rewriter.SqlRewrite assertMoves(String header, List<String> extensions, String body,
                                                   String expectedBody, String... references) {
        StringBuilder input = new StringBuilder(header);
        StringBuilder expected = new StringBuilder(header).append("CREATE SCHEMA IF NOT EXISTS heroku_ext;\n\n");
        int line = (int) header.chars().filter(c -> c == '\n').count() + 1;
        List<String> changes = new ArrayList<>();
        changes.add(EnsureTargetSchemaRule.ID + " " + line + ":1");
        for (String extension : extensions) {
            String prefix = "CREATE EXTENSION IF NOT EXISTS " + extension + " WITH SCHEMA ";
            input.append(prefix).append("public;\n");
            expected.append(prefix).append("heroku_ext;\n");
            changes.add(ExtensionSchemaRule.ID + " " + line++ + ":" + (prefix.length() + 1));
        }
        changes.addAll(List.of(references));
        return assertRewrite(HEROKU, input + body, expected + expectedBody, changes.toArray(String[]::new));
    }

    private static Rewriter.SqlRewrite assertMoves(List<String> extensions, String body, String expectedBody,
                                                   String... references) {
        return assertMoves("", extensions, body, expectedBody, references);
    }

    /** Each warning as {@code "line:column: message"}. */
    private static List<String> warnings(Rewriter.SqlRewrite r) {
        return r.report().warnings().stream().map(w -> w.line() + ":" + w.column() + ": " + w.message()).toList();
    }

    // ------------------------------------------------------------------ every place pg_dump writes one

    @Test
    void columnType() {
        Rewriter.SqlRewrite r = assertMoves(List.of("citext"), """
                CREATE TABLE public.users (
                    login public.citext NOT NULL
                );
                """, """
                CREATE TABLE public.users (
                    login heroku_ext.citext NOT NULL
                );
                """, REF + "3:11");
        Change c = r.report().changes().get(2);
        assertEquals("public.citext -> heroku_ext.citext (extension citext)", c.description());
        assertEquals("public.citext does not exist once extension citext lives in heroku_ext", c.failure());
        assertEquals(List.of(), warnings(r));
    }

    @Test
    void arrayTypeAndArrayCastInDefault() {
        assertMoves(List.of("citext"), """
                CREATE TABLE public.users (
                    aliases public.citext[] DEFAULT '{}'::public.citext[] NOT NULL
                );
                """, """
                CREATE TABLE public.users (
                    aliases heroku_ext.citext[] DEFAULT '{}'::heroku_ext.citext[] NOT NULL
                );
                """, REF + "3:13", REF + "3:43");
    }

    @Test
    void typeWithTypmodFromThePg15Catalog() {
        assertMoves(PG15, List.of("postgis"), """
                CREATE TABLE public.places (
                    loc public.geometry(Point,4326) NOT NULL,
                    waypoints public.geometry(Point,4326)[] DEFAULT '{}'::public.geometry(Point,4326)[] NOT NULL,
                    geog public.geography(Point,4326) GENERATED ALWAYS AS ((loc)::public.geography) STORED
                );
                """, """
                CREATE TABLE public.places (
                    loc heroku_ext.geometry(Point,4326) NOT NULL,
                    waypoints heroku_ext.geometry(Point,4326)[] DEFAULT '{}'::heroku_ext.geometry(Point,4326)[] NOT NULL,
                    geog heroku_ext.geography(Point,4326) GENERATED ALWAYS AS ((loc)::heroku_ext.geography) STORED
                );
                """, REF + "4:9", REF + "5:15", REF + "5:59", REF + "6:10", REF + "6:67");
    }

    @Test
    void castInDefault() {
        assertMoves(List.of("hstore"), """
                CREATE TABLE public.users (
                    settings public.hstore DEFAULT ''::public.hstore NOT NULL
                );
                """, """
                CREATE TABLE public.users (
                    settings heroku_ext.hstore DEFAULT ''::heroku_ext.hstore NOT NULL
                );
                """, REF + "3:14", REF + "3:40");
    }

    @Test
    void functionsInDefaultButNotTheCoreGenRandomUuid() {
        assertMoves(List.of("pgcrypto", "\"uuid-ossp\""), """
                CREATE TABLE public.users (
                    id uuid DEFAULT public.uuid_generate_v4() NOT NULL,
                    encrypted_password text DEFAULT public.crypt('changeme'::text, public.gen_salt('bf'::text)) NOT NULL,
                    api_key uuid DEFAULT public.gen_random_uuid() NOT NULL,
                    session_key uuid DEFAULT gen_random_uuid() NOT NULL
                );
                """, """
                CREATE TABLE public.users (
                    id uuid DEFAULT heroku_ext.uuid_generate_v4() NOT NULL,
                    encrypted_password text DEFAULT heroku_ext.crypt('changeme'::text, heroku_ext.gen_salt('bf'::text)) NOT NULL,
                    api_key uuid DEFAULT heroku_ext.gen_random_uuid() NOT NULL,
                    session_key uuid DEFAULT gen_random_uuid() NOT NULL
                );
                """, REF + "4:21", REF + "5:37", REF + "5:68", REF + "6:26");
    }

    @Test
    void regtypeConstantInDefault() {
        assertMoves(List.of("hstore"), """
                CREATE TABLE public.users (
                    settings_type regtype DEFAULT 'public.hstore'::regtype NOT NULL,
                    settings_class regclass DEFAULT 'public.users'::regclass
                );
                """, """
                CREATE TABLE public.users (
                    settings_type regtype DEFAULT 'heroku_ext.hstore'::regtype NOT NULL,
                    settings_class regclass DEFAULT 'public.users'::regclass
                );
                """, REF + "3:36");
    }

    @Test
    void generatedColumn() {
        assertMoves(List.of("pgcrypto", "fuzzystrmatch"), """
                CREATE TABLE public.users (
                    name text NOT NULL,
                    name_digest bytea GENERATED ALWAYS AS (public.digest(name, 'sha256'::text)) STORED,
                    name_sound text GENERATED ALWAYS AS (public.soundex(name)) STORED
                );
                """, """
                CREATE TABLE public.users (
                    name text NOT NULL,
                    name_digest bytea GENERATED ALWAYS AS (heroku_ext.digest(name, 'sha256'::text)) STORED,
                    name_sound text GENERATED ALWAYS AS (heroku_ext.soundex(name)) STORED
                );
                """, REF + "5:44", REF + "6:42");
    }

    @Test
    void checkWithInfixPrefixAndAnyOperators() {
        assertMoves(List.of("citext", "hstore", "intarray"), """
                CREATE TABLE public.users (
                    login public.citext NOT NULL,
                    aliases public.citext[] NOT NULL,
                    settings public.hstore NOT NULL,
                    tag_ids integer[] NOT NULL,
                    CONSTRAINT users_aliases_distinct CHECK ((NOT (login OPERATOR(public.=) ANY (aliases)))),
                    CONSTRAINT users_settings_locale CHECK ((settings OPERATOR(public.?) 'locale'::text)),
                    CONSTRAINT users_tag_ids_few CHECK (((OPERATOR(public.#) tag_ids) < 10))
                );
                """, """
                CREATE TABLE public.users (
                    login heroku_ext.citext NOT NULL,
                    aliases heroku_ext.citext[] NOT NULL,
                    settings heroku_ext.hstore NOT NULL,
                    tag_ids integer[] NOT NULL,
                    CONSTRAINT users_aliases_distinct CHECK ((NOT (login OPERATOR(heroku_ext.=) ANY (aliases)))),
                    CONSTRAINT users_settings_locale CHECK ((settings OPERATOR(heroku_ext.?) 'locale'::text)),
                    CONSTRAINT users_tag_ids_few CHECK (((OPERATOR(heroku_ext.#) tag_ids) < 10))
                );
                """, REF + "5:11", REF + "6:13", REF + "7:14", REF + "9:67", REF + "10:64", REF + "11:52");
    }

    @Test
    void domainOverAnExtensionTypeWithAnOperatorCheck() {
        assertMoves(List.of("citext"), """
                CREATE DOMAIN public.email_address AS public.citext
                \tCONSTRAINT email_address_format CHECK ((VALUE OPERATOR(public.~) '^[^@]+@[^@]+$'::public.citext));
                """, """
                CREATE DOMAIN public.email_address AS heroku_ext.citext
                \tCONSTRAINT email_address_format CHECK ((VALUE OPERATOR(heroku_ext.~) '^[^@]+@[^@]+$'::heroku_ext.citext));
                """, REF + "2:39", REF + "3:57", REF + "3:84");
    }

    @Test
    void compositeTypeAndRangeSubtype() {
        assertMoves(List.of("citext", "hstore"), """
                CREATE TYPE public.labelled AS (
                \tlabel public.citext,
                \tattrs public.hstore
                );
                CREATE TYPE public.citext_range AS RANGE (
                    subtype = public.citext,
                    multirange_type_name = public.citext_multirange
                );
                """, """
                CREATE TYPE public.labelled AS (
                \tlabel heroku_ext.citext,
                \tattrs heroku_ext.hstore
                );
                CREATE TYPE public.citext_range AS RANGE (
                    subtype = heroku_ext.citext,
                    multirange_type_name = public.citext_multirange
                );
                """, REF + "4:8", REF + "5:8", REF + "8:15");
    }

    @Test
    void indexOperatorClassesWithAndWithoutParameters() {
        assertMoves(List.of("hstore", "pg_trgm"), """
                CREATE INDEX index_users_on_name_trgm ON public.users USING gin (name public.gin_trgm_ops);
                CREATE INDEX index_users_on_name_trgm_gist ON public.users USING gist (name public.gist_trgm_ops (siglen='32'));
                CREATE INDEX index_users_on_settings ON public.users USING gin (settings);
                """, """
                CREATE INDEX index_users_on_name_trgm ON public.users USING gin (name heroku_ext.gin_trgm_ops);
                CREATE INDEX index_users_on_name_trgm_gist ON public.users USING gist (name heroku_ext.gist_trgm_ops (siglen='32'));
                CREATE INDEX index_users_on_settings ON public.users USING gin (settings);
                """, REF + "3:71", REF + "4:77");
    }

    @Test
    void indexExpressionAndPartialIndex() {
        assertMoves(List.of("pg_trgm", "fuzzystrmatch"), """
                CREATE INDEX index_users_on_metaphone ON public.users USING btree (public.dmetaphone(name)) WHERE (public.similarity(name, 'admin'::text) < (0.9)::double precision);
                """, """
                CREATE INDEX index_users_on_metaphone ON public.users USING btree (heroku_ext.dmetaphone(name)) WHERE (heroku_ext.similarity(name, 'admin'::text) < (0.9)::double precision);
                """, REF + "3:68", REF + "3:100");
    }

    @Test
    void exclusionConstraintWithAnOperatorPostgisShares() {
        // && is intarray's and postgis's: only postgis is created here, so it is postgis's.
        Rewriter.SqlRewrite r = assertMoves(PG15, List.of("postgis"), """
                ALTER TABLE ONLY public.places
                    ADD CONSTRAINT places_area_disjoint EXCLUDE USING gist (area WITH OPERATOR(public.&&));
                """, """
                ALTER TABLE ONLY public.places
                    ADD CONSTRAINT places_area_disjoint EXCLUDE USING gist (area WITH OPERATOR(heroku_ext.&&));
                """, REF + "4:80");
        assertEquals("public.&& -> heroku_ext.&& (extension postgis)", r.report().changes().get(2).description());
    }

    @Test
    void view() {
        assertMoves(List.of("citext", "hstore", "pg_trgm"), """
                CREATE VIEW public.user_lookups AS
                 SELECT (users.settings OPERATOR(public.->) 'k'::text) AS k,
                    public.similarity((users.login)::text, 'x'::text) AS sim,
                    ('a'::public.citext OPERATOR(public.=) users.login) AS eq
                   FROM public.users;
                """, """
                CREATE VIEW public.user_lookups AS
                 SELECT (users.settings OPERATOR(heroku_ext.->) 'k'::text) AS k,
                    heroku_ext.similarity((users.login)::text, 'x'::text) AS sim,
                    ('a'::heroku_ext.citext OPERATOR(heroku_ext.=) users.login) AS eq
                   FROM public.users;
                """, REF + "5:34", REF + "6:5", REF + "7:11", REF + "7:34");
    }

    @Test
    void materializedView() {
        assertMoves(List.of("pg_trgm", "ltree"), """
                CREATE MATERIALIZED VIEW public.category_stats AS
                 SELECT public.nlevel(c.path) AS depth,
                    max(public.similarity(c.name, 'science'::text)) AS best
                   FROM public.categories c
                  GROUP BY (public.nlevel(c.path))
                  WITH NO DATA;
                REFRESH MATERIALIZED VIEW public.category_stats;
                """, """
                CREATE MATERIALIZED VIEW public.category_stats AS
                 SELECT heroku_ext.nlevel(c.path) AS depth,
                    max(heroku_ext.similarity(c.name, 'science'::text)) AS best
                   FROM public.categories c
                  GROUP BY (heroku_ext.nlevel(c.path))
                  WITH NO DATA;
                REFRESH MATERIALIZED VIEW public.category_stats;
                """, REF + "4:9", REF + "5:9", REF + "7:13");
    }

    @Test
    void rule() {
        assertMoves(List.of("hstore"), """
                CREATE RULE hstore_things_log_update AS
                    ON UPDATE TO public.hstore_things
                   WHERE (new.attrs OPERATOR(public.?|) ARRAY['audit'::text, 'who'::text]) DO  INSERT INTO public.hstore_things_log (thing_id, who)
                  VALUES (new.id, (new.attrs OPERATOR(public.->) 'who'::text));
                """, """
                CREATE RULE hstore_things_log_update AS
                    ON UPDATE TO public.hstore_things
                   WHERE (new.attrs OPERATOR(heroku_ext.?|) ARRAY['audit'::text, 'who'::text]) DO  INSERT INTO public.hstore_things_log (thing_id, who)
                  VALUES (new.id, (new.attrs OPERATOR(heroku_ext.->) 'who'::text));
                """, REF + "4:30", REF + "5:39");
    }

    @Test
    void policy() {
        assertMoves(List.of("citext", "hstore"), """
                CREATE POLICY posts_own ON public.posts FOR UPDATE USING ((user_id IN ( SELECT u.id
                   FROM public.users u
                  WHERE (u.login OPERATOR(public.=) (CURRENT_USER)::public.citext))));
                CREATE POLICY posts_visible ON public.posts FOR SELECT USING ((meta OPERATOR(public.?) 'public'::text));
                """, """
                CREATE POLICY posts_own ON public.posts FOR UPDATE USING ((user_id IN ( SELECT u.id
                   FROM public.users u
                  WHERE (u.login OPERATOR(heroku_ext.=) (CURRENT_USER)::heroku_ext.citext))));
                CREATE POLICY posts_visible ON public.posts FOR SELECT USING ((meta OPERATOR(heroku_ext.?) 'public'::text));
                """, REF + "5:27", REF + "5:53", REF + "6:78");
    }

    @Test
    void triggerWhenAndExecuteFunction() {
        assertMoves(List.of("hstore", "moddatetime"), """
                CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW WHEN ((new.settings OPERATOR(public.?) 'dirty'::text)) EXECUTE FUNCTION public.users_touch();
                CREATE TRIGGER users_moddatetime BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.moddatetime('updated_at');
                """, """
                CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW WHEN ((new.settings OPERATOR(heroku_ext.?) 'dirty'::text)) EXECUTE FUNCTION public.users_touch();
                CREATE TRIGGER users_moddatetime BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION heroku_ext.moddatetime('updated_at');
                """, REF + "3:100", REF + "4:94");
    }

    @Test
    void functionSignaturesReturnTypesAndReturnBody() {
        assertMoves(List.of("citext", "hstore", "ltree"), """
                CREATE FUNCTION public.echo(a public.citext DEFAULT 'x'::public.citext) RETURNS public.hstore
                    LANGUAGE sql IMMUTABLE
                    RETURN public.hstore('a'::text, (a)::text);
                ALTER FUNCTION public.echo(a public.citext) OWNER TO app;
                CREATE FUNCTION public.ancestors(p public.ltree) RETURNS SETOF public.ltree
                    LANGUAGE sql IMMUTABLE
                    AS $$ SELECT p $$;
                CREATE FUNCTION public.user_settings() RETURNS TABLE(login public.citext, settings public.hstore, path public.ltree[])
                    LANGUAGE sql STABLE
                    AS $$ SELECT NULL, NULL, NULL $$;
                """, """
                CREATE FUNCTION public.echo(a heroku_ext.citext DEFAULT 'x'::heroku_ext.citext) RETURNS heroku_ext.hstore
                    LANGUAGE sql IMMUTABLE
                    RETURN heroku_ext.hstore('a'::text, (a)::text);
                ALTER FUNCTION public.echo(a heroku_ext.citext) OWNER TO app;
                CREATE FUNCTION public.ancestors(p heroku_ext.ltree) RETURNS SETOF heroku_ext.ltree
                    LANGUAGE sql IMMUTABLE
                    AS $$ SELECT p $$;
                CREATE FUNCTION public.user_settings() RETURNS TABLE(login heroku_ext.citext, settings heroku_ext.hstore, path heroku_ext.ltree[])
                    LANGUAGE sql STABLE
                    AS $$ SELECT NULL, NULL, NULL $$;
                """, REF + "4:31", REF + "4:58", REF + "4:81", REF + "6:12", REF + "7:30",
                REF + "8:36", REF + "8:64", REF + "11:60", REF + "11:84", REF + "11:104");
    }

    @Test
    void beginAtomicBodyWithARegdictionaryConstant() {
        assertMoves(List.of("unaccent"), """
                CREATE FUNCTION public.f_unaccent(t text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    BEGIN ATOMIC
                 SELECT public.unaccent('public.unaccent'::regdictionary, lower(t)) AS unaccent;
                END;
                """, """
                CREATE FUNCTION public.f_unaccent(t text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    BEGIN ATOMIC
                 SELECT heroku_ext.unaccent('heroku_ext.unaccent'::regdictionary, lower(t)) AS unaccent;
                END;
                """, REF + "5:9", REF + "5:26");
    }

    @Test
    void textSearchTemplateAndMappingButNotTheUsersDictionary() {
        assertMoves(List.of("unaccent"), """
                CREATE TEXT SEARCH DICTIONARY public.fr_unaccent_dict (
                    TEMPLATE = public.unaccent,
                    rules = 'unaccent' );
                CREATE TEXT SEARCH CONFIGURATION public.fr_unaccent (
                    PARSER = pg_catalog."default" );
                ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent
                    ADD MAPPING FOR asciiword WITH public.fr_unaccent_dict, french_stem;
                ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent
                    ADD MAPPING FOR hword WITH public.unaccent, french_stem;
                """, """
                CREATE TEXT SEARCH DICTIONARY public.fr_unaccent_dict (
                    TEMPLATE = heroku_ext.unaccent,
                    rules = 'unaccent' );
                CREATE TEXT SEARCH CONFIGURATION public.fr_unaccent (
                    PARSER = pg_catalog."default" );
                ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent
                    ADD MAPPING FOR asciiword WITH public.fr_unaccent_dict, french_stem;
                ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent
                    ADD MAPPING FOR hword WITH heroku_ext.unaccent, french_stem;
                """, REF + "3:16", REF + "10:32");
    }

    @Test
    void aggregateArgumentSfuncAndStype() {
        assertMoves(List.of("hstore"), """
                CREATE AGGREGATE public.hstore_merge(public.hstore) (
                    SFUNC = public.hs_concat,
                    STYPE = public.hstore
                );
                ALTER AGGREGATE public.hstore_merge(public.hstore) OWNER TO app;
                """, """
                CREATE AGGREGATE public.hstore_merge(heroku_ext.hstore) (
                    SFUNC = heroku_ext.hs_concat,
                    STYPE = heroku_ext.hstore
                );
                ALTER AGGREGATE public.hstore_merge(heroku_ext.hstore) OWNER TO app;
                """, REF + "2:38", REF + "3:13", REF + "4:13", REF + "6:37");
    }

    @Test
    void createCast() {
        assertMoves(List.of("citext", "ltree"), """
                CREATE CAST (public.ltree AS public.citext) WITH FUNCTION app.ltree_to_citext(public.ltree);
                """, """
                CREATE CAST (heroku_ext.ltree AS heroku_ext.citext) WITH FUNCTION app.ltree_to_citext(heroku_ext.ltree);
                """, REF + "3:14", REF + "3:30", REF + "3:79");
    }

    @Test
    void operatorAndOperatorClassLines() {
        assertMoves(List.of("citext"), """
                CREATE OPERATOR app.=== (
                    FUNCTION = public.citext_eq,
                    LEFTARG = public.citext,
                    RIGHTARG = public.citext
                );
                CREATE OPERATOR CLASS app.citext_reverse_ops
                    FOR TYPE public.citext USING btree FAMILY app.citext_reverse_ops AS
                    OPERATOR 1 public.=(public.citext,public.citext) ,
                    FUNCTION 1 (public.citext, public.citext) app.citext_cmp_reverse(public.citext,public.citext);
                """, """
                CREATE OPERATOR app.=== (
                    FUNCTION = heroku_ext.citext_eq,
                    LEFTARG = heroku_ext.citext,
                    RIGHTARG = heroku_ext.citext
                );
                CREATE OPERATOR CLASS app.citext_reverse_ops
                    FOR TYPE heroku_ext.citext USING btree FAMILY app.citext_reverse_ops AS
                    OPERATOR 1 heroku_ext.=(heroku_ext.citext,heroku_ext.citext) ,
                    FUNCTION 1 (heroku_ext.citext, heroku_ext.citext) app.citext_cmp_reverse(heroku_ext.citext,heroku_ext.citext);
                """, REF + "3:16", REF + "4:15", REF + "5:16", REF + "8:14", REF + "9:16", REF + "9:25", REF + "9:39",
                REF + "10:17", REF + "10:32", REF + "10:70", REF + "10:84");
    }

    @Test
    void extendedStatistics() {
        assertMoves(List.of("fuzzystrmatch"), """
                CREATE STATISTICS public.users_name_stats ON name, public.soundex(name) FROM public.users;
                """, """
                CREATE STATISTICS public.users_name_stats ON name, heroku_ext.soundex(name) FROM public.users;
                """, REF + "2:52");
    }

    @Test
    void privilegesOnMembers() {
        assertMoves(List.of("hstore", "pgcrypto", "\"uuid-ossp\""), """
                REVOKE ALL ON FUNCTION public.crypt(text, text) FROM PUBLIC;
                GRANT ALL ON FUNCTION public.uuid_generate_v4() TO app WITH GRANT OPTION;
                GRANT ALL ON TYPE public.hstore TO app;
                """, """
                REVOKE ALL ON FUNCTION heroku_ext.crypt(text, text) FROM PUBLIC;
                GRANT ALL ON FUNCTION heroku_ext.uuid_generate_v4() TO app WITH GRANT OPTION;
                GRANT ALL ON TYPE heroku_ext.hstore TO app;
                """, REF + "4:24", REF + "5:23", REF + "6:19");
    }

    @Test
    void copyIntoAnExtensionTableMovesItsTargetButNotItsRows() {
        assertMoves(PG15, List.of("citext", "postgis"), """
                COPY public.spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) FROM stdin;
                990001\tpgrelocate\t990001\tpublic.citext OPERATOR(public.&&)\t+proj=longlat +datum=WGS84 +no_defs
                \\.
                GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.spatial_ref_sys TO app;
                """, """
                COPY heroku_ext.spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) FROM stdin;
                990001\tpgrelocate\t990001\tpublic.citext OPERATOR(public.&&)\t+proj=longlat +datum=WGS84 +no_defs
                \\.
                GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE heroku_ext.spatial_ref_sys TO app;
                """, REF + "4:6", REF + "7:44");
    }

    @Test
    void quotedNames() {
        assertMoves(List.of("citext"), """
                CREATE TABLE public.notes (
                    a "public"."citext",
                    b public."citext",
                    c "public".citext
                );
                """, """
                CREATE TABLE public.notes (
                    a heroku_ext."citext",
                    b heroku_ext."citext",
                    c heroku_ext.citext
                );
                """, REF + "3:7", REF + "4:7", REF + "5:7");
    }

    // ------------------------------------------------------------------ never touched

    @Test
    void theDumpsOwnObjectsStayEvenWhenTheyLookLikeExtensionObjects() {
        assertMoves(List.of("citext", "hstore", "pg_trgm"), """
                CREATE FUNCTION public.similarity_score(a text, b text) RETURNS integer
                    LANGUAGE sql IMMUTABLE STRICT
                    RETURN (round((public.similarity(a, b) * (100)::double precision)))::integer;
                CREATE OPERATOR public.=== (
                    FUNCTION = public.citext_eq,
                    LEFTARG = public.citext,
                    RIGHTARG = public.citext,
                    COMMUTATOR = OPERATOR(public.===)
                );
                CREATE TABLE public.hstore_things (
                    id bigint NOT NULL,
                    attrs public.hstore DEFAULT ''::public.hstore NOT NULL
                );
                ALTER SEQUENCE public.hstore_things_id_seq OWNED BY public.hstore_things.id;
                CREATE VIEW public.scores AS
                 SELECT public.similarity_score((t.attrs)::text, 'x'::text) AS score,
                    ((t.attrs)::text OPERATOR(public.===) 'x'::text) AS same
                   FROM public.hstore_things t;
                """, """
                CREATE FUNCTION public.similarity_score(a text, b text) RETURNS integer
                    LANGUAGE sql IMMUTABLE STRICT
                    RETURN (round((heroku_ext.similarity(a, b) * (100)::double precision)))::integer;
                CREATE OPERATOR public.=== (
                    FUNCTION = heroku_ext.citext_eq,
                    LEFTARG = heroku_ext.citext,
                    RIGHTARG = heroku_ext.citext,
                    COMMUTATOR = OPERATOR(public.===)
                );
                CREATE TABLE public.hstore_things (
                    id bigint NOT NULL,
                    attrs heroku_ext.hstore DEFAULT ''::heroku_ext.hstore NOT NULL
                );
                ALTER SEQUENCE public.hstore_things_id_seq OWNED BY public.hstore_things.id;
                CREATE VIEW public.scores AS
                 SELECT public.similarity_score((t.attrs)::text, 'x'::text) AS score,
                    ((t.attrs)::text OPERATOR(public.===) 'x'::text) AS same
                   FROM public.hstore_things t;
                """, REF + "6:20", REF + "8:16", REF + "9:15", REF + "10:16", REF + "15:11", REF + "15:37");
    }

    @Test
    void membersOfExcludedExtensionsStay() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU, PG15 + """
                CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;
                CREATE EXTENSION IF NOT EXISTS postgis_topology WITH SCHEMA topology;
                CREATE TABLE public.parcels (
                    id integer NOT NULL,
                    topo topology.topogeometry,
                    area public.geometry(Polygon,4326)
                );
                CREATE VIEW public.parcel_layers AS
                 SELECT topology.st_srid((p.topo)::topology.topogeometry) AS srid
                   FROM public.parcels p;
                """, PG15 + """
                CREATE SCHEMA IF NOT EXISTS heroku_ext;

                CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA heroku_ext;
                CREATE EXTENSION IF NOT EXISTS postgis_topology WITH SCHEMA topology;
                CREATE TABLE public.parcels (
                    id integer NOT NULL,
                    topo topology.topogeometry,
                    area heroku_ext.geometry(Polygon,4326)
                );
                CREATE VIEW public.parcel_layers AS
                 SELECT topology.st_srid((p.topo)::topology.topogeometry) AS srid
                   FROM public.parcels p;
                """, EnsureTargetSchemaRule.ID + " 2:1", ExtensionSchemaRule.ID + " 2:52", REF + "7:10");
        assertEquals(List.of(), warnings(r));
    }

    @Test
    void theTigerGeocodersFunctionsStay() {
        assertMoves(PG15, List.of("postgis", "fuzzystrmatch"), """
                CREATE EXTENSION IF NOT EXISTS postgis_tiger_geocoder WITH SCHEMA tiger;
                CREATE VIEW public.addresses AS
                 SELECT tiger.normalize_address(((p.name || ', Boston, MA 02109'::text))::character varying) AS address,
                    public.soundex(p.name) AS sound
                   FROM public.places p;
                """, """
                CREATE EXTENSION IF NOT EXISTS postgis_tiger_geocoder WITH SCHEMA tiger;
                CREATE VIEW public.addresses AS
                 SELECT tiger.normalize_address(((p.name || ', Boston, MA 02109'::text))::character varying) AS address,
                    heroku_ext.soundex(p.name) AS sound
                   FROM public.places p;
                """, REF + "7:5");
    }

    @Test
    void anExtensionExcludedByTheUserKeepsItsMembersAndIsNotMistakenForAnother() {
        // ? is hstore's and ltree's: hstore is created in public (and stays), so ltree is neither missing nor guessed.
        String dump = """
                CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;
                CREATE TABLE public.users (
                    settings public.hstore DEFAULT ''::public.hstore NOT NULL,
                    CONSTRAINT users_settings_locale CHECK ((settings OPERATOR(public.?) 'locale'::text))
                );
                CREATE INDEX index_users_on_settings_gist ON public.users USING gist (settings public.gist_hstore_ops (siglen='64'));
                """;
        RewriteOptions excluding = RewriteOptions.builder().preset(Preset.HEROKU).exclude(List.of("hstore")).build();
        assertEquals(List.of(), warnings(assertRewrite(excluding, dump, dump)));

        RewriteOptions ensuring = RewriteOptions.builder().preset(Preset.HEROKU).exclude(List.of("hstore"))
                .ensureExtensions(true).build();
        assertEquals(List.of(), warnings(assertRewrite(ensuring, dump, dump)));
    }

    @Test
    void anExtensionInASchemaThatDoesNotMoveKeepsItsReferences() {
        Rewriter.SqlRewrite r = assertRewrite(RewriteOptions.of(Preset.HEROKU_EXIT), PG15 + """
                CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA postgis;
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;
                CREATE TABLE public.places (
                    loc postgis.geometry(Point,4326) NOT NULL,
                    name heroku_ext.citext NOT NULL,
                    CONSTRAINT places_loc_in_world CHECK ((loc OPERATOR(postgis.@) postgis.st_makeenvelope((-180)::double precision, (-90)::double precision, (180)::double precision, (90)::double precision, 4326)))
                );
                """, PG15 + """
                CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA postgis;
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
                CREATE TABLE public.places (
                    loc postgis.geometry(Point,4326) NOT NULL,
                    name public.citext NOT NULL,
                    CONSTRAINT places_loc_in_world CHECK ((loc OPERATOR(postgis.@) postgis.st_makeenvelope((-180)::double precision, (-90)::double precision, (180)::double precision, (90)::double precision, 4326)))
                );
                """, ExtensionSchemaRule.ID + " 3:51", REF + "6:10");
        assertNull(r.report().changes().get(1).failure(), "public is not the platform's");
        assertEquals(List.of(), warnings(r));
    }

    @Test
    void stringLiteralsCommentsAndThreePartNamesStay() {
        assertMoves(List.of("citext", "unaccent"), """
                -- public.citext and OPERATOR(public.=) in a comment
                /* public.citext in a /* nested */ block comment */
                COMMENT ON TABLE public.users IS 'Logins are citext; see public.citext and OPERATOR(public.=) in the docs';
                CREATE TABLE public.users (
                    kind text DEFAULT 'public.citext'::text,
                    note text DEFAULT E'public.citext',
                    config regconfig DEFAULT 'public.fr_unaccent'::regconfig,
                    other relo.public.citext
                );
                SELECT public.crosstab('SELECT public.unaccent(name) FROM public.users'::text);
                """, """
                -- public.citext and OPERATOR(public.=) in a comment
                /* public.citext in a /* nested */ block comment */
                COMMENT ON TABLE public.users IS 'Logins are citext; see public.citext and OPERATOR(public.=) in the docs';
                CREATE TABLE public.users (
                    kind text DEFAULT 'public.citext'::text,
                    note text DEFAULT E'public.citext',
                    config regconfig DEFAULT 'public.fr_unaccent'::regconfig,
                    other relo.public.citext
                );
                SELECT public.crosstab('SELECT public.unaccent(name) FROM public.users'::text);
                """);
    }

    @Test
    void copyDataStays() {
        assertMoves(List.of("citext", "intarray"), """
                COPY public.notes (id, kind, body) FROM stdin;
                1\tcolumn\tlogin public.citext NOT NULL
                2\toperator\tWHERE tags OPERATOR(public.&&) '{1,2}'::integer[]
                3\tquoted\t"public"."citext"
                \\.
                """, """
                COPY public.notes (id, kind, body) FROM stdin;
                1\tcolumn\tlogin public.citext NOT NULL
                2\toperator\tWHERE tags OPERATOR(public.&&) '{1,2}'::integer[]
                3\tquoted\t"public"."citext"
                \\.
                """);
    }

    @Test
    void routineBodiesInQuotesStayAndAreReported() {
        Rewriter.SqlRewrite r = assertMoves(List.of("unaccent", "pgcrypto"), """
                CREATE FUNCTION public.norm_str(t text) RETURNS text
                    LANGUAGE sql STABLE
                    AS $$ SELECT public.unaccent(lower(t)) $$;
                CREATE FUNCTION public.hash_token(t text) RETURNS text
                    LANGUAGE plpgsql
                    AS $_$
                BEGIN
                  -- public.hmac would do too
                  RETURN encode(public.digest(t, 'sha256'), 'hex');
                END
                $_$;
                CREATE FUNCTION public.norm_old(t text) RETURNS text
                    LANGUAGE sql STABLE
                    AS 'SELECT public.unaccent(lower(t))';
                """, """
                CREATE FUNCTION public.norm_str(t text) RETURNS text
                    LANGUAGE sql STABLE
                    AS $$ SELECT public.unaccent(lower(t)) $$;
                CREATE FUNCTION public.hash_token(t text) RETURNS text
                    LANGUAGE plpgsql
                    AS $_$
                BEGIN
                  -- public.hmac would do too
                  RETURN encode(public.digest(t, 'sha256'), 'hex');
                END
                $_$;
                CREATE FUNCTION public.norm_old(t text) RETURNS text
                    LANGUAGE sql STABLE
                    AS 'SELECT public.unaccent(lower(t))';
                """);
        assertEquals(List.of(
                "5:18: routine body mentions public.unaccent (unaccent), which move to heroku_ext; the body is not rewritten",
                "11:17: routine body mentions public.digest (pgcrypto), which move to heroku_ext; the body is not rewritten",
                "16:16: routine body mentions public.unaccent (unaccent), which move to heroku_ext; the body is not rewritten"),
                warnings(r));
        assertEquals("qualify the name with heroku_ext in the source, or give the routine a search_path that includes heroku_ext",
                r.report().warnings().get(0).hint());
    }

    // ------------------------------------------------------------------ a user's function named like a member

    @Test
    void aUserFunctionNamedLikeAMemberIsToldApartByArgumentTypes() {
        Rewriter.SqlRewrite r = assertMoves(List.of("fuzzystrmatch"), """
                CREATE FUNCTION public.difference(a integer, b integer) RETURNS integer
                    LANGUAGE sql IMMUTABLE STRICT
                    RETURN abs((a - b));
                ALTER FUNCTION public.difference(a integer, b integer) OWNER TO app;
                ALTER FUNCTION public.difference(integer, integer) OWNER TO app;
                CREATE VIEW public.user_diffs AS
                 SELECT public.difference(u.name, 'User 7'::text) AS diff_text,
                    public.difference(length(u.name), 7) AS diff_int,
                    public.difference(u.a, u.b) AS diff_unknown
                   FROM public.users u;
                DROP FUNCTION IF EXISTS public.difference(a integer, b integer);
                """, """
                CREATE FUNCTION public.difference(a integer, b integer) RETURNS integer
                    LANGUAGE sql IMMUTABLE STRICT
                    RETURN abs((a - b));
                ALTER FUNCTION public.difference(a integer, b integer) OWNER TO app;
                ALTER FUNCTION public.difference(integer, integer) OWNER TO app;
                CREATE VIEW public.user_diffs AS
                 SELECT heroku_ext.difference(u.name, 'User 7'::text) AS diff_text,
                    public.difference(length(u.name), 7) AS diff_int,
                    public.difference(u.a, u.b) AS diff_unknown
                   FROM public.users u;
                DROP FUNCTION IF EXISTS public.difference(a integer, b integer);
                """, REF + "8:9");
        assertEquals(List.of("10:5: public.difference names both an object this dump defines and a member of extension"
                        + " fuzzystrmatch; nothing here says which, so it is left unchanged"), warnings(r));
        assertEquals("give the arguments explicit types (x::text) or rename the dump's own object",
                r.report().warnings().get(0).hint());
    }

    // ------------------------------------------------------------------ warnings

    @Test
    void anExtensionNoCatalogKnowsIsReportedWithTheLinesLeftUnchanged() {
        Rewriter.SqlRewrite r = assertMoves(List.of("acme"), """
                CREATE TABLE public.widgets (
                    id integer DEFAULT public.acme_thing(1) NOT NULL,
                    code public.acme_code
                );
                CREATE VIEW public.widget_things AS
                 SELECT public.acme_thing(2) AS two, public.acme_thing(3) AS three
                   FROM public.widgets;
                """, """
                CREATE TABLE public.widgets (
                    id integer DEFAULT public.acme_thing(1) NOT NULL,
                    code public.acme_code
                );
                CREATE VIEW public.widget_things AS
                 SELECT public.acme_thing(2) AS two, public.acme_thing(3) AS three
                   FROM public.widgets;
                """);
        assertEquals(List.of("3:1: extension acme moved out of public but no catalog knows it;"
                + " public. references left unchanged at lines [3, 4, 7]"), warnings(r));
        assertEquals("give a database that has the extension installed with --catalog-url so its members are known",
                r.report().warnings().get(0).hint());
    }

    private static final String USES_CITEXT_WITHOUT_CREATING_IT = """
            CREATE TABLE public.users (
                id integer NOT NULL,
                login public.citext NOT NULL,
                aliases public.citext[]
            );
            CREATE TABLE public.admins (
                login public.citext NOT NULL
            );
            """;

    @Test
    void anExtensionUsedButNeverCreatedIsReportedOnce() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU, USES_CITEXT_WITHOUT_CREATING_IT, USES_CITEXT_WITHOUT_CREATING_IT);
        assertEquals(List.of("3:11: public.citext belongs to extension citext, which this dump never creates"), warnings(r));
        assertEquals("create it on the target first (CREATE EXTENSION citext WITH SCHEMA heroku_ext), or rewrite with"
                + " --ensure-extensions", r.report().warnings().get(0).hint());
    }

    @Test
    void ensureExtensionsCreatesItOnceBeforeItsFirstUseAndTheReferencesFollow() {
        RewriteOptions ensuring = RewriteOptions.builder().preset(Preset.HEROKU).ensureExtensions(true).build();
        Rewriter.SqlRewrite r = assertRewrite(ensuring, USES_CITEXT_WITHOUT_CREATING_IT, """
                CREATE SCHEMA IF NOT EXISTS heroku_ext;

                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;

                CREATE TABLE public.users (
                    id integer NOT NULL,
                    login heroku_ext.citext NOT NULL,
                    aliases heroku_ext.citext[]
                );
                CREATE TABLE public.admins (
                    login heroku_ext.citext NOT NULL
                );
                """, EnsureTargetSchemaRule.ID + " 1:1", REF + "1:1", REF + "3:11", REF + "4:13", REF + "7:11");
        assertEquals("inserted CREATE EXTENSION citext before its first use", r.report().changes().get(1).description());
        assertEquals(List.of(), warnings(r));
    }

    /** Found with refs_app.plain.sql minus its CREATE EXTENSION lines: c.path is a column, not postgis's path(). */
    private static final String USES_TWO_EXTENSIONS_AND_A_COLUMN_NAMED_LIKE_A_MEMBER = """
            CREATE TABLE public.categories (
                id uuid DEFAULT public.uuid_generate_v4() NOT NULL,
                path public.ltree NOT NULL
            );
            CREATE VIEW public.category_paths AS
             SELECT c.path,
                public.nlevel(c.path) AS depth
               FROM public.categories c;
            CREATE TRIGGER categories_touch BEFORE UPDATE ON public.categories FOR EACH ROW WHEN ((new.path IS DISTINCT FROM old.path)) EXECUTE FUNCTION public.categories_touch();
            """;

    @Test
    void everyMissingExtensionIsReportedAndColumnsAreNotTakenForMembers() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU, USES_TWO_EXTENSIONS_AND_A_COLUMN_NAMED_LIKE_A_MEMBER,
                USES_TWO_EXTENSIONS_AND_A_COLUMN_NAMED_LIKE_A_MEMBER);
        assertEquals(List.of(
                "2:21: public.uuid_generate_v4 belongs to extension uuid-ossp, which this dump never creates",
                "3:10: public.ltree belongs to extension ltree, which this dump never creates"), warnings(r));
        assertEquals("create it on the target first (CREATE EXTENSION \"uuid-ossp\" WITH SCHEMA heroku_ext), or rewrite"
                + " with --ensure-extensions", r.report().warnings().get(0).hint());
    }

    @Test
    void ensureExtensionsCreatesEveryMissingExtensionInOnePass() {
        RewriteOptions ensuring = RewriteOptions.builder().preset(Preset.HEROKU).ensureExtensions(true).build();
        Rewriter.SqlRewrite r = assertRewrite(ensuring, USES_TWO_EXTENSIONS_AND_A_COLUMN_NAMED_LIKE_A_MEMBER, """
                CREATE SCHEMA IF NOT EXISTS heroku_ext;

                CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA heroku_ext;

                CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA heroku_ext;

                CREATE TABLE public.categories (
                    id uuid DEFAULT heroku_ext.uuid_generate_v4() NOT NULL,
                    path heroku_ext.ltree NOT NULL
                );
                CREATE VIEW public.category_paths AS
                 SELECT c.path,
                    heroku_ext.nlevel(c.path) AS depth
                   FROM public.categories c;
                CREATE TRIGGER categories_touch BEFORE UPDATE ON public.categories FOR EACH ROW WHEN ((new.path IS DISTINCT FROM old.path)) EXECUTE FUNCTION public.categories_touch();
                """, EnsureTargetSchemaRule.ID + " 1:1", REF + "1:1", REF + "2:21", REF + "1:1", REF + "3:10", REF + "7:5");
        assertEquals(List.of(), warnings(r));
    }

    @Test
    void anOperatorTwoExtensionsShareIsNotGuessed() {
        String dump = """
                CREATE POLICY posts_visible ON public.posts FOR SELECT USING ((tags OPERATOR(public.&&) '{1}'::integer[]));
                """;
        assertEquals(List.of(), warnings(assertRewrite(HEROKU, dump, dump)));
        RewriteOptions ensuring = RewriteOptions.builder().preset(Preset.HEROKU).ensureExtensions(true).build();
        assertEquals(List.of(), warnings(assertRewrite(ensuring, dump, dump)));
    }

    @Test
    void cleanDropsBeforeTheExtensionIsCreatedAreNotAMissingExtension() {
        // pg_dump --clean drops the dependents first, before CREATE EXTENSION: nothing has moved yet there.
        Rewriter.SqlRewrite r = assertRewrite(HEROKU, """
                DROP FUNCTION IF EXISTS public.echo(a public.citext);
                DROP EXTENSION IF EXISTS citext;
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
                CREATE FUNCTION public.echo(a public.citext) RETURNS public.citext
                    LANGUAGE sql IMMUTABLE
                    RETURN a;
                """, """
                DROP FUNCTION IF EXISTS public.echo(a public.citext);
                DROP EXTENSION IF EXISTS citext;
                CREATE SCHEMA IF NOT EXISTS heroku_ext;

                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;
                CREATE FUNCTION public.echo(a heroku_ext.citext) RETURNS heroku_ext.citext
                    LANGUAGE sql IMMUTABLE
                    RETURN a;
                """, EnsureTargetSchemaRule.ID + " 3:1", ExtensionSchemaRule.ID + " 3:51", REF + "4:31", REF + "4:54");
        assertEquals(List.of(), warnings(r));
    }

    // ------------------------------------------------------------------ directions

    @Test
    void herokuExitMovesHerokuExtReferencesToPublic() {
        Rewriter.SqlRewrite r = assertRewrite(RewriteOptions.of(Preset.HEROKU_EXIT), """
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;
                CREATE EXTENSION IF NOT EXISTS fuzzystrmatch WITH SCHEMA heroku_ext;
                CREATE FUNCTION public.difference(a integer, b integer) RETURNS integer
                    LANGUAGE sql IMMUTABLE STRICT
                    RETURN abs((a - b));
                CREATE TABLE public.users (
                    login heroku_ext.citext NOT NULL
                );
                CREATE VIEW public.user_diffs AS
                 SELECT heroku_ext.difference((u.login)::text, 'User 7'::text) AS diff_text,
                    public.difference(length((u.login)::text), 7) AS diff_int
                   FROM public.users u;
                """, """
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
                CREATE EXTENSION IF NOT EXISTS fuzzystrmatch WITH SCHEMA public;
                CREATE FUNCTION public.difference(a integer, b integer) RETURNS integer
                    LANGUAGE sql IMMUTABLE STRICT
                    RETURN abs((a - b));
                CREATE TABLE public.users (
                    login public.citext NOT NULL
                );
                CREATE VIEW public.user_diffs AS
                 SELECT public.difference((u.login)::text, 'User 7'::text) AS diff_text,
                    public.difference(length((u.login)::text), 7) AS diff_int
                   FROM public.users u;
                """, ExtensionSchemaRule.ID + " 1:51", ExtensionSchemaRule.ID + " 2:58", REF + "7:11", REF + "10:9");
        assertEquals("heroku_ext.citext -> public.citext (extension citext)", r.report().changes().get(2).description());
        assertNull(r.report().changes().get(2).failure(), "public is not the platform's");
        assertEquals(List.of(), warnings(r));
    }

    @Test
    void supabaseMovesPublicReferencesToExtensions() {
        Rewriter.SqlRewrite r = assertRewrite(RewriteOptions.of(Preset.SUPABASE), """
                CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
                CREATE INDEX index_users_on_name_trgm ON public.users USING gin (name public.gin_trgm_ops);
                """, """
                CREATE SCHEMA IF NOT EXISTS extensions;

                CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;
                CREATE INDEX index_users_on_name_trgm ON public.users USING gin (name extensions.gin_trgm_ops);
                """, EnsureTargetSchemaRule.ID + " 1:1", ExtensionSchemaRule.ID + " 1:52", REF + "2:71");
        assertEquals("public.gin_trgm_ops does not exist once extension pg_trgm lives in extensions",
                r.report().changes().get(2).failure());
    }

    @Test
    void customSourceAndTargetSchemas() {
        RewriteOptions custom = RewriteOptions.builder().sourceSchemas(List.of("ext")).targetSchema("extensions").build();
        assertRewrite(custom, """
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA ext;
                CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;
                CREATE TABLE app.users (
                    login ext.citext NOT NULL,
                    settings public.hstore DEFAULT ''::public.hstore NOT NULL
                );
                """, """
                CREATE SCHEMA IF NOT EXISTS extensions;

                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA extensions;
                CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;
                CREATE TABLE app.users (
                    login extensions.citext NOT NULL,
                    settings public.hstore DEFAULT ''::public.hstore NOT NULL
                );
                """, EnsureTargetSchemaRule.ID + " 1:1", ExtensionSchemaRule.ID + " 1:51", REF + "4:11");
    }
}
