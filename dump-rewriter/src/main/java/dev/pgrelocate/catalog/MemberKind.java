package dev.pgrelocate.catalog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The kind of an extension member, as {@code pg_identify_object(...).type} names it.
 *
 * <p>Window functions are folded into {@link #FUNCTION} (PostgreSQL itself calls them functions:
 * {@code CREATE FUNCTION ... WINDOW}, {@code DROP FUNCTION}); partitioned tables into
 * {@link #TABLE}; domains and composite types into {@link #TYPE}.
 *
 * <p>{@link #schemaQualified()} tells whether a dump can name the member as {@code schema.name}.
 * Casts and transforms have no name at all: the catalog lists them under their identity, e.g.
 * {@code (pg_catalog.text AS public.citext)}.
 */
public enum MemberKind {
    TYPE(true, "type", "domain", "composite type"),
    FUNCTION(true, "function", "window function"),
    AGGREGATE(true, "aggregate"),
    PROCEDURE(true, "procedure"),
    OPERATOR(true, "operator"),
    OPERATOR_CLASS(true, "operator class"),
    OPERATOR_FAMILY(true, "operator family"),
    TABLE(true, "table", "partitioned table"),
    VIEW(true, "view"),
    MATERIALIZED_VIEW(true, "materialized view"),
    SEQUENCE(true, "sequence"),
    FOREIGN_TABLE(true, "foreign table"),
    INDEX(true, "index", "partitioned index"),
    TEXT_SEARCH_DICTIONARY(true, "text search dictionary"),
    TEXT_SEARCH_TEMPLATE(true, "text search template"),
    TEXT_SEARCH_PARSER(true, "text search parser"),
    TEXT_SEARCH_CONFIGURATION(true, "text search configuration"),
    COLLATION(true, "collation"),
    CONVERSION(true, "conversion"),
    STATISTICS_OBJECT(true, "statistics object"),
    CAST(false, "cast"),
    TRANSFORM(false, "transform"),
    LANGUAGE(false, "language"),
    SCHEMA(false, "schema"),
    ACCESS_METHOD(false, "access method"),
    FOREIGN_DATA_WRAPPER(false, "foreign-data wrapper"),
    SERVER(false, "server"),
    EVENT_TRIGGER(false, "event trigger"),
    /** A member of a kind this enum does not know (a newer server); listed under its identity. */
    OTHER(false);

    private static final Map<String, MemberKind> BY_LABEL = new HashMap<>();
    private static final Map<String, MemberKind> BY_PG_TYPE = new HashMap<>();

    static {
        for (MemberKind kind : values()) {
            BY_LABEL.put(kind.label, kind);
            for (String pgType : kind.pgTypes) {
                BY_PG_TYPE.put(pgType, kind);
            }
        }
    }

    private final boolean schemaQualified;
    private final String label;
    private final String[] pgTypes;

    MemberKind(boolean schemaQualified, String... pgTypes) {
        this.schemaQualified = schemaQualified;
        this.label = name().toLowerCase(Locale.ROOT);
        this.pgTypes = pgTypes;
    }

    /** True when the member lives in a schema and a dump can name it {@code schema.name}. */
    public boolean schemaQualified() {
        return schemaQualified;
    }

    /** The name in the catalog resources: {@code operator_class}. */
    public String label() {
        return label;
    }

    /** The kind a catalog resource names {@code label}; throws for an unknown label. */
    public static MemberKind fromLabel(String label) {
        MemberKind kind = BY_LABEL.get(label);
        if (kind == null) {
            throw new IllegalArgumentException("unknown member kind \"" + label + "\"");
        }
        return kind;
    }

    /** The kind of a {@code pg_identify_object(...).type}; {@link #OTHER} for a type this enum lacks. */
    public static MemberKind fromPgType(String pgType) {
        return BY_PG_TYPE.getOrDefault(pgType, OTHER);
    }
}
