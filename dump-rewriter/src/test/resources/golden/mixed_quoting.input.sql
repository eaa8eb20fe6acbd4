-- Hand-written migration: every kind of quoting around the statements that matter.
SET client_encoding = 'UTF8';

/* A block comment /* with a nested one; */ and
   CREATE EXTENSION fake WITH SCHEMA public; inside it */
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public; -- CREATE SCHEMA x;

COMMENT ON EXTENSION "uuid-ossp" IS 'generate universally unique identifiers (UUIDs); CREATE EXTENSION foo WITH SCHEMA public;';

CREATE TABLE public."odd; name" ("col ""x""" text DEFAULT E'it\'s; \\ CREATE SCHEMA y;', note text DEFAULT 'don''t; SET search_path TO public;');

CREATE FUNCTION public.lower_citext(text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$SELECT $1::text::public.citext$_$;

CREATE OR REPLACE FUNCTION public.make_schema(name text) RETURNS void
    LANGUAGE plpgsql
    AS $function$
BEGIN
  EXECUTE format('CREATE SCHEMA %I', name);
  EXECUTE $q$CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;$q$;
  -- SET search_path TO "$user", public;
END;
$function$;

CREATE FUNCTION public.sign_text(x integer) RETURNS text
    LANGUAGE sql
    BEGIN ATOMIC
 SELECT
         CASE
             WHEN (x > 0) THEN 'pos; CREATE SCHEMA z;'::text
             ELSE 'neg'::text
         END AS "case";
END;

CREATE RULE log_insert AS
    ON INSERT TO public."odd; name" DO ( INSERT INTO public.log (s)
  VALUES ('a;b'::text);
 INSERT INTO public.log (s)
  VALUES ((new.note || ';'::text));
);

create extension pg_trgm;
CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;
SET search_path = "$user", 'public';
SELECT 'SET search_path TO public;', $$CREATE SCHEMA w;$$, U&'\0041;', B'1010', X'1F';
