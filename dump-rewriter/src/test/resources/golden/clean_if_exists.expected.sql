--
-- PostgreSQL database dump
--

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

ALTER TABLE IF EXISTS ONLY app.accounts DROP CONSTRAINT IF EXISTS accounts_pkey;
DROP TABLE IF EXISTS app.accounts;
DROP FUNCTION IF EXISTS app.touch();
DROP EXTENSION IF EXISTS pgcrypto;
DROP EXTENSION IF EXISTS hstore;
DROP EXTENSION IF EXISTS "uuid-ossp";
DROP SCHEMA IF EXISTS app;
--
-- Name: app; Type: SCHEMA; Schema: -; Owner: app
--

CREATE SCHEMA IF NOT EXISTS app;


ALTER SCHEMA app OWNER TO app;

--
-- Name: heroku_ext; Type: SCHEMA; Schema: -; Owner: app
--

CREATE SCHEMA IF NOT EXISTS heroku_ext;



--
-- Name: hstore; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA heroku_ext;


--
-- Name: EXTENSION hstore; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION hstore IS 'data type for storing sets of (key, value) pairs';


--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA heroku_ext;


--
-- Name: uuid-ossp; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA heroku_ext;


--
-- Name: touch(); Type: FUNCTION; Schema: app; Owner: app
--

CREATE FUNCTION app.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN NEW.attrs := NEW.attrs || hstore('touched', '1'); RETURN NEW; END $$;


ALTER FUNCTION app.touch() OWNER TO app;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: accounts; Type: TABLE; Schema: app; Owner: app
--

CREATE TABLE app.accounts (
    id integer NOT NULL,
    attrs heroku_ext.hstore
);


ALTER TABLE app.accounts OWNER TO app;

--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: app; Owner: app
--

ALTER TABLE ONLY app.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

