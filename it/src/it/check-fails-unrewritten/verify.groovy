def input = new File(basedir, 'db/structure.sql')
def pristine = new File(basedir, 'pristine/structure.sql')
def log = new File(basedir, 'build.log').text

// Expected findings, computed from the file: each CREATE EXTENSION outside heroku_ext (bar the
// excluded ones) at the schema name it would have to change.
def excluded = ['plpgsql', 'postgis_topology', 'postgis_tiger_geocoder']
def createExtension = ~/^CREATE EXTENSION (?:IF NOT EXISTS )?("?)([^" ]+)\1 WITH SCHEMA (\S+);$/
def expected = []
input.readLines().eachWithIndex { line, i ->
    def m = line =~ createExtension
    if (m.matches() && !(m.group(2) in excluded) && m.group(3) != 'heroku_ext') {
        def column = line.indexOf('WITH SCHEMA ') + 'WITH SCHEMA '.length() + 1
        expected << "structure.sql:${i + 1}:${column}: ${line}: extension \"${m.group(2)}\" must be installed in schema \"heroku_ext\""
    }
}
assert expected.size() >= 5 : 'the fixture should create several extensions in public'

assert log.contains("${expected.size()} statements would fail on the target platform:")
expected.each { finding ->
    assert log.contains(finding) : "build.log lacks: ${finding}"
}
// Once each in Maven's error summary (the -e stack trace repeats the message; not counted).
def reported = log.readLines().count { it =~ /^\[ERROR\] .*structure\.sql:\d+:\d+: CREATE EXTENSION / }
assert reported == expected.size() : "each finding is listed once; saw ${reported}"
assert log.contains('hint: run pgrelocate:rewrite to fix them')
assert log.contains('BUILD FAILURE')

// check reads, never writes.
assert input.bytes == pristine.bytes
assert !new File(basedir, 'target/pgrelocate').exists()
