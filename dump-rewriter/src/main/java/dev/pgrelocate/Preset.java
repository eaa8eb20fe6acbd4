package dev.pgrelocate;

import java.util.List;
import java.util.Locale;

/**
 * The common trips, each a direction: which schemas' extensions move, where to, and whether the
 * target schema belongs to the platform (so a restore must not drop, re-own, comment or grant on it).
 */
public enum Preset {
    /** Heroku 2022-2023: every extension, wherever it lives, into the platform's heroku_ext. */
    HEROKU("heroku", List.of("*"), "heroku_ext", true),
    /** Leaving heroku_ext again (Heroku lifted the rule in 2023): back to public. */
    HEROKU_EXIT("heroku-exit", List.of("heroku_ext"), "public", false),
    /** Supabase keeps extensions in its own pre-created schema "extensions". */
    SUPABASE("supabase", List.of("*"), "extensions", true);

    /** Extensions every preset leaves where they are (what Heroku exempted). */
    public static final List<String> DEFAULT_EXCLUDED = List.of("plpgsql", "postgis_topology", "postgis_tiger_geocoder");

    private final String cliName;
    private final List<String> sourceSchemas;
    private final String targetSchema;
    private final boolean targetOwnedByPlatform;

    Preset(String cliName, List<String> sourceSchemas, String targetSchema, boolean targetOwnedByPlatform) {
        this.cliName = cliName;
        this.sourceSchemas = sourceSchemas;
        this.targetSchema = targetSchema;
        this.targetOwnedByPlatform = targetOwnedByPlatform;
    }

    public String cliName() {
        return cliName;
    }

    public List<String> sourceSchemas() {
        return sourceSchemas;
    }

    public String targetSchema() {
        return targetSchema;
    }

    public boolean targetOwnedByPlatform() {
        return targetOwnedByPlatform;
    }

    /** Parses a preset by its CLI name ({@code heroku}, {@code heroku-exit}, {@code supabase}). */
    public static Preset fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Preset p : values()) {
            if (p.cliName.equals(wanted)) {
                return p;
            }
        }
        throw new PgRelocateException("unknown preset '" + name + "': expected one of heroku, heroku-exit, supabase",
                PgRelocateException.EXIT_USAGE);
    }

    @Override
    public String toString() {
        return cliName;
    }
}
