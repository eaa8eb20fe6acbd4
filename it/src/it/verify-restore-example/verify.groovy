def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] pgrelocate:verify-restore: db/structure.sql on an embedded PostgreSQL 15, heroku platform, restoring as non-superuser app')
assert log =~ /\[INFO\] pgrelocate:verify-restore: \d+ changes, 0 warnings in 1 file/
assert log.contains('[INFO]   extension-schema: ')
assert log =~ /\[INFO\] restore into jdbc:postgresql:\/\/localhost:\d+\/verify\?user=app: \d+ statements, \d+ tables, \d+ rows/
assert log.contains('[INFO] pgrelocate:verify-restore: the rewritten dump restores on heroku (PostgreSQL 15; the embedded server is deleted)')
assert log.contains('BUILD SUCCESS')
true
