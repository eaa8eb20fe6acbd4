--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18
-- Dumped by pg_dump version 15.18

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

--
-- Name: extdb; Type: DATABASE; Schema: -; Owner: app
--

CREATE DATABASE extdb WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C';


ALTER DATABASE extdb OWNER TO app;

\connect extdb

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE SCHEMA IF NOT EXISTS heroku_ext;

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;


--
-- Name: extdb; Type: DATABASE PROPERTIES; Schema: -; Owner: app
--

ALTER DATABASE extdb SET search_path TO '$user', 'public', 'heroku_ext';


--
-- PostgreSQL database dump complete
--


