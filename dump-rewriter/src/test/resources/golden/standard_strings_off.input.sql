--
-- PostgreSQL database dump (from a server with standard_conforming_strings = off)
--

SET statement_timeout = 0;
SET client_encoding = 'LATIN1';
SET standard_conforming_strings = off;
SELECT pg_catalog.set_config('search_path', '', false);
SET escape_string_warning = off;

CREATE TABLE public.paths (
    p text DEFAULT 'C:\\temp\\' NOT NULL
);

COMMENT ON TABLE public.paths IS 'it\'s a trap: \'; CREATE EXTENSION foo WITH SCHEMA public; SET search_path TO public; \\';

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

CREATE VIEW public.v AS
 SELECT 'a\\b'::text AS back, 'semi;colon'::text AS semi;

SET standard_conforming_strings = on;

COMMENT ON VIEW public.v IS 'plain again: C:\';

CREATE EXTENSION IF NOT EXISTS fuzzystrmatch WITH SCHEMA public;
