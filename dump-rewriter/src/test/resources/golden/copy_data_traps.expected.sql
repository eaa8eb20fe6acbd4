--
-- PostgreSQL database dump
--


SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE SCHEMA IF NOT EXISTS heroku_ext;

CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA heroku_ext;

CREATE TABLE public.t2 (
    v text
);

CREATE TABLE public.notes (
    id integer NOT NULL,
    body text,
    attrs heroku_ext.hstore
);

--
-- Data for Name: notes; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.notes (id, body, attrs) FROM stdin;
1	CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;	\N
2	CREATE SCHEMA x;	"a"=>"1"
3	SET search_path TO "$user", public;	\N
4	$$dollar$$ $fn$ $_$ it's "quoted"	\N
5	back\\slash tab\tnew\nline CR\r	\N
6	\\.	\N
7	line one\n\\.\nline three	\N
8	\restrict FixtureKey0000000000000000000000000000000000000000000000000001	\N
9	-- not a comment /* nor this	\N
10		
\.


--
-- Data for Name: t2; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.t2 (v) FROM stdin;
DROP SCHEMA IF EXISTS heroku_ext;
ALTER SCHEMA heroku_ext OWNER TO app;
\\.
\\restrict x
\restrict FixtureKey0000000000000000000000000000000000000000000000000001
\.


SELECT pg_catalog.setval('public.notes_id_seq', 10, true);

--
-- PostgreSQL database dump complete
--


