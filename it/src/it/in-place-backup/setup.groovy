// db/structure.sql is the engine's fixture: real pg_dump output of a Rails app, extensions in public.
// pristine/structure.sql is an untouched copy for verify.groovy to compare with.
def fixture = new File(fixtures, 'plain/rails_app.structure.sql')
assert fixture.isFile() : "fixture missing: ${fixture}"
// A for loop, not each(): with maven-invoker-plugin 3.8.0 a setup script whose last value was
// each()'s list silently kept the Maven build from running.
for (path in ['db/structure.sql', 'pristine/structure.sql']) {
    def copy = new File(basedir, path)
    copy.parentFile.mkdirs()
    copy.bytes = fixture.bytes
}
