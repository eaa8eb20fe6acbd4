package dev.pgrelocate.maven;

import java.io.File;
import java.nio.file.Path;

/**
 * Goals configured the way Maven injects them when the POM sets nothing: the defaults of the
 * {@code @Parameter} annotations ({@link PluginDescriptorTest} checks that they agree).
 */
final class Mojos {
    private Mojos() {
    }

    static RewriteMojo rewrite(Path project, RecordingLog log) {
        RewriteMojo mojo = new RewriteMojo();
        defaults(mojo, project, log);
        mojo.outputDirectory = project.resolve("target/pgrelocate").toFile();
        mojo.backupSuffix = ".orig";
        return mojo;
    }

    static CheckMojo check(Path project, RecordingLog log) {
        CheckMojo mojo = new CheckMojo();
        defaults(mojo, project, log);
        return mojo;
    }

    private static void defaults(AbstractPgRelocateMojo mojo, Path project, RecordingLog log) {
        File basedir = project.toFile();
        mojo.setLog(log);
        mojo.basedir = basedir;
        mojo.buildDirectory = new File(basedir, "target");
        mojo.directory = basedir;
        mojo.preset = "heroku";
        mojo.excludeDefaultExtensions = true;
        mojo.report = "text";
    }
}
