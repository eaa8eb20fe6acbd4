package dev.pgrelocate.maven;

import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.maven.InputFiles.InputFile;
import dev.pgrelocate.report.Change;
import dev.pgrelocate.report.RewriteReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.util.List;

/**
 * Fails the build when a SQL file would not restore on the target platform, listing every statement
 * at fault as {@code file:line:column: statement: why} (for example an extension created outside
 * {@code heroku_ext}, or {@code CREATE SCHEMA heroku_ext;} where the platform already has it).
 * Writes nothing but the optional report.
 *
 * <p>Bound by default to {@code verify}. To check what {@code rewrite} produced rather than the
 * sources, point {@code <directory>} at its output:
 * <pre>
 * &lt;execution&gt;
 *   &lt;id&gt;check-rewritten&lt;/id&gt;
 *   &lt;goals&gt;&lt;goal&gt;check&lt;/goal&gt;&lt;/goals&gt;
 *   &lt;configuration&gt;
 *     &lt;directory&gt;${project.build.directory}/pgrelocate&lt;/directory&gt;
 *   &lt;/configuration&gt;
 * &lt;/execution&gt;</pre>
 * On the command line: {@code mvn pgrelocate:check -Dpgrelocate.includes=backups/latest.sql}.
 *
 * @since 0.1.0
 */
@Mojo(name = CheckMojo.GOAL, defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractPgRelocateMojo {

    static final String GOAL = "check";
    static final String SKIP_PROPERTY = PREFIX + GOAL + ".skip";

    /**
     * Skip this goal only; {@code <skip>} ({@code pgrelocate.skip}) skips every pgrelocate goal.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.check.skip=true}.
     * <pre>&lt;skipCheck&gt;true&lt;/skipCheck&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = SKIP_PROPERTY, defaultValue = "false")
    boolean skipCheck;

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    boolean goalSkipped() {
        return skipCheck;
    }

    @Override
    String goalSkipProperty() {
        return SKIP_PROPERTY;
    }

    @Override
    RewriteReport process(FileRewriter rewriter, List<InputFile> inputs) throws IOException {
        RewriteReport all = new RewriteReport();
        for (InputFile input : inputs) {
            all.addAll(rewriter.check(input.path()));
        }
        return all;
    }

    /** The counts below it are what rewrite would change, which is not what check itself did. */
    @Override
    String summary(int changes, int warnings, int files) {
        return plural(files, "file") + " checked, " + plural(warnings, "warning") + "; pgrelocate:rewrite would make "
                + plural(changes, "change");
    }

    @Override
    void conclude(RewriteReport result, RewriteOptions options) throws MojoFailureException {
        List<Change> findings = result.findings();
        if (findings.isEmpty()) {
            getLog().info("pgrelocate:check: no statement would fail on the target platform (extensions in schema \""
                    + options.targetSchema() + "\")");
            return;
        }
        throw new MojoFailureException(findingsMessage(findings));
    }

    /** One line per finding, all of them: fixing one at a time and re-running would be slow. */
    static String findingsMessage(List<Change> findings) {
        StringBuilder sb = new StringBuilder();
        sb.append(plural(findings.size(), "statement")).append(" would fail on the target platform:");
        for (Change f : findings) {
            sb.append(System.lineSeparator()).append(f.location()).append(": ").append(f.statement()).append(": ")
                    .append(f.failure());
        }
        sb.append(System.lineSeparator()).append("hint: run pgrelocate:rewrite to fix them (mvn pgrelocate:rewrite"
                + " -Dpgrelocate.inPlace=true rewrites the files in place and keeps a backup)");
        return sb.toString();
    }
}
