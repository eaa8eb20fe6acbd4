def input = new File(basedir, 'db/latest.dump')
def pristine = new File(basedir, 'pristine/latest.dump')
def output = new File(basedir, 'target/pgrelocate/db/latest.dump')
def log = new File(basedir, 'build.log').text

assert input.bytes == pristine.bytes : 'rewrite modified its input'
assert output.isFile() : "no output at ${output}"
assert new String(output.bytes, 0, 5, 'ISO-8859-1') == 'PGDMP' : 'the output is not a custom-format archive'

// The real pg_restore reads the rewritten archive: its listing has the same entries, and the SQL it
// would run creates every extension but plpgsql in heroku_ext.
def run = { List<String> command ->
    def process = command.execute()
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0 : "${command} failed: ${err}"
    out.toString()
}
def listing = { File f -> run(['pg_restore', '-l', f.path]).readLines().findAll { it ==~ /^\d+;.*/ } }
assert listing(output).size() == listing(pristine).size()
def script = run(['pg_restore', '-f', '-', output.path])
def created = (script =~ /(?m)^CREATE EXTENSION IF NOT EXISTS ("?)([^" ]+)\1 WITH SCHEMA (\S+);$/).collect { it[3] }
assert created.size() == 11 : "extensions: ${created}"
assert created.every { it == 'heroku_ext' } : "extensions: ${created}"
assert script.contains('CREATE SCHEMA IF NOT EXISTS heroku_ext;') : 'the target schema is created'
// References follow (function bodies and comments are the user's text and keep what they say).
assert script.contains('CREATE DOMAIN public.email_address AS heroku_ext.citext') : 'a domain over citext follows it'
assert !script.contains('CREATE DOMAIN public.email_address AS public.citext') : 'a domain over citext follows it'

assert log.contains('extension-schema: 11') : 'the report in the build log counts the moved extensions'
true
