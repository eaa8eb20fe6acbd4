package dev.pgrelocate.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of test classes that share one embedded PostgreSQL server and a psql runner for it. */
public abstract class EmbeddedServerTest {

    protected static EmbeddedServer server;
    protected static PsqlRunner psql;

    @BeforeAll
    static void startServer() {
        server = EmbeddedServer.start();
        psql = new PsqlRunner(server);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
