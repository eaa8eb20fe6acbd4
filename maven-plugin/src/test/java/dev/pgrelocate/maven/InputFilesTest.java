package dev.pgrelocate.maven;

import dev.pgrelocate.maven.InputFiles.InputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputFilesTest {
    @TempDir
    Path project;

    @BeforeEach
    void layout() throws IOException {
        for (String file : List.of("db/structure.sql", "db/seeds.rb", "db/structure.sql.orig",
                "src/main/resources/db/migration/V1__init.sql", "src/main/resources/db/migration/v2/V2__more.sql",
                "target/pgrelocate/db/structure.sql", "target/classes/db/migration/V1__init.sql",
                "node_modules/pkg/schema.sql")) {
            Path p = project.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "SELECT 1;\n");
        }
    }

    private List<String> scan(Path root, List<String> includes, List<String> excludes, List<Path> ignored)
            throws IOException {
        return InputFiles.scan(root, includes, excludes, ignored).stream().map(InputFile::relativePath).toList();
    }

    @Test
    void defaultIncludesFindStructureSqlAndFlywayMigrationsInOrder() throws IOException {
        assertEquals(List.of("db/structure.sql", "src/main/resources/db/migration/V1__init.sql",
                        "src/main/resources/db/migration/v2/V2__more.sql"),
                scan(project, AbstractPgRelocateMojo.DEFAULT_INCLUDES, List.of(), List.of(project.resolve("target"))));
    }

    @Test
    void excludesWinOverIncludes() throws IOException {
        assertEquals(List.of("src/main/resources/db/migration/V1__init.sql"),
                scan(project, List.of("src/**/*.sql"), List.of("**/v2/**"), List.of()));
    }

    @Test
    void buildDirectoryIsNotEnteredFromOutside() throws IOException {
        assertEquals(List.of("db/structure.sql", "node_modules/pkg/schema.sql",
                        "src/main/resources/db/migration/V1__init.sql", "src/main/resources/db/migration/v2/V2__more.sql"),
                scan(project, List.of("**/*.sql"), List.of(), List.of(project.resolve("target"))));
    }

    @Test
    void buildDirectoryIsScannedWhenTheRootIsInsideIt() throws IOException {
        Path output = project.resolve("target/pgrelocate");
        List<InputFile> files = InputFiles.scan(output, List.of("db/structure.sql"), List.of(), List.of(project.resolve("target")));
        assertEquals(1, files.size());
        assertEquals(output.resolve("db/structure.sql").toAbsolutePath(), files.get(0).path());
    }

    @Test
    void patternsMatchingTheSameFileListItOnce() throws IOException {
        assertEquals(List.of("db/structure.sql"), scan(project, List.of("db/structure.sql", "db/*.sql", "**/structure.sql"),
                List.of(), List.of(project.resolve("target"), project.resolve("node_modules"))));
    }

    @Test
    void missingDirectoryMatchesNothing() throws IOException {
        assertEquals(List.of(), scan(project.resolve("no-such-dir"), List.of("**/*.sql"), List.of(), List.of()));
    }

    @Test
    void blankPatternsAreIgnored() throws IOException {
        assertEquals(List.of("db/structure.sql"), scan(project, List.of(" ", "db/structure.sql"), List.of(""), List.of()));
    }
}
