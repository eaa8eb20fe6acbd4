// db/structure.sql is the engine's fixture: a real pg_dump of a Rails app (PostgreSQL 15), extensions in public.
def fixture = new File(fixtures, 'plain/rails_app.plain.sql')
assert fixture.isFile() : "fixture missing: ${fixture}"
def copy = new File(basedir, 'db/structure.sql')
copy.parentFile.mkdirs()
copy.bytes = fixture.bytes
true
