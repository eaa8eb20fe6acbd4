package dev.pgrelocate.cli;

import dev.pgrelocate.db.ConnectionUrl;
import dev.pgrelocate.owner.OwnershipPlan;
import dev.pgrelocate.owner.ReassignOptions;
import dev.pgrelocate.owner.ReassignOwner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "reassign-owner", mixinStandardHelpOptions = true,
        description = {"Gives every user object of a live database (schemas, tables, sequences, views, materialized views,"
                + " foreign tables, types, domains, functions, procedures, aggregates, operators, text search objects, ...)"
                + " to one role, as after a restore by a superuser with --no-owner. Extension members and system"
                + " objects never change.",
                "Prints the plan as SQL; a dry run unless --apply, which runs it in one transaction (all or nothing)."},
        footer = {"", "Exit: 0 ok; 2 usage error or a role that does not exist; 4 database error (nothing was changed)."})
final class ReassignOwnerCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The database: jdbc:postgresql://host:5432/db?user=u or postgres://user:password@host:5432/db"
                    + " (a DATABASE_URL). Connect as a superuser or a member of every role involved. The password is never printed.")
    String url;

    @Option(names = "--to", required = true, paramLabel = "ROLE", description = "The role that receives every user object.")
    String newOwner;

    @Option(names = "--grant-read", paramLabel = "ROLE",
            description = "Also let ROLE read everything: USAGE on the user schemas, SELECT on their tables, views and sequences,"
                    + " and the same by default for what the new owner creates there later.")
    String readRole;

    @Option(names = "--exclude-schema", paramLabel = "SCHEMA",
            description = "Leave SCHEMA and everything in it alone (a platform's own schemas); repeatable.")
    List<String> excludedSchemas = new ArrayList<>();

    @Option(names = "--apply", description = "Run the plan, in one transaction. Default: print it only (a dry run).")
    boolean apply;

    private final Streams streams;

    ReassignOwnerCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        ConnectionUrl database = ConnectionUrl.parse(url);
        ReassignOptions options = new ReassignOptions(newOwner, readRole, excludedSchemas);
        OwnershipPlan plan = apply ? ReassignOwner.apply(database, options) : ReassignOwner.plan(database, options);
        PrintStream out = streams.out();
        out.println(apply
                ? (plan.isEmpty() ? "-- pgrelocate reassign-owner: applied: nothing to change"
                        : "-- pgrelocate reassign-owner: applied in one transaction (committed)")
                : "-- pgrelocate reassign-owner: dry run, nothing was changed; --apply runs this in one transaction");
        out.println(comment("-- database " + plan.database() + " at " + database + "; new owner " + newOwner
                + (readRole == null ? "" : "; read access for " + readRole)));
        out.println("-- " + plan.summary());
        out.print(plan.toSql());
        out.flush();
        return 0;
    }

    private static String comment(String text) {
        return text.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ");
    }
}
