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

CREATE SCHEMA heroku_ext;


ALTER SCHEMA heroku_ext OWNER TO app_owner;

--
-- Name: SCHEMA heroku_ext; Type: COMMENT; Schema: -; Owner: app_owner
--

COMMENT ON SCHEMA heroku_ext IS 'Extensions live here; see https://devcenter.heroku.com/changelog-items/2446';


--
-- Name: reporting; Type: SCHEMA; Schema: -; Owner: app_owner
--

CREATE SCHEMA reporting;


ALTER SCHEMA reporting OWNER TO app_owner;

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;


--
-- Name: SCHEMA heroku_ext; Type: ACL; Schema: -; Owner: app_owner
--

REVOKE ALL ON SCHEMA heroku_ext FROM PUBLIC;
GRANT USAGE ON SCHEMA heroku_ext TO app_reader;
GRANT ALL ON SCHEMA heroku_ext TO app_owner WITH GRANT OPTION;


--
-- Name: SCHEMA reporting; Type: ACL; Schema: -; Owner: app_owner
--

GRANT USAGE ON SCHEMA reporting TO app_reader;
GRANT USAGE ON SCHEMA reporting, heroku_ext TO "BI Tool";


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: reporting; Owner: app_owner
--

ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA reporting GRANT SELECT ON TABLES  TO app_reader;


--
-- PostgreSQL database dump complete
--

