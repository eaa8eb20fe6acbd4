package dev.pgrelocate.cli;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.restore.RestoreException;
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
        description = {"Rewrites a plain pg_dump or structure.sql and restores it into a throwaway embedded PostgreSQL"
                + " set up like the preset's platform (heroku: heroku_ext owned by another role and the extension"
                + " guard; supabase: an extensions schema owned by another role), as a non-superuser that owns the"
                + " database. The server is deleted afterwards.",
                "pgrelocate verify-restore db/structure.sql"},
        footer = {"", "The PostgreSQL major is the dump's (its -- Dumped from database version header), else the build's default;"
                + " majors other than the default are read from the local Maven repository (~/.m2, or -D"
                + dev.pgrelocate.verify.PgBinaries.REPOSITORY_PROPERTY + "). PostGIS is not available.",
                "Exit: 0 the restore succeeded; 1 it failed; 2 usage or configuration error; 3 unreadable or malformed input."})
final class VerifyRestoreCommand implements Callable<Integer> {

    @Mixin
    RuleOptions rules;

    @Option(names = "--pg-version", paramLabel = "N", description = "PostgreSQL major to run (13-17) instead of the dump's.")
    Integer pgVersion;

    @Option(names = "--report", paramLabel = "FORMAT", defaultValue = "text", description = "Rewrite report: text or json. Default: ${DEFAULT-VALUE}.")
    ReportFormat reportFormat;

    @Parameters(paramLabel = "FILE", arity = "1", description = "Plain SQL script (also gzip-compressed).")
    Path file;

    private final Streams streams;

    VerifyRestoreCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new PgRelocateException("cannot read " + file + ": "
                    + (Files.exists(file) ? "not a readable file" : "no such file"), PgRelocateException.EXIT_BAD_INPUT);
        }
        RewriteOptions options = rules.toRewriteOptions();
        Platform platform = Platform.of(Preset.fromName(rules.preset));
        VerifyRestore verify = new VerifyRestore(options, platform).pgMajor(pgVersion);
        PrintStream out = streams.out();
        out.println("verify-restore: embedded PostgreSQL " + verify.majorFor(DumpHeader.read(file)) + ", " + platform
                + " platform, restoring as non-superuser " + VerifyRestore.RESTORER);
        out.flush();
        VerifyRestore.Result result;
        try {
            result = verify.run(file);
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
        if (result.report() != null) {
            out.print(reportFormat.render(result.report()));
        }
        RestoreSummary summary = result.summary();
        out.print(summary.toText());
        out.println("verify-restore: the rewritten dump restores on " + platform + " (PostgreSQL " + result.pgMajor() + ")");
        out.flush();
        return 0;
    }
}
