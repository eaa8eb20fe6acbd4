import groovy.json.JsonSlurper

def input = new File(basedir, 'db/structure.sql')
def pristine = new File(basedir, 'pristine/structure.sql')
def output = new File(basedir, 'target/pgrelocate/db/structure.sql')
def log = new File(basedir, 'build.log').text

assert input.bytes == pristine.bytes
assert output.text.contains('CREATE SCHEMA IF NOT EXISTS heroku_ext;')
assert !(output.text =~ /(?m)^CREATE EXTENSION .* WITH SCHEMA public;$/)

// rewrite ran first, then check passed on its output.
def rewrote = log.indexOf('[INFO] db/structure.sql -> target/pgrelocate/db/structure.sql')
def checked = log.indexOf('[INFO] pgrelocate:check: no statement would fail on the target platform (extensions in schema "heroku_ext")')
assert rewrote >= 0 && checked > rewrote
assert log.contains('BUILD SUCCESS')

// The JSON reports say the same: rewrite moved every extension, check had nothing left to change.
def rewriteReport = new JsonSlurper().parse(new File(basedir, 'target/pgrelocate/rewrite-report.json'))
def extensions = pristine.readLines().count { it ==~ /^CREATE EXTENSION .* WITH SCHEMA public;$/ }
assert rewriteReport.counts['extension-schema'] == extensions
assert rewriteReport.changes.findAll { it.wouldFailBecause }.size() == extensions
def checkReport = new JsonSlurper().parse(new File(basedir, 'target/pgrelocate/check-report.json'))
assert checkReport.sources.size() == 1 && checkReport.sources[0].endsWith('target/pgrelocate/db/structure.sql')
assert checkReport.changes == []
