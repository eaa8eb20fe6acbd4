package dev.pgrelocate.cli;

import dev.pgrelocate.report.RewriteReport;

/** How a report is printed: {@code --report text|json}. */
public enum ReportFormat {
    text, json;

    String render(RewriteReport report) {
        return this == json ? report.toJson() : report.toText();
    }
}
