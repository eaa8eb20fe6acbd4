package dev.pgrelocate.maven;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The files a goal works on: regular files under one directory whose relative path matches an
 * include and no exclude, in a stable (sorted) order. Directories listed as ignored are never
 * entered, which is how a scan of the project keeps out of {@code target/}.
 */
final class InputFiles {

    /** One matched file: its absolute path and its path relative to the scanned directory, with {@code /}. */
    record InputFile(Path path, String relativePath) {
    }

    private InputFiles() {
    }

    /**
     * Scans {@code root}. Each include is walked from its literal base directory only, so a
     * pattern like {@code db/structure.sql} never lists the rest of the project.
     *
     * @param ignoredDirectories absolute directories to leave out, unless {@code root} is inside one
     */
    static List<InputFile> scan(Path root, List<String> includes, List<String> excludes, List<Path> ignoredDirectories)
            throws IOException {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        List<PathPattern> includePatterns = patterns(includes);
        List<PathPattern> excludePatterns = patterns(excludes);
        List<Path> ignored = new ArrayList<>();
        for (Path dir : ignoredDirectories) {
            Path abs = dir.toAbsolutePath().normalize();
            if (!absoluteRoot.startsWith(abs)) {
                ignored.add(abs);
            }
        }
        TreeMap<String, InputFile> found = new TreeMap<>();
        if (!Files.isDirectory(absoluteRoot)) {
            return List.of();
        }
        for (PathPattern include : includePatterns) {
            Path start = absoluteRoot.resolve(include.baseDirectory()).normalize();
            if (!start.startsWith(absoluteRoot) || !Files.isDirectory(start)) {
                continue;
            }
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return ignored.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        String relative = relativize(absoluteRoot, file);
                        if (include.matches(relative) && excludePatterns.stream().noneMatch(p -> p.matches(relative))) {
                            found.putIfAbsent(relative, new InputFile(file, relative));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return List.copyOf(found.values());
    }

    private static List<PathPattern> patterns(List<String> texts) {
        List<PathPattern> patterns = new ArrayList<>();
        if (texts != null) {
            for (String text : texts) {
                if (text != null && !text.isBlank()) {
                    patterns.add(PathPattern.of(text));
                }
            }
        }
        return patterns;
    }

    static String relativize(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
