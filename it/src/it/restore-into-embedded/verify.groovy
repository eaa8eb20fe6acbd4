def pg = System.properties.get('pgrelocate.it.embedded')
assert pg != null : 'setup.groovy started no server'
try {
    def log = new File(basedir, 'build.log').text

    // Rows are in the database: every COPY of the dump, with the counts the dump carries.
    def expected = [:]
    def table = null
    new File(basedir, 'db/structure.sql').eachLine { line ->
        def copy = line =~ /^COPY (\S+) /
        if (copy.find()) {
            table = copy.group(1)
            expected[table] = 0L
        } else if (line == '\\.') {
            table = null
        } else if (table != null) {
            expected[table] = expected[table] + 1
        }
    }
    assert expected.size() >= 3 && expected.values().sum() > 0 : "the fixture carries data: ${expected}"
    def connection = pg.getDatabase('postgres', 'app').getConnection()
    try {
        expected.each { name, rows ->
            def rs = connection.createStatement().executeQuery("SELECT count(*) FROM ${name}")
            rs.next()
            assert rs.getLong(1) == rows : "${name}: ${rs.getLong(1)} rows restored, the dump carries ${rows}"
        }
        def rs = connection.createStatement().executeQuery(
                "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql' AND extnamespace::regnamespace::text <> 'heroku_ext'")
        rs.next()
        assert rs.getLong(1) == 0 : 'every extension went to heroku_ext'
    } finally {
        connection.close()
    }

    assert log =~ /\[INFO\] pgrelocate:restore: db\/structure\.sql into postgres:\/\/app@localhost:\d+\/app as app \(user from the URL, password from the URL\)/
    assert log =~ /\[INFO\] restore into postgres:\/\/app@localhost:\d+\/app: \d+ statements, \d+ tables, \d+ rows/
    assert log.contains('[INFO] pgrelocate:restore: restored into postgres://app@localhost:')
    assert log.contains('BUILD SUCCESS')
    assert !log.contains('It-Secret-Pw-4711') : 'the password reached the build log'
} finally {
    System.properties.remove('pgrelocate.it.embedded')
    pg.close()
}
true
