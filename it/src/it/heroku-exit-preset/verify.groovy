def input = new File(basedir, 'db/structure.sql')
def output = new File(basedir, 'target/pgrelocate/db/structure.sql')
def log = new File(basedir, 'build.log').text

def before = input.readLines()
def after = output.readLines()
def createExtension = ~/^CREATE EXTENSION IF NOT EXISTS (\S+) WITH SCHEMA (\S+);$/

// Extensions in heroku_ext go back to public; plpgsql, excluded by default, stays in pg_catalog.
def expected = before.findAll { it ==~ createExtension }.collect { line ->
    line.endsWith('WITH SCHEMA heroku_ext;') ? line.replace('WITH SCHEMA heroku_ext;', 'WITH SCHEMA public;') : line
}
assert expected.count { it.endsWith('WITH SCHEMA public;') } == 2
assert after.findAll { it ==~ createExtension } == expected
assert after.contains('CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;')
assert !after.any { it.startsWith('CREATE EXTENSION') && it.contains('heroku_ext') }

assert log.contains('[INFO]   extension-schema: 2')
assert log.contains('BUILD SUCCESS')
