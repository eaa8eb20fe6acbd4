package dev.pgrelocate.cli;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.files.InputFormat;
import dev.pgrelocate.report.Change;
import dev.pgrelocate.report.RewriteReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Lists every statement that would fail on the target platform, as file:line:column: statement: why.",
                "Reads plain scripts and pg_dump archives (custom, directory, tar). Writes nothing. Use - for a script on stdin."},
        footer = {"", "Exit: 0 clean; 1 findings; 2 usage; 3 unreadable or malformed input."})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    RuleOptions rules;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Plain SQL scripts (also gzip-compressed); - for stdin.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one finding a line) or json (the full report). Default: ${DEFAULT-VALUE}.")
    ReportFormat reportFormat;

    private final Streams streams;

    CheckCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws IOException {
        Rewriter rewriter = new Rewriter(rules.toRewriteOptions());
        FileRewriter fileRewriter = new FileRewriter(rewriter);
        RewriteReport report = new RewriteReport();
        for (Path file : files) {
            if (file.toString().equals("-")) {
                report.addAll(rewriter.check(InputFormat.openScript(streams.in(), "<stdin>"), "<stdin>"));
            } else {
                report.addAll(fileRewriter.check(file));
            }
        }
        PrintStream out = streams.out();
        List<Change> findings = report.findings();
        if (reportFormat == ReportFormat.json) {
            out.print(report.toJson());
        } else {
            for (Change f : findings) {
                out.println(f.location() + ": " + f.statement() + ": " + f.failure());
            }
            report.warnings().forEach(w -> out.println(w.render()));
            out.println(findings.isEmpty()
                    ? "pgrelocate: no statement would fail on the target platform"
                    : "pgrelocate: " + findings.size() + (findings.size() == 1 ? " statement" : " statements")
                            + " would fail on the target platform; run pgrelocate rewrite to fix them");
        }
        out.flush();
        return findings.isEmpty() ? 0 : PgRelocateException.EXIT_FINDINGS;
    }
}
