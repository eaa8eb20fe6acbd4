package dev.pgrelocate.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The process's standard streams, passed in so tests can run the CLI in-process. */
record Streams(InputStream in, PrintStream out, PrintStream err) {
}
