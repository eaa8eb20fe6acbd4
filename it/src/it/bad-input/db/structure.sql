--
-- A structure.sql that was cut off: the function body's dollar quote never closes.
--

SET client_encoding = 'UTF8';

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

CREATE FUNCTION public.normalize_email(email text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    AS $fn$
BEGIN
  RETURN lower(trim(email));
