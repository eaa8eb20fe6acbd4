SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

--
-- Name: heroku_ext; Type: SCHEMA; Schema: -; Owner: app
--

CREATE SCHEMA IF NOT EXISTS heroku_ext;


ALTER SCHEMA heroku_ext OWNER TO app;

--
-- Name: SCHEMA heroku_ext; Type: COMMENT; Schema: -; Owner: app
--

COMMENT ON SCHEMA heroku_ext IS 'Extensions live here (Heroku, 2022-2023)';


--
-- Name: postgis; Type: SCHEMA; Schema: -; Owner: app
--

CREATE SCHEMA IF NOT EXISTS postgis;


--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;


--
-- Name: postgis; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA postgis;


--
-- Name: postgis_topology; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS postgis_topology WITH SCHEMA topology;


--
-- Name: uuid-ossp; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;


--
-- Name: SCHEMA heroku_ext; Type: ACL; Schema: -; Owner: app
--

GRANT USAGE ON SCHEMA heroku_ext TO app_reader;


SET search_path TO heroku_ext, public;
SET search_path TO "$user", public, heroku_ext;
