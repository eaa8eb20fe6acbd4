package dev.pgrelocate.maven;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.owner.RoleNotFoundException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code reassign-owner} goal without a database (the engine's behaviour on a real server is
 * proven in dump-rewriter's ReassignOwnerTest): skipping, parameter errors, an unreachable server, and
 * how engine failures map onto Maven's two exceptions. The password never reaches a message or the log.
 */
class ReassignOwnerMojoTest {

    private static final String SECRET = "S3cr3t-Pw";

    private final RecordingLog log = new RecordingLog(true);

    private ReassignOwnerMojo mojo(String url, String to) {
        ReassignOwnerMojo mojo = new ReassignOwnerMojo();
        mojo.setLog(log);
        mojo.url = url;
        mojo.to = to;
        return mojo;
    }

    @Test
    void skipsBeforeLookingAtAnyParameter() throws Exception {
        ReassignOwnerMojo global = mojo(null, null);
        global.skip = true;
        global.execute();
        ReassignOwnerMojo own = mojo("not a url", null);
        own.skipReassignOwner = true;
        own.execute();
        assertEquals(List.of("info: Skipping pgrelocate:reassign-owner (pgrelocate.skip=true)",
                "info: Skipping pgrelocate:reassign-owner (pgrelocate.reassign-owner.skip=true)"), log.lines);
    }

    @Test
    void missingParametersNameThePomElementAndProperty() {
        MojoFailureException noUrl = assertThrows(MojoFailureException.class, () -> mojo(" ", "application").execute());
        assertTrue(noUrl.getMessage().contains("needs <url>") && noUrl.getMessage().contains("-Dpgrelocate.url="),
                noUrl.getMessage());
        MojoFailureException noRole = assertThrows(MojoFailureException.class,
                () -> mojo("postgres://u@localhost/db", null).execute());
        assertTrue(noRole.getMessage().contains("needs <to>") && noRole.getMessage().contains("-Dpgrelocate.to="),
                noRole.getMessage());
    }

    @Test
    void aMalformedUrlIsTheUsersToFix() {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> mojo("mysql://root:" + SECRET + "@localhost/db", "application").execute());
        assertTrue(e.getMessage().contains("not a PostgreSQL URL") && e.getMessage().contains("<url>"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void anUnreachableServerIsAnExecutionFailureWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> mojo("postgres://postgres:" + SECRET + "@localhost:" + closedPort + "/app", "application").execute());
        assertTrue(e.getMessage().contains("postgres://postgres@localhost:" + closedPort + "/app"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(log.text().contains(SECRET), log.text());
    }

    @Test
    void engineFailuresMapOntoMavensExceptions() {
        RoleNotFoundException missing = new RoleNotFoundException("applicaton", "the new owner");
        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> ReassignOwnerMojo.rethrow(missing));
        assertSame(missing, failure.getCause());
        assertTrue(failure.getMessage().contains("role \"applicaton\"") && failure.getMessage().contains("-Dpgrelocate.to"),
                failure.getMessage());

        PgRelocateException database = new PgRelocateException("statement 3 of 9 failed", PgRelocateException.EXIT_DATABASE);
        MojoExecutionException execution = assertThrows(MojoExecutionException.class, () -> ReassignOwnerMojo.rethrow(database));
        assertSame(database, execution.getCause());

        PgRelocateException usage = new PgRelocateException("bad", PgRelocateException.EXIT_USAGE);
        assertThrows(MojoFailureException.class, () -> ReassignOwnerMojo.rethrow(usage));
    }
}
