package dev.pgrelocate.maven;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.db.ConnectionUrl;
import dev.pgrelocate.owner.OwnershipPlan;
import dev.pgrelocate.owner.ReassignOptions;
import dev.pgrelocate.owner.ReassignOwner;
import dev.pgrelocate.owner.RoleNotFoundException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Gives every user object of a live database to one role, as needed after a superuser restored a
 * dump with {@code --no-owner} (moving from Heroku to Crunchy Bridge, RDS or a server of your own):
 * schemas, tables, partitioned tables, sequences, views, materialized views, foreign tables, types,
 * domains, functions, procedures, aggregates, operators, operator classes and families, collations,
 * conversions, text search dictionaries and configurations, extended statistics and large objects.
 * Extension members and system objects never change; nor do the platform schemas {@code heroku_ext}
 * and {@code extensions}, on which the new owner gets {@code USAGE} if it lacks it.
 *
 * <p>The plan is logged as SQL. Nothing changes unless {@code <apply>} is {@code true}; then the plan
 * runs in one transaction, and any failure undoes all of it. Not bound to a phase: run it from the
 * command line, connected as a superuser (or a member of every role involved):
 * <pre>
 * mvn pgrelocate:reassign-owner -Dpgrelocate.url=postgres://postgres:secret@db.example.com:5432/app \
 *     -Dpgrelocate.to=application -Dpgrelocate.grantRead=reporting -Dpgrelocate.apply=true</pre>
 * A role that does not exist or a malformed URL fails the build ({@code MojoFailureException}) before
 * anything changes; a database error is an execution failure ({@code MojoExecutionException}).
 *
 * @since 0.1.0
 */
@Mojo(name = ReassignOwnerMojo.GOAL, requiresProject = false, threadSafe = true)
public final class ReassignOwnerMojo extends AbstractMojo {

    static final String GOAL = "reassign-owner";
    static final String SKIP_PROPERTY = AbstractPgRelocateMojo.PREFIX + GOAL + ".skip";

    /**
     * The database: {@code jdbc:postgresql://host:5432/db?user=postgres} or a libpq-style URL such as
     * Heroku's {@code DATABASE_URL}, {@code postgres://user:password@host:5432/db}. The password is never
     * logged.
     *
     * <p>Default: none (required). Command line: {@code -Dpgrelocate.url=postgres://postgres@localhost/app}.
     * <pre>&lt;url&gt;jdbc:postgresql://localhost:5432/app?user=postgres&lt;/url&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = AbstractPgRelocateMojo.PREFIX + "url")
    String url;

    /**
     * The role that receives every user object; it must exist.
     *
     * <p>Default: none (required). Command line: {@code -Dpgrelocate.to=application}.
     * <pre>&lt;to&gt;application&lt;/to&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = AbstractPgRelocateMojo.PREFIX + "to")
    String to;

    /**
     * A role that should be able to read everything: it gets {@code USAGE} on the user schemas,
     * {@code SELECT} on their tables, views, materialized views and sequences, and default privileges so
     * that it can read what the new owner creates there later. It must exist.
     *
     * <p>Default: none. Command line: {@code -Dpgrelocate.grantRead=reporting}.
     * <pre>&lt;grantRead&gt;reporting&lt;/grantRead&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = AbstractPgRelocateMojo.PREFIX + "grantRead")
    String grantRead;

    /**
     * Schemas to leave entirely alone, with everything in them (a platform's own schemas, say).
     *
     * <p>Default: none. Command line, comma-separated: {@code -Dpgrelocate.excludeSchemas=auth,storage}.
     * <pre>
     * &lt;excludeSchemas&gt;
     *   &lt;excludeSchema&gt;auth&lt;/excludeSchema&gt;
     * &lt;/excludeSchemas&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = AbstractPgRelocateMojo.PREFIX + "excludeSchemas")
    List<String> excludeSchemas;

    /**
     * Run the plan, in one transaction. Without it the goal only logs the plan (a dry run).
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.apply=true}.
     * <pre>&lt;apply&gt;true&lt;/apply&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = AbstractPgRelocateMojo.PREFIX + "apply", defaultValue = "false")
    boolean apply;

    /**
     * Skip every pgrelocate goal.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.skip=true}.
     * <pre>&lt;skip&gt;true&lt;/skip&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = AbstractPgRelocateMojo.PREFIX + "skip", defaultValue = "false")
    boolean skip;

    /**
     * Skip this goal only; {@code <skip>} ({@code pgrelocate.skip}) skips every pgrelocate goal.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.reassign-owner.skip=true}.
     * <pre>&lt;skipReassignOwner&gt;true&lt;/skipReassignOwner&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = SKIP_PROPERTY, defaultValue = "false")
    boolean skipReassignOwner;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pgrelocate:" + GOAL + " (" + AbstractPgRelocateMojo.PREFIX + "skip=true)");
            return;
        }
        if (skipReassignOwner) {
            getLog().info("Skipping pgrelocate:" + GOAL + " (" + SKIP_PROPERTY + "=true)");
            return;
        }
        ConnectionUrl database = database();
        ReassignOptions options = new ReassignOptions(required(to, "to", "application"), blankToNull(grantRead),
                excludeSchemas == null ? List.of()
                        : excludeSchemas.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).toList());
        OwnershipPlan plan;
        try {
            plan = apply ? ReassignOwner.apply(database, options) : ReassignOwner.plan(database, options);
        } catch (PgRelocateException e) {
            throw rethrow(e);
        }
        getLog().info("pgrelocate:" + GOAL + ": " + (apply ? "applied in one transaction" : "dry run, nothing was changed")
                + " (database " + plan.database() + " at " + database + ", new owner " + options.newOwner()
                + (options.readRole() == null ? "" : ", read access for " + options.readRole()) + "): " + plan.summary());
        for (String line : plan.toSql().split("\\R")) {
            getLog().info(line);
        }
        if (!apply && !plan.isEmpty()) {
            getLog().info("pgrelocate:" + GOAL + ": set <apply>true</apply> or -D" + AbstractPgRelocateMojo.PREFIX
                    + "apply=true to run it");
        }
    }

    private ConnectionUrl database() throws MojoFailureException {
        String value = required(url, "url", "postgres://user:password@host:5432/db");
        try {
            return ConnectionUrl.parse(value);
        } catch (PgRelocateException e) {
            throw new MojoFailureException(e.getMessage() + "; fix <url> or -D" + AbstractPgRelocateMojo.PREFIX + "url", e);
        }
    }

    private static String required(String value, String name, String example) throws MojoFailureException {
        if (value == null || value.isBlank()) {
            throw new MojoFailureException("pgrelocate:" + GOAL + " needs <" + name + ">: set it in the POM or -D"
                    + AbstractPgRelocateMojo.PREFIX + name + "=" + example);
        }
        return value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * A missing role or a bad URL is the user's to fix ({@link MojoFailureException}); anything from the
     * database is an execution failure. Always throws; returns only so that callers can write {@code throw}.
     */
    static MojoExecutionException rethrow(PgRelocateException e) throws MojoExecutionException, MojoFailureException {
        if (e instanceof RoleNotFoundException missing) {
            throw new MojoFailureException(e.getMessage() + "; check <to> (-D" + AbstractPgRelocateMojo.PREFIX
                    + "to) and <grantRead> (-D" + AbstractPgRelocateMojo.PREFIX + "grantRead): role " + missing.role(), e);
        }
        if (AbstractPgRelocateMojo.isUsersToFix(e)) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        throw new MojoExecutionException(e.getMessage(), e);
    }
}
