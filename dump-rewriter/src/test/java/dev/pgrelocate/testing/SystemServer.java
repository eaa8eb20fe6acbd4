package dev.pgrelocate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One throwaway cluster of the PostgreSQL 15 installed on the machine (Debian's
 * {@code /usr/lib/postgresql/15/bin}), for what the Zonky binaries lack: PostGIS (Debian package
 * {@code postgresql-15-postgis-3}) and any other extension installed into the system PostgreSQL.
 *
 * <p>{@link #start()} runs {@code initdb} (trust authentication, UTF8, locale C) in a new temporary
 * directory and starts {@code postgres} on a free localhost port, with its socket in that directory;
 * {@link #close()} stops it and deletes the directory. initdb and postgres refuse to run as root, so
 * when the tests run as root both run as the OS user {@value #OS_USER} (through {@code runuser});
 * otherwise they run as the current user. Tests that need it should first check {@link #isInstalled()}
 * (and {@link #hasExtension(String)}) and skip with a message when it is false.
 */
public final class SystemServer implements PostgresServer {

    /** Override with {@code -Dpgrelocate.test.pgbin=/path/to/bin}. */
    static final Path BIN = Path.of(System.getProperty("pgrelocate.test.pgbin", "/usr/lib/postgresql/15/bin"));
    /** Where the Debian packages put extension control files for that server. */
    static final Path EXTENSIONS = Path.of(System.getProperty("pgrelocate.test.pgext", "/usr/share/postgresql/15/extension"));
    static final String OS_USER = "postgres";
    private static final long TIMEOUT_SECONDS = 120;

    private final Path directory;
    private final Path data;
    private final int port;
    private final Thread shutdownHook;
    private boolean closed;

    private SystemServer(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "pgrelocate-system-server-stop");
    }

    /** The PostgreSQL major of the system server (Debian's package on this machine kind). */
    public static final int MAJOR = 15;

    public static Path binaries() {
        return BIN;
    }

    public static Path extensionDirectory() {
        return EXTENSIONS;
    }

    /** The server binaries are present (and, when running as root, the OS user to run them as). */
    public static boolean isInstalled() {
        if (!Files.isExecutable(BIN.resolve("postgres")) || !Files.isExecutable(BIN.resolve("initdb"))) {
            return false;
        }
        return !runningAsRoot() || (Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")));
    }

    /** The extension's control file is installed for the system server, e.g. {@code hasExtension("postgis")}. */
    public static boolean hasExtension(String name) {
        return Files.isRegularFile(EXTENSIONS.resolve(name + ".control"));
    }

    /** What a skipped test prints when {@link #isInstalled()} is false. */
    public static String notInstalledMessage() {
        return "needs the system PostgreSQL 15 server (" + BIN + "; Debian package postgresql-15)";
    }

    public static SystemServer start() {
        if (!isInstalled()) {
            throw new IllegalStateException(notInstalledMessage());
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("pgrelocate-system-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the system PostgreSQL", e);
        }
        SystemServer server = null;
        try {
            if (runningAsRoot()) {
                run(List.of("chown", OS_USER + ":", directory.toString()), directory);
            }
            server = new SystemServer(directory, freePort());
            server.initdb();
            server.startPostgres();
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            return server;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.stopQuietly();
            }
            deleteRecursively(directory);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start the system PostgreSQL", io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook itself is running or has run
        }
    }

    @Override
    public String toString() {
        return "SystemServer[" + HOST + ":" + port + ", " + BIN + "]";
    }

    private void initdb() throws IOException {
        asServerUser(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "--auth=trust",
                "--username=" + SUPERUSER, "--encoding=UTF8", "--locale=C", "--no-instructions"));
        // Same settings as the fixture scripts and EmbeddedServer. The socket directory is private,
        // so the trust authentication there is only open to this OS user and root.
        String settings = String.join("\n",
                "listen_addresses = '" + HOST + "'",
                "port = " + port,
                "unix_socket_directories = '" + directory + "'",
                "timezone = 'UTC'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 50",
                "");
        Path conf = data.resolve("postgresql.conf");
        // The file belongs to the server user; root may append to it.
        Files.writeString(conf, Files.readString(conf, StandardCharsets.UTF_8) + settings, StandardCharsets.UTF_8);
    }

    private void startPostgres() throws IOException {
        asServerUser(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", directory.resolve("server.log").toString(), "-w", "-t", "60", "start"));
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                asServerUser(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("pgrelocate tests: cannot stop " + this + ": " + e.getMessage());
        } finally {
            deleteRecursively(directory);
        }
    }

    private void asServerUser(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        run(full, directory);
    }

    /** Runs a command to completion; fails with its output when it exits non-zero. */
    private static void run(List<String> command, Path workingDirectory) throws IOException {
        Path output = Files.createTempFile("pgrelocate-system-pg-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(output.toFile());
            isolateEnvironment(builder.environment());
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", command), e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new IOException("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IOException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n"
                        + Files.readString(output, StandardCharsets.UTF_8) + serverLogTail(workingDirectory));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String serverLogTail(Path directory) {
        Path log = directory.resolve("server.log");
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- server.log (tail) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Keeps the developer's PG* settings out of initdb/pg_ctl, and messages in English. */
    private static void isolateEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("PG"));
        environment.put("LC_ALL", "C");
        environment.put("TZ", "UTC");
    }

    private static boolean runningAsRoot() {
        try {
            // The owner of /proc/self is the process's user (Linux); user.name can be overridden.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** A port nobody listens on right now (the server binds it a moment later). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a leftover temporary directory is harmless
                }
            });
        } catch (IOException e) {
            // best effort, as above
        }
    }
}
