def log = new File(basedir, 'build.log').text

assert log.contains('pgrelocate:verify-restore: restore failed at db/structure.sql:17: ERROR: role "legacy_owner" does not exist (SQLSTATE 42704)')
assert log.contains('in: ALTER TABLE public.accounts OWNER TO legacy_owner;')
assert log.contains('BUILD FAILURE')
true
