package dev.pgrelocate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real psql 15 client against a {@link PostgresServer}: psql, not the server, decides
 * statement boundaries and understands {@code \restrict}, COPY data and other meta-commands, so it
 * is the consumer a rewritten plain dump has to satisfy.
 */
public final class PsqlRunner {

    /** Override with {@code -Dpgrelocate.test.psql=/path/to/psql}. */
    private static final Path PSQL = Path.of(System.getProperty("pgrelocate.test.psql", "/usr/bin/psql"));
    /** Override with {@code -Dpgrelocate.test.pg_restore=/path/to/pg_restore}. */
    private static final Path PG_RESTORE = Path.of(System.getProperty("pgrelocate.test.pg_restore", "/usr/bin/pg_restore"));
    private static final long TIMEOUT_MINUTES = 5;

    private final PostgresServer server;

    public PsqlRunner(PostgresServer server) {
        this.server = server;
    }

    /** {@code psql -X -v ON_ERROR_STOP=1 --no-psqlrc -f file} as {@code role}; exit 3 means a failed statement. */
    public PsqlResult runFile(RestoreTarget target, Path file) throws IOException, InterruptedException {
        return runFile(target.database(), target.role(), file);
    }

    public PsqlResult runFile(String database, String role, Path file) throws IOException, InterruptedException {
        return run(database, role, file, true);
    }

    /**
     * The same without ON_ERROR_STOP: psql reports every failing statement and goes on, so stderr
     * lists every error of the file ({@code psql:FILE:LINE: ERROR:  ...}); the exit code is 0.
     */
    public PsqlResult runFileContinuingOnError(RestoreTarget target, Path file) throws IOException, InterruptedException {
        return run(target.database(), target.role(), file, false);
    }

    private PsqlResult run(String database, String role, Path file, boolean stopOnError)
            throws IOException, InterruptedException {
        return execute(List.of(PSQL.toString(), "-X", "-v", "ON_ERROR_STOP=" + (stopOnError ? "1" : "0"), "--no-psqlrc",
                "-h", PostgresServer.HOST, "-p", Integer.toString(server.port()), "-U", role, "-d", database,
                "-f", file.toAbsolutePath().toString()));
    }

    /**
     * The real {@code pg_restore} (15, from the system) as {@code role} against this server, with
     * {@code args} (e.g. {@code -d db -j 2 file}, or {@code -l file}, or {@code -f - file}).
     */
    public PsqlResult pgRestore(String role, List<String> args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PG_RESTORE.toString(), "-h", PostgresServer.HOST,
                "-p", Integer.toString(server.port()), "-U", role));
        command.addAll(args);
        return execute(command);
    }

    private static PsqlResult execute(List<String> command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("pgclient-", ".out");
        Path stderr = Files.createTempFile("pgclient-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            isolateEnvironment(builder.environment());
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not finish within " + TIMEOUT_MINUTES + " minutes: " + command);
            }
            return new PsqlResult(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Keeps the developer's PG* settings (service files, passwords, options) out, and messages in English. */
    private static void isolateEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("PG"));
        environment.put("LC_ALL", "C.UTF-8");
        environment.put("PGAPPNAME", "pgrelocate-tests");
        environment.put("PGCONNECT_TIMEOUT", "10");
    }

    /** Exit code and everything psql printed. */
    public record PsqlResult(int exitCode, String stdout, String stderr) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stderr ---\n" + stderr;
        }
    }
}
