package dev.pgrelocate.maven;

import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.maven.InputFiles.InputFile;
import dev.pgrelocate.report.RewriteReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites SQL files (a Rails {@code db/structure.sql}, plain pg_dump output, Flyway or Liquibase SQL
 * migrations) so that they restore on the target platform: extensions move to the target schema,
 * schema creation becomes idempotent, search paths gain the target schema.
 *
 * <p>The rewritten files go to {@code <outputDirectory>}, keeping their paths relative to
 * {@code <directory>}, or replace the originals with {@code <inPlace>}, which keeps a backup. Each
 * output is written whole or not at all; malformed SQL fails the build with its
 * {@code file:line:column}.
 *
 * <p>Bound by default to {@code process-resources}: it runs after {@code resources:resources} has
 * copied the originals, so with {@code <directory>src/main/resources</directory>},
 * <code>&lt;include&gt;db/migration/**&#47;*.sql&lt;/include&gt;</code> and
 * {@code <outputDirectory>${project.build.outputDirectory}</outputDirectory>} the rewritten
 * migrations replace the copied ones on the classpath (where Flyway looks for them).
 *
 * <pre>
 * &lt;plugin&gt;
 *   &lt;groupId&gt;dev.pgrelocate&lt;/groupId&gt;
 *   &lt;artifactId&gt;pgrelocate-maven-plugin&lt;/artifactId&gt;
 *   &lt;version&gt;0.1.0&lt;/version&gt;
 *   &lt;executions&gt;
 *     &lt;execution&gt;
 *       &lt;goals&gt;&lt;goal&gt;rewrite&lt;/goal&gt;&lt;/goals&gt;
 *       &lt;configuration&gt;
 *         &lt;preset&gt;heroku&lt;/preset&gt;
 *         &lt;includes&gt;&lt;include&gt;db/structure.sql&lt;/include&gt;&lt;/includes&gt;
 *       &lt;/configuration&gt;
 *     &lt;/execution&gt;
 *   &lt;/executions&gt;
 * &lt;/plugin&gt;</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = RewriteMojo.GOAL, defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public final class RewriteMojo extends AbstractPgRelocateMojo {

    static final String GOAL = "rewrite";
    static final String SKIP_PROPERTY = PREFIX + GOAL + ".skip";

    /**
     * Where the rewritten files go, each at its path relative to {@code <directory>}
     * ({@code db/structure.sql} becomes {@code <outputDirectory>/db/structure.sql}). Not used with
     * {@code <inPlace>}. It is never scanned for inputs, so the next build does not take its outputs for
     * inputs even when {@code <includes>} would match them.
     *
     * <p>Default {@code ${project.build.directory}/pgrelocate}. Command line:
     * {@code -Dpgrelocate.outputDirectory=target/heroku}.
     * <pre>&lt;outputDirectory&gt;${project.build.outputDirectory}&lt;/outputDirectory&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "outputDirectory", defaultValue = "${project.build.directory}/pgrelocate")
    File outputDirectory;

    /**
     * Rewrite each file in place. A file the rewrite changes is first copied to
     * {@code <file><backupSuffix>}; a file it does not change (one rewritten before) is not touched, so
     * the backup keeps the original across builds.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.inPlace=true}.
     * <pre>&lt;inPlace&gt;true&lt;/inPlace&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "inPlace", defaultValue = "false")
    boolean inPlace;

    /**
     * The suffix of the backup {@code <inPlace>} keeps beside each changed file; it cannot be empty.
     *
     * <p>Default {@code .orig}. Command line: {@code -Dpgrelocate.backupSuffix=.before-heroku}.
     * <pre>&lt;backupSuffix&gt;.before-heroku&lt;/backupSuffix&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "backupSuffix", defaultValue = ".orig")
    String backupSuffix;

    /**
     * Skip this goal only; {@code <skip>} ({@code pgrelocate.skip}) skips every pgrelocate goal.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.rewrite.skip=true}.
     * <pre>&lt;skipRewrite&gt;true&lt;/skipRewrite&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = SKIP_PROPERTY, defaultValue = "false")
    boolean skipRewrite;

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    boolean goalSkipped() {
        return skipRewrite;
    }

    @Override
    String goalSkipProperty() {
        return SKIP_PROPERTY;
    }

    @Override
    void checkGoalParameters() throws MojoFailureException {
        if (inPlace) {
            if (backupSuffix == null || backupSuffix.isBlank()) {
                throw new MojoFailureException("<backupSuffix> (-D" + PREFIX + "backupSuffix) is empty: in-place rewriting"
                        + " always keeps a backup of the original; use e.g. <backupSuffix>.orig</backupSuffix>");
            }
            return;
        }
        Path out = outputDirectory.toPath().toAbsolutePath().normalize();
        if (out.equals(directory.toPath().toAbsolutePath().normalize())) {
            throw new MojoFailureException("<outputDirectory> (-D" + PREFIX + "outputDirectory) is " + out
                    + ", the same as <directory>: the outputs would overwrite their inputs; choose another"
                    + " <outputDirectory>, or set <inPlace>true</inPlace> (-D" + PREFIX + "inPlace=true) to rewrite"
                    + " the files in place with a backup");
        }
    }

    @Override
    List<Path> ignoredDirectories() {
        List<Path> ignored = new ArrayList<>(super.ignoredDirectories());
        if (!inPlace) {
            ignored.add(outputDirectory.toPath());
        }
        return ignored;
    }

    @Override
    RewriteReport process(FileRewriter rewriter, List<InputFile> inputs) throws IOException {
        RewriteReport all = new RewriteReport();
        for (InputFile input : inputs) {
            RewriteReport one = inPlace ? rewriteInPlace(rewriter, input) : rewriteToOutput(rewriter, input);
            all.addAll(one);
        }
        return all;
    }

    private RewriteReport rewriteToOutput(FileRewriter rewriter, InputFile input) throws IOException {
        Path output = outputDirectory.toPath().resolve(input.relativePath());
        RewriteReport report = rewriter.rewrite(input.path(), output);
        getLog().info(display(input.path()) + " -> " + display(output) + " (" + plural(report.changes().size(), "change") + ")");
        return report;
    }

    private RewriteReport rewriteInPlace(FileRewriter rewriter, InputFile input) throws IOException {
        RewriteReport report = rewriter.rewriteInPlace(input.path(), backupSuffix);
        int changes = report.changes().size();
        if (changes == 0) {
            getLog().info(display(input.path()) + ": nothing to change, left as it is");
        } else {
            getLog().info(display(input.path()) + ": " + plural(changes, "change") + ", rewritten in place (original kept as "
                    + display(input.path()) + backupSuffix + ")");
        }
        return report;
    }
}
