package dev.pgrelocate.cli;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.files.InputFormat;
import dev.pgrelocate.report.RewriteReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rewrite", mixinStandardHelpOptions = true,
        description = {"Rewrites pg_dump output (plain SQL, or a custom, directory or tar archive into a new archive of the"
                + " same format) or a Rails structure.sql so it restores on the target platform.",
                "Without FILE it reads stdin and writes stdout: pg_dump mydb | pgrelocate rewrite | psql target"},
        footer = {"", "The report goes to stderr when the SQL goes to stdout, otherwise to stdout.",
                "Exit: 0 ok; 2 usage; 3 unreadable or malformed input (no output file is left behind)."})
final class RewriteCommand implements Callable<Integer> {

    @Mixin
    RuleOptions rules;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Plain SQL scripts (also gzip- or zstd-compressed) or pg_dump archives (custom file, directory, tar)."
            + " Default: stdin (scripts only).")
    List<Path> files = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Destination destination;

    static final class Destination {
        @Option(names = {"-o", "--output"}, paramLabel = "OUT",
                description = "Output file; with several FILEs, an output directory.")
        Path output;

        @Option(names = "--in-place", description = "Rewrite each FILE in place, keeping a backup.")
        boolean inPlace;
    }

    @Option(names = "--backup-suffix", paramLabel = "S", defaultValue = ".orig",
            description = "Suffix of the backup --in-place keeps; empty for none. Default: ${DEFAULT-VALUE}.")
    String backupSuffix;

    @Option(names = "--report", paramLabel = "FORMAT", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    ReportFormat reportFormat;

    @Option(names = {"-q", "--quiet"}, description = "Print no report.")
    boolean quiet;

    @Option(names = "--to-sql", description = "Write an archive input as the SQL script pg_restore -f - would write for"
            + " the rewritten archive (to stdout without -o), instead of as a new archive of the same format.")
    boolean toSql;

    @Option(names = "--no-sync", description = "Do not wait for output files to reach the disk (like pg_dump --no-sync):"
            + " faster, but after a crash an output may be incomplete. --in-place always waits.")
    boolean noSync;

    private final Streams streams;

    RewriteCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws IOException {
        if (destination != null && destination.inPlace && files.isEmpty()) {
            throw new PgRelocateException("--in-place needs at least one FILE", PgRelocateException.EXIT_USAGE);
        }
        Rewriter rewriter = new Rewriter(rules.toRewriteOptions());
        FileRewriter fileRewriter = toSql ? new FileRewriter(rewriter).archivesAsScripts() : new FileRewriter(rewriter);
        if (noSync) {
            fileRewriter = fileRewriter.withoutSync();
        }
        RewriteReport report = new RewriteReport();
        boolean sqlToStdout = destination == null;
        if (files.isEmpty()) {
            OutputStream out = new BufferedOutputStream(streams.out(), 256 * 1024);
            report.addAll(rewriter.rewrite(InputFormat.openScript(streams.in(), "<stdin>"), out, "<stdin>"));
            out.flush();
        } else if (sqlToStdout) {
            OutputStream out = new BufferedOutputStream(streams.out(), 256 * 1024);
            for (Path file : files) {
                report.addAll(fileRewriter.rewrite(file, out));
            }
            out.flush();
        } else if (destination.inPlace) {
            for (Path file : files) {
                report.addAll(fileRewriter.rewriteInPlace(file, backupSuffix));
            }
        } else if (files.size() == 1 && !Files.isDirectory(destination.output)) {
            report.addAll(fileRewriter.rewrite(files.get(0), destination.output));
        } else {
            for (Path file : files) {
                report.addAll(fileRewriter.rewrite(file, destination.output.resolve(file.getFileName())));
            }
        }
        if (!quiet) {
            PrintStream reportStream = sqlToStdout ? streams.err() : streams.out();
            reportStream.print(reportFormat.render(report));
            reportStream.flush();
        }
        return 0;
    }
}
