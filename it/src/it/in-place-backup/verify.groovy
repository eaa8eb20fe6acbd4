def input = new File(basedir, 'db/structure.sql')
def backup = new File(basedir, 'db/structure.sql.orig')
def pristine = new File(basedir, 'pristine/structure.sql')
def log = new File(basedir, 'build.log').text

// After both builds: the backup is the original, the file is the rewrite.
assert backup.bytes == pristine.bytes : 'the backup must hold the original, even after the second build'
def text = input.text
assert text != pristine.text
assert text.contains('CREATE SCHEMA IF NOT EXISTS heroku_ext;')
def extensions = pristine.readLines().count { it ==~ /^CREATE EXTENSION .* WITH SCHEMA public;$/ }
assert extensions >= 5
assert text.readLines().count { it ==~ /^CREATE EXTENSION .* WITH SCHEMA heroku_ext;$/ } == extensions

// The first build rewrote, the second found nothing to change (so it wrote no new backup).
def first = log =~ /\[INFO\] db\/structure\.sql: (\d+) changes, rewritten in place \(original kept as db\/structure\.sql\.orig\)/
assert first.find() && (first.group(1) as int) > extensions
assert log.indexOf('[INFO] db/structure.sql: nothing to change, left as it is') > first.start()
assert log.count('BUILD SUCCESS') == 2

// No other output, and no temporary file left beside the input.
assert !new File(basedir, 'target/pgrelocate').exists()
assert new File(basedir, 'db').list().sort() == ['structure.sql', 'structure.sql.orig']
