--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

--
-- Name: heroku_ext; Type: SCHEMA; Schema: -; Owner: app_owner
--

CREATE SCHEMA IF NOT EXISTS heroku_ext;



--
-- Name: SCHEMA heroku_ext; Type: COMMENT; Schema: -; Owner: app_owner
--



--
-- Name: reporting; Type: SCHEMA; Schema: -; Owner: app_owner
--

CREATE SCHEMA IF NOT EXISTS reporting;


ALTER SCHEMA reporting OWNER TO app_owner;

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;


--
-- Name: SCHEMA heroku_ext; Type: ACL; Schema: -; Owner: app_owner
--



--
-- Name: SCHEMA reporting; Type: ACL; Schema: -; Owner: app_owner
--

GRANT USAGE ON SCHEMA reporting TO app_reader;
GRANT USAGE ON SCHEMA reporting TO "BI Tool";


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: reporting; Owner: app_owner
--

ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA reporting GRANT SELECT ON TABLES  TO app_reader;


--
-- PostgreSQL database dump complete
--

