def input = new File(basedir, 'db/structure.sql')
def log = new File(basedir, 'build.log').text

// The error points at where the unterminated quote began, computed from the file.
def lines = input.readLines()
def line = lines.findIndexOf { it.contains('AS $fn$') } + 1
def column = lines[line - 1].indexOf('$fn$') + 1
assert line > 0
def error = "structure.sql:${line}:${column}: error: unterminated dollar-quoted string \$fn\$ (reached end of input)"
assert log.contains(error) : "build.log lacks: ${error}"
assert log.contains('  hint: ')
assert log.contains('BUILD FAILURE')

// No output at all: no partial file, no temporary file.
def outputs = []
def outputDir = new File(basedir, 'target/pgrelocate')
if (outputDir.exists()) {
    outputDir.eachFileRecurse(groovy.io.FileType.FILES) { outputs << it }
}
assert outputs == [] : "left behind: ${outputs}"
assert new File(basedir, 'db').list() as List == ['structure.sql']
