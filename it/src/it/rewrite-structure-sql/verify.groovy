def input = new File(basedir, 'db/structure.sql')
def pristine = new File(basedir, 'pristine/structure.sql')
def output = new File(basedir, 'target/pgrelocate/db/structure.sql')
def log = new File(basedir, 'build.log').text

assert input.bytes == pristine.bytes : 'rewrite modified its input'
assert output.isFile() : "no output at ${output}"

def excluded = ['plpgsql', 'postgis_topology', 'postgis_tiger_geocoder']
def createExtension = ~/^CREATE EXTENSION (?:IF NOT EXISTS )?("?)([^" ]+)\1 WITH SCHEMA (\S+);$/
def before = pristine.readLines()
def after = output.readLines()

// Every CREATE EXTENSION keeps its place and order; all but the excluded ones now name heroku_ext.
def extensionsBefore = before.findAll { it ==~ createExtension }
def extensionsAfter = after.findAll { it ==~ createExtension }
assert extensionsBefore.size() >= 5 : 'the fixture should create several extensions'
assert extensionsAfter.size() == extensionsBefore.size()
def moved = 0
[extensionsBefore, extensionsAfter].transpose().each { was, now ->
    def m = was =~ createExtension
    assert m.matches()
    if (m.group(2) in excluded) {
        assert now == was
    } else {
        assert now == was.replaceFirst(/WITH SCHEMA \S+;$/, 'WITH SCHEMA heroku_ext;')
        moved++
    }
}

// The target schema is created, idempotently, before the first extension needs it.
def firstExtension = after.findIndexOf { it ==~ createExtension }
def createTarget = after.indexOf('CREATE SCHEMA IF NOT EXISTS heroku_ext;')
assert createTarget >= 0 && createTarget < firstExtension
assert !after.contains('CREATE SCHEMA heroku_ext;')

// The search path Rails appends after the dump gains heroku_ext, so unqualified citext etc. resolve.
def searchPathBefore = before.findAll { it.startsWith('SET search_path TO ') }.last()
def searchPathAfter = after.findAll { it.startsWith('SET search_path TO ') }.last()
assert !searchPathBefore.contains('heroku_ext')
assert searchPathAfter == searchPathBefore.replaceFirst(/;$/, ', heroku_ext;')

// The report reached the build log: the file, the totals, counts per rule.
assert log.contains('[INFO] db/structure.sql -> target/pgrelocate/db/structure.sql (')
assert log =~ /\[INFO\] pgrelocate:rewrite: \d+ changes, 0 warnings in 1 file/
assert log.contains("[INFO]   extension-schema: ${moved}")
assert log.contains('[INFO]   ensure-target-schema: 1')
assert log.contains('[INFO]   search-path: ')
