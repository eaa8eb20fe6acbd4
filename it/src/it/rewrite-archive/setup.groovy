// db/latest.dump is the engine's fixture: a real pg_dump 15 -Fc archive of an app with eleven
// extensions in public. pristine/latest.dump is an untouched copy for verify.groovy.
def fixture = new File(fixtures, 'references/refs_app.dump')
assert fixture.isFile() : "fixture missing: ${fixture}"
for (path in ['db/latest.dump', 'pristine/latest.dump']) {
    def copy = new File(basedir, path)
    copy.parentFile.mkdirs()
    copy.bytes = fixture.bytes
}
