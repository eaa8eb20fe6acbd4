package dev.pgrelocate.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.Driver;

/**
 * A throwaway cluster of the machine's own PostgreSQL (Debian layout: binaries in
 * {@code /usr/lib/postgresql/<major>/bin}, extensions in {@code /usr/share/postgresql/<major>/extension}),
 * for extensions that Debian packages install there and Zonky's binaries lack: PostGIS.
 *
 * <p>The cluster lives in a temporary directory with its Unix socket inside it and a free TCP port
 * on localhost, so it never meets the machine's own clusters. PostgreSQL refuses to run as root, so
 * under root every server command runs as the {@code postgres} OS user ({@code runuser -u postgres --}).
 */
final class SystemPostgres implements AutoCloseable {

    private static final String SERVICE_USER = "postgres";

    private final int major;
    private final Path directory;
    private final Path data;
    private final int port;

    private SystemPostgres(int major, Path directory, int port) {
        this.major = major;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
    }

    static Path binaries(int major) {
        return Path.of("/usr/lib/postgresql", Integer.toString(major), "bin");
    }

    static Path extensionDirectory(int major) {
        return Path.of("/usr/share/postgresql", Integer.toString(major), "extension");
    }

    /** True when the machine has PostgreSQL {@code major}'s server and the named extension's control file. */
    static boolean hasExtension(int major, String extension) {
        return Files.isExecutable(binaries(major).resolve("initdb"))
                && Files.isRegularFile(extensionDirectory(major).resolve(extension + ".control"));
    }

    /** Initialises and starts a cluster (trust authentication, superuser {@code postgres}, UTF8, C locale). */
    static SystemPostgres start(int major) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("pgrelocate-catalog-pg" + major + "-");
        SystemPostgres server = new SystemPostgres(major, directory, freePort());
        try {
            if (isRoot()) {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(directory, users.lookupPrincipalByName(SERVICE_USER));
            }
            server.run(server.bin("initdb"), "-D", server.data.toString(), "-A", "trust", "-U", SERVICE_USER,
                    "-E", "UTF8", "--locale=C", "--no-sync");
            server.run(server.bin("pg_ctl"), "-D", server.data.toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + server.port + " -k " + directory + " -c listen_addresses=localhost -c fsync=off",
                    "start");
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    int major() {
        return major;
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SERVICE_USER);
        properties.setProperty("ApplicationName", "pgrelocate-catalog-generator");
        // The driver directly, not DriverManager: under exec:java the caller's class loader
        // is not the one DriverManager registered the driver with.
        return new Driver().connect("jdbc:postgresql://localhost:" + port + "/" + database, properties);
    }

    @Override
    public String toString() {
        return "system PostgreSQL " + major + " (" + binaries(major) + ", port " + port + ")";
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(bin("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("warning: cannot stop " + this + ": " + e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            deleteRecursively(directory);
        }
    }

    private String bin(String program) {
        return binaries(major).resolve(program).toString();
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        // PGDATA, PGPORT, PGHOST and friends from the caller's shell must not steer initdb or pg_ctl.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", full));
        }
        if (process.exitValue() != 0) {
            String log = "";
            Path serverLog = directory.resolve("server.log");
            if (Files.isReadable(serverLog)) {
                log = "\nserver log:\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
            }
            throw new IOException(String.join(" ", full) + " exited " + process.exitValue() + ":\n"
                    + new String(output, StandardCharsets.UTF_8) + log);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
