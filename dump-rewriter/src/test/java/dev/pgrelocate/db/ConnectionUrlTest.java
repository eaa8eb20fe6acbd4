package dev.pgrelocate.db;

import dev.pgrelocate.PgRelocateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Database addresses as users have them: JDBC URLs and libpq / Heroku {@code DATABASE_URL}s. What
 * reaches the server (user, password, SSL) is read off the wire by a stand-in server that speaks
 * just enough of the PostgreSQL protocol to ask for a password and refuse it.
 */
class ConnectionUrlTest {

    @Test
    void jdbcUrlIsPassedAsItIsAndItsPasswordNeverShown() {
        ConnectionUrl url = ConnectionUrl.parse("jdbc:postgresql://db.example.com:5433/relo?user=app&password=s3cret&sslmode=verify-full");

        assertEquals("jdbc:postgresql://db.example.com:5433/relo?user=app&password=s3cret&sslmode=verify-full", url.jdbcUrl(),
                "the driver gets the URL whole");
        assertEquals("jdbc:postgresql://db.example.com:5433/relo?user=app&password=***&sslmode=verify-full", url.toString());
    }

    @Test
    void herokuDatabaseUrlBecomesAJdbcUrlWithTheCredentialsKeptApart() {
        ConnectionUrl url = ConnectionUrl.parse("postgres://app:s3cret@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d8f7?sslmode=require");

        assertEquals("jdbc:postgresql://ec2-1-2-3-4.compute-1.amazonaws.com:5432/d8f7?sslmode=require", url.jdbcUrl());
        assertEquals("postgres://app@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d8f7", url.toString());
    }

    @Test
    void postgresqlSchemeWithoutPortDatabaseOrUser() {
        ConnectionUrl url = ConnectionUrl.parse("postgresql://localhost");

        assertEquals("jdbc:postgresql://localhost/", url.jdbcUrl());
        assertEquals("postgresql://localhost/", url.toString());
    }

    @Test
    void ipv6Host() {
        ConnectionUrl url = ConnectionUrl.parse("postgres://app:s3cret@[::1]:5432/relo");

        assertEquals("jdbc:postgresql://[::1]:5432/relo", url.jdbcUrl());
        assertEquals("postgres://app@[::1]:5432/relo", url.toString());
    }

    @Test
    @Timeout(30)
    void givenCredentialsReplaceTheUrlsAndAreNeverShown() throws Exception {
        try (FakeServer server = FakeServer.start()) {
            ConnectionUrl url = ConnectionUrl.parse("jdbc:postgresql://127.0.0.1:" + server.port()
                    + "/relo?user=old&password=old-secret&sslmode=disable").withCredentials("deploy", "n3w-s3cret");

            assertThrows(SQLException.class, () -> url.connect().close());

            FakeServer.Seen seen = server.seen();
            assertEquals("deploy", seen.startup().get("user"));
            assertEquals("n3w-s3cret", seen.password());
            assertEquals("jdbc:postgresql://127.0.0.1:" + server.port() + "/relo?sslmode=disable", url.jdbcUrl());
            assertEquals("jdbc:postgresql://127.0.0.1:" + server.port() + "/relo?sslmode=disable&user=deploy", url.toString());
            assertEquals("deploy", url.user());
        }
        ConnectionUrl libpq = ConnectionUrl.parse("postgres://app:old@db.internal:5432/relo").withCredentials("deploy", "n3w");
        assertEquals("postgres://deploy@db.internal:5432/relo", libpq.toString());
        ConnectionUrl passwordOnly = ConnectionUrl.parse("postgres://app@db.internal/relo").withCredentials(null, "n3w");
        assertEquals("app", passwordOnly.user());
        assertTrue(passwordOnly.hasPassword());
        assertFalse(passwordOnly.toString().contains("n3w"));
        assertEquals("app", ConnectionUrl.parse("jdbc:postgresql://h/db?user=app").user());
        assertEquals(null, ConnectionUrl.parse("jdbc:postgresql://h/db").user());
    }

    @Test
    @Timeout(30)
    void percentEncodedCredentialsReachTheServerDecodedAsLibpqDecodesThem() throws Exception {
        try (FakeServer server = FakeServer.start()) {
            // libpq decodes %XX only: the + stays a plus sign (a form decoder would make it a space).
            ConnectionUrl url = ConnectionUrl.parse("postgres://app%2Bops:p%40ss+w%2Frd%3A%25@127.0.0.1:" + server.port()
                    + "/relo?sslmode=disable");

            SQLException refused = assertThrows(SQLException.class, () -> url.connect().close());

            assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
            FakeServer.Seen seen = server.seen();
            assertEquals(List.of(), seen.encryptionRequests(), "sslmode=disable asks for no encryption");
            assertEquals("app+ops", seen.startup().get("user"));
            assertEquals("relo", seen.startup().get("database"));
            assertEquals("p@ss+w/rd:%", seen.password());
        }
    }

    @Test
    @Timeout(30)
    void sslmodeReachesTheDriver() throws Exception {
        try (FakeServer server = FakeServer.start()) {
            ConnectionUrl url = ConnectionUrl.parse("postgres://app:s3cret@127.0.0.1:" + server.port() + "/relo?sslmode=require");

            SQLException refused = assertThrows(SQLException.class, () -> url.connect().close());

            assertTrue(refused.getMessage().contains("SSL"), refused.getMessage());
            FakeServer.Seen seen = server.seen();
            assertEquals(List.of(FakeServer.SSL_REQUEST), seen.encryptionRequests());
            assertEquals(null, seen.password(), "no password is sent when the server cannot encrypt");
        }
    }

    @Test
    @Timeout(30)
    void aFailedConnectionExitsFourNamingTheUrlWithoutItsPassword() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        PgRelocateException e = assertThrows(PgRelocateException.class,
                () -> LiveCatalog.read(ConnectionUrl.parse("postgres://app:s3cret@127.0.0.1:" + port + "/relo")));

        assertEquals(PgRelocateException.EXIT_DATABASE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot read the extension catalog from postgres://app@127.0.0.1:" + port + "/relo: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "localhost:5432/relo",
        "host=localhost dbname=relo password=s3cret",
        "mysql://app:s3cret@localhost/relo",
        "jdbc:mysql://localhost/relo?password=s3cret",
        "postgres://",
        "postgres://app:s3cret@/relo",
        "postgres://app:s3cret@host with space/relo",
        "postgres://app:s3cr et@localhost/relo",
        "postgres://app:s3/cret@localhost/relo",
        "postgres://app:s3@cret@localhost/relo",
        "postgres://app:s3#cret@localhost/relo",
        "postgres://h1:5432,h2:5433/relo",
    })
    void garbageIsAUsageErrorThatNeverShowsThePassword(String garbage) {
        PgRelocateException e = assertThrows(PgRelocateException.class, () -> ConnectionUrl.parse(garbage));

        assertEquals(PgRelocateException.EXIT_USAGE, e.exitCode());
        for (String piece : List.of("s3cret", "s3cr", "cret", "s3/", "s3@", "s3#")) {
            assertFalse(e.getMessage().contains(piece), e.getMessage());
        }
    }

    @Test
    void aPasswordWithAnUnencodedSlashIsNotEchoed() {
        PgRelocateException e = assertThrows(PgRelocateException.class,
                () -> ConnectionUrl.parse("postgres://app:s3/cret@localhost/relo"));

        assertEquals("the database URL postgres://***@localhost/relo names no host", e.getMessage());
    }

    /**
     * One connection's worth of a PostgreSQL server: answers "no" to SSL and GSS encryption
     * requests, reads the startup message, asks for a clear-text password, reads it, and refuses
     * it the way a server does ({@code 28P01}).
     */
    private static final class FakeServer implements AutoCloseable {
        static final int SSL_REQUEST = 80877103;
        static final int GSS_REQUEST = 80877104;
        private static final int PROTOCOL_3 = 196608;

        record Seen(List<Integer> encryptionRequests, Map<String, String> startup, String password) {
        }

        private final ServerSocket socket;
        private final CompletableFuture<Seen> seen = new CompletableFuture<>();

        private FakeServer(ServerSocket socket) {
            this.socket = socket;
        }

        static FakeServer start() throws IOException {
            FakeServer server = new FakeServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            Thread thread = new Thread(server::serveOne, "fake-postgres");
            thread.setDaemon(true);
            thread.start();
            return server;
        }

        int port() {
            return socket.getLocalPort();
        }

        Seen seen() throws Exception {
            return seen.get(20, TimeUnit.SECONDS);
        }

        private void serveOne() {
            List<Integer> requests = new ArrayList<>();
            Map<String, String> startup = new LinkedHashMap<>();
            String password = null;
            try (Socket client = socket.accept()) {
                client.setSoTimeout(20_000);
                DataInputStream in = new DataInputStream(client.getInputStream());
                DataOutputStream out = new DataOutputStream(client.getOutputStream());
                while (true) {
                    int length = in.readInt();
                    int code = in.readInt();
                    if (code == SSL_REQUEST || code == GSS_REQUEST) {
                        requests.add(code);
                        out.writeByte('N');
                        out.flush();
                        continue;
                    }
                    if (code != PROTOCOL_3) {
                        throw new IOException("unexpected startup code " + code);
                    }
                    byte[] parameters = new byte[length - 8];
                    in.readFully(parameters);
                    String[] fields = new String(parameters, StandardCharsets.UTF_8).split("\0");
                    for (int i = 0; i + 1 < fields.length; i += 2) {
                        startup.put(fields[i], fields[i + 1]);
                    }
                    break;
                }
                out.writeByte('R');
                out.writeInt(8);
                out.writeInt(3); // AuthenticationCleartextPassword
                out.flush();
                if (in.readByte() != 'p') {
                    throw new IOException("expected a password message");
                }
                byte[] message = new byte[in.readInt() - 4];
                in.readFully(message);
                password = new String(message, 0, message.length - 1, StandardCharsets.UTF_8);
                writeError(out, "28P01", "password authentication failed for user \"" + startup.get("user") + "\"");
            } catch (IOException e) {
                // The client hung up (it refused to go on without SSL): what it sent is all there is.
            } finally {
                seen.complete(new Seen(requests, startup, password));
            }
        }

        private static void writeError(DataOutputStream out, String sqlState, String message) throws IOException {
            ByteArrayOutputStream fields = new ByteArrayOutputStream();
            for (String field : List.of("SFATAL", "VFATAL", "C" + sqlState, "M" + message)) {
                fields.writeBytes(field.getBytes(StandardCharsets.UTF_8));
                fields.write(0);
            }
            fields.write(0);
            out.writeByte('E');
            out.writeInt(4 + fields.size());
            out.write(fields.toByteArray());
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
