package dev.pgrelocate.cli;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.files.InputFormat;
import dev.pgrelocate.restore.RestoreEngine;
import dev.pgrelocate.restore.RestoreException;
import dev.pgrelocate.restore.RestoreOptions;
import dev.pgrelocate.restore.RestoreSummary;
import dev.pgrelocate.restore.RewriteAndRestore;
import dev.pgrelocate.restore.RewrittenArchiveRestore;
import dev.pgrelocate.archive.DumpFormat;
import dev.pgrelocate.rule.DumpDefinitions;
import dev.pgrelocate.write.LineMap;
import dev.pgrelocate.restore.TargetDatabase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Rewrites a plain pg_dump or structure.sql and restores it over JDBC in one pass (no psql, no"
                + " temporary file); an archive (custom, directory, tar) has its TOC rewritten in memory and is restored"
                + " with its data, on --jobs connections, without pg_restore.",
                "pgrelocate restore --url \"$DATABASE_URL\" dump.sql", "pgrelocate restore --url \"$DATABASE_URL\" --jobs 4 latest.dump"},
        footer = {"", "The rewrite report and the restore summary go to stdout, errors to stderr. Passwords are never printed.",
                "Exit: 0 ok; 1 a statement failed (or, with --continue-on-error, any did); 2 usage;"
                        + " 3 unreadable or malformed input; 4 database error (unreachable or non-empty target)."})
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    RuleOptions rules;

    @Mixin
    RestoreFlags flags;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "Target database: jdbc:postgresql://host:port/db or postgres://user:password@host:port/db?sslmode=require.")
    String url;

    @ArgGroup(exclusive = true)
    NonEmptyTarget nonEmpty;

    static final class NonEmptyTarget {
        @Option(names = "--clean", description = "Accept a non-empty target for a pg_dump --clean dump (its DROPs must come first).")
        boolean clean;

        @Option(names = "--force", description = "Accept a target that already holds tables.")
        boolean force;
    }

    @Option(names = "--allow-connect", description = "Follow \\connect to another database of the same server (same credentials).")
    boolean allowConnect;

    @Option(names = "--report", paramLabel = "FORMAT", defaultValue = "text", description = "Rewrite report: text or json. Default: ${DEFAULT-VALUE}.")
    ReportFormat reportFormat;

    @Option(names = {"-q", "--quiet"}, description = "Print no rewrite report (the restore summary still prints).")
    boolean quiet;

    @Parameters(paramLabel = "FILE", arity = "1", description = "Plain SQL script (also gzip- or zstd-compressed), a pg_dump"
            + " archive (custom file, directory, tar); - for a script on stdin.")
    String file;

    private final Streams streams;

    RestoreCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws IOException {
        RestoreOptions.Builder options = flags.toOptions()
                .clean(nonEmpty != null && nonEmpty.clean)
                .force(nonEmpty != null && nonEmpty.force)
                .allowConnect(allowConnect);
        int jobs = flags.jobs;
        Rewriter rewriter = new Rewriter(rules.toRewriteOptions());
        LineMap inputLines = new LineMap();
        boolean archive = false;
        String source;
        RewriteAndRestore.RewriteStep step;
        long size = -1;
        if (file.equals("-")) {
            source = "<stdin>";
            step = out -> rewriter.rewrite(InputFormat.openScript(streams.in(), source), out, source,
                    new DumpDefinitions(), inputLines);
        } else {
            Path path = Path.of(file);
            archive = Files.exists(path) && DumpFormat.detect(path).isArchive();
            if (!archive && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
                throw new PgRelocateException("cannot read " + file + ": "
                        + (Files.exists(path) ? "not a readable file" : "no such file"), PgRelocateException.EXIT_BAD_INPUT);
            }
            source = file;
            size = archive ? -1 : InputFormat.scriptSize(path); // an archive's script is larger than its file
            FileRewriter fileRewriter = new FileRewriter(rewriter);
            step = out -> fileRewriter.rewrite(path, out, inputLines);
        }

        if (jobs > 1 && !archive) {
            throw new PgRelocateException("--jobs needs a pg_dump archive (custom, directory or tar); a plain script is"
                    + " restored on one connection", PgRelocateException.EXIT_USAGE);
        }
        TargetDatabase target = TargetDatabase.of(url);
        PrintStream out = streams.out();
        RewriteAndRestore.Result result;
        try {
            RestoreEngine engine = new RestoreEngine(target, options.build())
                    .progress(TerminalProgress.of(streams, flags.noProgress), size, TerminalProgress.INTERVAL);
            result = archive
                    ? RewrittenArchiveRestore.run(Path.of(file), source, rules.toRewriteOptions(), engine, target,
                            options.build(), jobs)
                    : RewriteAndRestore.run(step, engine, source, inputLines);
        } catch (RestoreException e) {
            if (e.summary() != null && (e.summary().statements() > 0 || !e.summary().tables().isEmpty())) {
                out.print(e.summary().toText());
                out.flush();
            }
            throw e;
        }
        if (!quiet) {
            out.print(reportFormat.render(result.report()));
        }
        RestoreSummary summary = result.summary();
        out.print(summary.toText());
        out.flush();
        if (summary.failures() > 0) {
            streams.err().println("pgrelocate: " + summary.failures() + (summary.failures() == 1 ? " statement" : " statements")
                    + " failed; the restore into " + summary.target() + " is incomplete");
            return PgRelocateException.EXIT_FINDINGS;
        }
        return 0;
    }

}
