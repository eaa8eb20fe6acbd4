package dev.pgrelocate.cli;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.restore.RestoreException;
import dev.pgrelocate.restore.RestoreOptions;
import dev.pgrelocate.restore.RestoreSummary;
import dev.pgrelocate.verify.DumpHeader;
import dev.pgrelocate.verify.Platform;
import dev.pgrelocate.verify.VerifyRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "verify-restore", mixinStandardHelpOptions = true,
        description = {"Rewrites a pg_dump (plain, or a custom, directory or tar archive) or structure.sql and restores it into a throwaway embedded PostgreSQL"
                + " set up like the preset's platform (heroku: heroku_ext owned by another role and the extension"
                + " guard; supabase: an extensions schema owned by another role), as a non-superuser that owns the"
                + " database. The server is deleted afterwards.",
                "pgrelocate verify-restore db/structure.sql", "pgrelocate verify-restore --jobs 2 latest.dump"},
        footer = {"", "The PostgreSQL major is --pg-version, else the dump's (its -- Dumped from database version header),"
                + " else 16. Majors other than the build's own (15) are read from the local Maven repository (~/.m2, or -D"
                + dev.pgrelocate.verify.PgBinaries.REPOSITORY_PROPERTY + "). PostGIS is not available.",
                "Exit: 0 the restore succeeded; 1 it failed; 2 usage or configuration error; 3 unreadable or malformed input."})
final class VerifyRestoreCommand implements Callable<Integer> {

    @Mixin
    RuleOptions rules;

    @Mixin
    RestoreFlags flags;

    @Option(names = "--pg-version", paramLabel = "N", description = "PostgreSQL major to run (13-17) instead of the dump's.")
    Integer pgVersion;

    @Option(names = "--report", paramLabel = "FORMAT", defaultValue = "text", description = "Rewrite report: text or json. Default: ${DEFAULT-VALUE}.")
    ReportFormat reportFormat;

    @Parameters(paramLabel = "FILE", arity = "1", description = "Plain SQL script (also gzip- or zstd-compressed), a pg_dump"
            + " archive (custom file, directory, tar); - for stdin (a script or a custom/tar archive).")
    String file;

    private final Streams streams;

    VerifyRestoreCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws IOException {
        boolean stdin = file.equals("-");
        Path path = stdin ? null : Path.of(file);
        if (!stdin && !Files.isDirectory(path) && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
            throw new PgRelocateException("cannot read " + file + ": "
                    + (Files.exists(path) ? "not a readable file" : "no such file"), PgRelocateException.EXIT_BAD_INPUT);
        }
        RestoreOptions.Builder restore = flags.toOptions();
        RewriteOptions options = rules.toRewriteOptions();
        Platform platform = Platform.of(Preset.fromName(rules.preset));
        VerifyRestore verify = new VerifyRestore(options, platform).pgMajor(pgVersion).jobs(flags.jobs)
                .restoreOptions(restore.build())
                .progress(TerminalProgress.of(streams, flags.noProgress), TerminalProgress.INTERVAL);
        PrintStream out = streams.out();
        if (!stdin) {
            out.println(headline(verify, DumpHeader.read(path), platform));
            out.flush();
        }
        VerifyRestore.Result result;
        try {
            result = stdin ? verify.run(streams.in(), "<stdin>") : verify.run(path);
        } catch (RestoreException e) {
            if (e.exitCode() == PgRelocateException.EXIT_BAD_INPUT) {
                throw e; // a script the engine does not run, not a failed restore
            }
            if (e.summary() != null) {
                out.print(e.summary().toText());
                out.flush();
            }
            streams.err().println(e.getMessage());
            streams.err().println("pgrelocate: the dump does not restore on " + platform + " (the embedded server is deleted)");
            return PgRelocateException.EXIT_FINDINGS;
        }
        if (stdin) {
            out.println("verify-restore: embedded PostgreSQL " + result.pgMajor() + ", " + platform
                    + " platform, restored as non-superuser " + VerifyRestore.RESTORER);
        }
        if (result.report() != null) {
            out.print(reportFormat.render(result.report()));
        }
        RestoreSummary summary = result.summary();
        out.print(summary.toText());
        if (summary.failures() > 0) {
            out.flush();
            streams.err().println("pgrelocate: " + summary.failures() + (summary.failures() == 1 ? " statement" : " statements")
                    + " failed: the dump does not restore on " + platform + " (the embedded server is deleted)");
            return PgRelocateException.EXIT_FINDINGS;
        }
        out.println("verify-restore: the rewritten dump restores on " + platform + " (PostgreSQL " + result.pgMajor() + ")");
        out.flush();
        return 0;
    }

    private static String headline(VerifyRestore verify, DumpHeader header, Platform platform) {
        return "verify-restore: embedded PostgreSQL " + verify.majorFor(header) + ", " + platform
                + " platform, restoring as non-superuser " + VerifyRestore.RESTORER;
    }
}
