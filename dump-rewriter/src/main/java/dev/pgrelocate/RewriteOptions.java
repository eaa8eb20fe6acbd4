package dev.pgrelocate;

import dev.pgrelocate.catalog.ExtensionCatalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything that decides what a rewrite does; immutable. Start from a preset and override:
 * {@code RewriteOptions.builder().preset(Preset.SUPABASE).stripRestrict(true).build()}.
 */
public final class RewriteOptions {
    private final Preset preset;
    private final List<String> sourceSchemas;
    private final String targetSchema;
    private final Set<String> excludedExtensions;
    private final boolean targetOwnedByPlatform;
    private final boolean stripRestrict;
    private final ExtensionCatalog catalog;
    private final boolean ensureExtensions;
    private final boolean noOwner;
    private final boolean noAcl;
    private final Map<String, String> roleMap;
    private final boolean noEventTriggers;
    private final boolean dropExtensionComments;

    private RewriteOptions(Builder b) {
        this.preset = b.preset;
        this.sourceSchemas = List.copyOf(b.sourceSchemas != null ? b.sourceSchemas : b.preset.sourceSchemas());
        this.targetSchema = b.targetSchema != null ? b.targetSchema : b.preset.targetSchema();
        Set<String> excluded = new LinkedHashSet<>(b.defaultExcludes ? Preset.DEFAULT_EXCLUDED : List.of());
        excluded.addAll(b.extraExcludes);
        this.excludedExtensions = Collections.unmodifiableSet(excluded);
        this.targetOwnedByPlatform = b.targetOwnedByPlatform != null ? b.targetOwnedByPlatform : b.preset.targetOwnedByPlatform();
        this.stripRestrict = b.stripRestrict;
        this.catalog = b.catalog;
        this.ensureExtensions = b.ensureExtensions;
        this.noOwner = b.noOwner;
        this.noAcl = b.noAcl;
        this.roleMap = Collections.unmodifiableMap(new LinkedHashMap<>(b.roleMap));
        this.noEventTriggers = b.noEventTriggers;
        this.dropExtensionComments = b.dropExtensionComments != null ? b.dropExtensionComments : b.preset == Preset.HEROKU;
        validate();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The preset's defaults, unchanged. */
    public static RewriteOptions of(Preset preset) {
        return builder().preset(preset).build();
    }

    public Preset preset() {
        return preset;
    }

    /** Schemas whose extensions move; {@code "*"} means every schema but the target. */
    public List<String> sourceSchemas() {
        return sourceSchemas;
    }

    public String targetSchema() {
        return targetSchema;
    }

    public Set<String> excludedExtensions() {
        return excludedExtensions;
    }

    public boolean targetOwnedByPlatform() {
        return targetOwnedByPlatform;
    }

    public boolean stripRestrict() {
        return stripRestrict;
    }

    /**
     * Extra extension members to know about (from {@code --catalog-url}), on top of the built-in
     * catalog of the dump's PostgreSQL major; null for the built-in catalog alone.
     */
    public ExtensionCatalog catalog() {
        return catalog;
    }

    /** Create extensions the dump uses but never creates, in the target, before their first use. */
    public boolean ensureExtensions() {
        return ensureExtensions;
    }

    /** Drop ALTER ... OWNER TO, SET SESSION AUTHORIZATION and AUTHORIZATION clauses (pg_restore's --no-owner). */
    public boolean noOwner() {
        return noOwner;
    }

    /** Drop GRANT, REVOKE and ALTER DEFAULT PRIVILEGES (pg_restore's --no-acl). */
    public boolean noAcl() {
        return noAcl;
    }

    /** Roles renamed wherever the dump names them: old name -> new name. */
    public Map<String, String> roleMap() {
        return roleMap;
    }

    /** Drop CREATE EVENT TRIGGER and its comment, owner and enable statements (superuser only on platforms). */
    public boolean noEventTriggers() {
        return noEventTriggers;
    }

    /**
     * Drop COMMENT ON EXTENSION for extensions the restoring role will not own: excluded ones and
     * those the dump does not create (plpgsql above all). Default: on for the heroku preset.
     */
    public boolean dropExtensionComments() {
        return dropExtensionComments;
    }

    private void validate() {
        if (targetSchema.isBlank()) {
            throw new PgRelocateException("the target schema is empty: name the schema extensions move to, e.g. heroku_ext",
                    PgRelocateException.EXIT_USAGE);
        }
        if (sourceSchemas.isEmpty() || sourceSchemas.stream().anyMatch(String::isBlank)) {
            throw new PgRelocateException("the source schemas are empty: name at least one, or * for every schema but the target",
                    PgRelocateException.EXIT_USAGE);
        }
        if (sourceSchemas.size() == 1 && sourceSchemas.get(0).equals(targetSchema)) {
            throw new PgRelocateException("the source schema and the target schema are both '" + targetSchema
                    + "': nothing would move", PgRelocateException.EXIT_USAGE);
        }
    }

    @Override
    public String toString() {
        return "preset=" + preset + " sources=" + sourceSchemas + " target=" + targetSchema
                + " excluded=" + excludedExtensions + " targetOwnedByPlatform=" + targetOwnedByPlatform
                + " stripRestrict=" + stripRestrict + " ensureExtensions=" + ensureExtensions
                + (catalog == null ? "" : " catalog=" + catalog.extensions())
                + " noOwner=" + noOwner + " noAcl=" + noAcl + " roleMap=" + roleMap
                + " noEventTriggers=" + noEventTriggers + " dropExtensionComments=" + dropExtensionComments;
    }

    /** Builder; every setter is optional, unset values come from the preset ({@link Preset#HEROKU} by default). */
    public static final class Builder {
        private Preset preset = Preset.HEROKU;
        private List<String> sourceSchemas;
        private String targetSchema;
        private boolean defaultExcludes = true;
        private final List<String> extraExcludes = new ArrayList<>();
        private Boolean targetOwnedByPlatform;
        private boolean stripRestrict;
        private ExtensionCatalog catalog;
        private boolean ensureExtensions;
        private boolean noOwner;
        private boolean noAcl;
        private final Map<String, String> roleMap = new LinkedHashMap<>();
        private boolean noEventTriggers;
        private Boolean dropExtensionComments;

        private Builder() {
        }

        public Builder preset(Preset preset) {
            this.preset = preset;
            return this;
        }

        /** Replaces the preset's source schemas; empty or null keeps the preset's. */
        public Builder sourceSchemas(Collection<String> schemas) {
            this.sourceSchemas = schemas == null || schemas.isEmpty() ? null : List.copyOf(schemas);
            return this;
        }

        public Builder targetSchema(String schema) {
            this.targetSchema = schema;
            return this;
        }

        /** Extensions to leave in place, in addition to the defaults (unless {@link #defaultExcludes(boolean)} is off). */
        public Builder exclude(Collection<String> extensions) {
            if (extensions != null) {
                extraExcludes.addAll(extensions);
            }
            return this;
        }

        /** Whether plpgsql, postgis_topology and postgis_tiger_geocoder stay excluded (default true). */
        public Builder defaultExcludes(boolean keep) {
            this.defaultExcludes = keep;
            return this;
        }

        public Builder targetOwnedByPlatform(Boolean owned) {
            this.targetOwnedByPlatform = owned;
            return this;
        }

        public Builder stripRestrict(boolean strip) {
            this.stripRestrict = strip;
            return this;
        }

        public Builder catalog(ExtensionCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        public Builder ensureExtensions(boolean ensure) {
            this.ensureExtensions = ensure;
            return this;
        }

        public Builder noOwner(boolean drop) {
            this.noOwner = drop;
            return this;
        }

        public Builder noAcl(boolean drop) {
            this.noAcl = drop;
            return this;
        }

        /** Renames role {@code from} to {@code to} wherever the dump names it; repeatable. */
        public Builder mapRole(String from, String to) {
            if (from == null || from.isBlank() || to == null || to.isBlank()) {
                throw new PgRelocateException("a role mapping needs both names, as old=new: '" + from + "=" + to + "'",
                        PgRelocateException.EXIT_USAGE);
            }
            if (roleMap.containsKey(from) && !roleMap.get(from).equals(to)) {
                throw new PgRelocateException("role " + from + " is mapped twice, to " + roleMap.get(from) + " and to " + to,
                        PgRelocateException.EXIT_USAGE);
            }
            roleMap.put(from, to);
            return this;
        }

        /** A mapping written {@code OLD=NEW}, as the CLI and the Maven goals take it (the last '=' splits). */
        public Builder mapRole(String oldEqualsNew) {
            int eq = oldEqualsNew.lastIndexOf('=');
            if (eq < 0) {
                throw new PgRelocateException("a role mapping is OLD=NEW, got '" + oldEqualsNew + "'",
                        PgRelocateException.EXIT_USAGE);
            }
            return mapRole(oldEqualsNew.substring(0, eq).trim(), oldEqualsNew.substring(eq + 1).trim());
        }

        public Builder noEventTriggers(boolean drop) {
            this.noEventTriggers = drop;
            return this;
        }

        /** Null keeps the preset's default (on for heroku). */
        public Builder dropExtensionComments(Boolean drop) {
            this.dropExtensionComments = drop;
            return this;
        }

        public RewriteOptions build() {
            return new RewriteOptions(this);
        }
    }
}
