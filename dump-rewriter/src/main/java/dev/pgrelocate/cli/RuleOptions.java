package dev.pgrelocate.cli;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The RULES options every verb shares; one mapping to {@link RewriteOptions}. */
public final class RuleOptions {

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "heroku",
            description = "heroku (* -> heroku_ext), heroku-exit (heroku_ext -> public) or supabase (* -> extensions). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--source-schema", paramLabel = "S",
            description = "Schema whose extensions move (repeatable); * means every schema but the target. Default: the preset's.")
    List<String> sourceSchemas = new ArrayList<>();

    @Option(names = "--target-schema", paramLabel = "T", description = "Schema the extensions move to. Default: the preset's.")
    String targetSchema;

    @Option(names = "--exclude", paramLabel = "EXT",
            description = "Extension to leave where it is (repeatable), added to plpgsql, postgis_topology, postgis_tiger_geocoder.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--no-default-excludes",
            description = "Do not exclude plpgsql, postgis_topology and postgis_tiger_geocoder by default.")
    boolean noDefaultExcludes;

    @Option(names = "--platform-owns-target", negatable = true, paramLabel = "BOOL",
            description = "The platform owns the target schema, so ALTER/COMMENT/GRANT/REVOKE on it are removed."
                    + " Default: on for heroku and supabase, off for heroku-exit.")
    Boolean platformOwnsTarget;

    @Option(names = "--strip-restrict",
            description = "Remove pg_dump's \\restrict / \\unrestrict lines, for consumers that are not psql (JDBC, Flyway, older psql).")
    boolean stripRestrict;

    RewriteOptions toRewriteOptions() {
        return RewriteOptions.builder()
                .preset(Preset.fromName(preset))
                .sourceSchemas(sourceSchemas)
                .targetSchema(targetSchema)
                .exclude(excludes)
                .defaultExcludes(!noDefaultExcludes)
                .targetOwnedByPlatform(platformOwnsTarget)
                .stripRestrict(stripRestrict)
                .build();
    }
}
