package dev.pgrelocate.verify;

import dev.pgrelocate.files.InputFormat;

import java.io.BufferedReader;
import java.io.IOException;
import dev.pgrelocate.archive.Archive;
import dev.pgrelocate.archive.ArchiveReader;
import dev.pgrelocate.archive.DumpFormat;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What verify-restore needs to know before it starts a server: the PostgreSQL major the dump was made
 * from ({@code -- Dumped from database version 15.18}) and whether it creates PostGIS, which the
 * embedded binaries do not carry. Reads up to the first COPY data (pg_dump writes extensions before
 * any table), so a large dump costs only its schema part.
 */
public record DumpHeader(Optional<Integer> major, Optional<String> postgisExtension) {

    private static final Pattern DUMPED_FROM = Pattern.compile("^-- Dumped from database version (\\d+)(?:\\.\\d+)?");
    private static final Pattern CREATE_POSTGIS = Pattern.compile(
            "^CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?(postgis[a-z_]*|address_standardizer[a-z_]*)\"?",
            Pattern.CASE_INSENSITIVE);

    public static DumpHeader read(Path dump) throws IOException {
        if (Files.exists(dump) && DumpFormat.detect(dump).isArchive()) {
            return readArchive(dump);
        }
        Integer major = null;
        String postgis = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                InputFormat.openScript(Files.newInputStream(dump), dump.toString()), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("COPY ")) {
                    break;
                }
                Matcher from;
                if (major == null && line.startsWith("-- Dumped from") && (from = DUMPED_FROM.matcher(line)).find()) {
                    major = Integer.parseInt(from.group(1));
                }
                Matcher create;
                if (postgis == null && (create = CREATE_POSTGIS.matcher(line)).find()) {
                    postgis = create.group(1);
                }
            }
        }
        return new DumpHeader(Optional.ofNullable(major), Optional.ofNullable(postgis));
    }

    /** An archive's header names its server; its EXTENSION entries say whether PostGIS is needed. */
    private static DumpHeader readArchive(Path dump) throws IOException {
        try (Archive archive = ArchiveReader.open(dump)) {
            Optional<String> postgis = archive.entries().stream()
                    .filter(e -> "EXTENSION".equals(e.defn() == null ? null : e.desc()))
                    .map(e -> CREATE_POSTGIS.matcher(e.defn()))
                    .filter(Matcher::find)
                    .map(m -> m.group(1))
                    .findFirst();
            return new DumpHeader(archive.header().serverMajor(), postgis);
        }
    }
}
