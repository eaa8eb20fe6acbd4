package dev.pgrelocate.cli;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.db.ConnectionUrl;
import dev.pgrelocate.db.LiveCatalog;
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

    @Option(names = "--catalog-url", paramLabel = "URL",
            description = "Read extension members from this database too (jdbc:postgresql://... or postgres://user:pass@host/db),"
                    + " for extensions the built-in catalog does not know.")
    String catalogUrl;

    @Option(names = "--ensure-extensions",
            description = "Create an extension the dump uses but never creates (pg_dump -n, Rails with schema_search_path)"
                    + " in the target schema, right before its first use.")
    boolean ensureExtensions;

    @Option(names = "--no-owner", description = "Drop ALTER ... OWNER TO, SET SESSION AUTHORIZATION and CREATE SCHEMA's"
            + " AUTHORIZATION, like pg_restore --no-owner: the restoring role owns everything.")
    boolean noOwner;

    @Option(names = "--no-acl", description = "Drop GRANT, REVOKE and ALTER DEFAULT PRIVILEGES, like pg_restore --no-acl.")
    boolean noAcl;

    @Option(names = "--map-role", paramLabel = "OLD=NEW",
            description = "Rename a role wherever the dump names it (owners, grants, policies, AUTHORIZATION); repeatable.")
    List<String> mapRoles = new ArrayList<>();

    @Option(names = "--no-event-triggers",
            description = "Drop CREATE EVENT TRIGGER (superuser only on managed platforms) and its comment and owner.")
    boolean noEventTriggers;

    @Option(names = "--drop-extension-comments", negatable = true,
            description = "Drop COMMENT ON EXTENSION for extensions the restoring role will not own (excluded ones,"
                    + " and those the dump does not create, such as plpgsql). Default: on for heroku, off otherwise.")
    Boolean dropExtensionComments;

    RewriteOptions toRewriteOptions() {
        RewriteOptions.Builder builder = RewriteOptions.builder();
        mapRoles.forEach(builder::mapRole);
        return builder
                .catalog(catalogUrl == null ? null : LiveCatalog.read(ConnectionUrl.parse(catalogUrl)))
                .ensureExtensions(ensureExtensions)
                .noOwner(noOwner)
                .noAcl(noAcl)
                .noEventTriggers(noEventTriggers)
                .dropExtensionComments(dropExtensionComments)
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
