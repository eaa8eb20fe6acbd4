-- check would fail on this, and rewrite would change it: a goal that ran would show.
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
