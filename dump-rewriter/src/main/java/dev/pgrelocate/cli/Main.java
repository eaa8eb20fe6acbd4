package dev.pgrelocate.cli;

import dev.pgrelocate.PgRelocateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The {@code pgrelocate} command line. Only {@link #main} touches {@link System}. */
@Command(name = "pgrelocate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Moves PostgreSQL extensions between schemas in dumps, so they restore on Heroku, Supabase and back.",
        footer = {"", "Exit: 0 ok; 1 findings; 2 usage or configuration error; 3 unreadable or malformed input; 4 database error."})
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command line and returns its exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Streams streams = new Streams(in, out, err);
        CommandLine cli = new CommandLine(new Main())
                .addSubcommand(new RewriteCommand(streams))
                .addSubcommand(new CheckCommand(streams))
                .addSubcommand(new ReassignOwnerCommand(streams))
                .addSubcommand(new RestoreCommand(streams))
                .addSubcommand(new VerifyRestoreCommand(streams));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, err));
        cli.setParameterExceptionHandler((e, args1) -> {
            err.println("pgrelocate: " + e.getMessage());
            e.getCommandLine().usage(err);
            return PgRelocateException.EXIT_USAGE;
        });
        if (args.length == 0) {
            cli.usage(err);
            return PgRelocateException.EXIT_USAGE;
        }
        return cli.execute(args);
    }

    /** Known failures print their message alone; anything else is a bug and keeps its stack trace. */
    private static int report(Exception e, PrintStream err) {
        if (e instanceof PgRelocateException p) {
            err.println(p.getMessage());
            return p.exitCode();
        }
        if (e instanceof java.io.IOException || e instanceof UncheckedIOException) {
            err.println("pgrelocate: I/O error: " + e.getMessage());
            return PgRelocateException.EXIT_BAD_INPUT;
        }
        err.println("pgrelocate: internal error (please report it):");
        e.printStackTrace(err);
        return 70;
    }

    /** Version from the jar manifest, when run from the built jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pgrelocate " + (v == null ? "(development build)" : v)};
        }
    }
}
