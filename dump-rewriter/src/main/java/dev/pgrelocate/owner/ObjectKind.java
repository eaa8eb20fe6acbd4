package dev.pgrelocate.owner;

/**
 * What a planned statement changes, in the order the plan runs them: schemas first (so that the new
 * owner already holds every schema when it receives the objects in it), then relations, types,
 * routines, the remaining owned objects, and last the optional privilege statements.
 */
public enum ObjectKind {
    SCHEMA("schema", "schemas"),
    TABLE("table", "tables"),
    PARTITIONED_TABLE("partitioned table", "partitioned tables"),
    SEQUENCE("sequence", "sequences"),
    VIEW("view", "views"),
    MATERIALIZED_VIEW("materialized view", "materialized views"),
    FOREIGN_TABLE("foreign table", "foreign tables"),
    TYPE("type", "types"),
    DOMAIN("domain", "domains"),
    FUNCTION("function", "functions"),
    PROCEDURE("procedure", "procedures"),
    AGGREGATE("aggregate", "aggregates"),
    OPERATOR("operator", "operators"),
    OPERATOR_CLASS("operator class", "operator classes"),
    OPERATOR_FAMILY("operator family", "operator families"),
    COLLATION("collation", "collations"),
    CONVERSION("conversion", "conversions"),
    TEXT_SEARCH_DICTIONARY("text search dictionary", "text search dictionaries"),
    TEXT_SEARCH_CONFIGURATION("text search configuration", "text search configurations"),
    STATISTICS("statistics object", "statistics objects"),
    LARGE_OBJECT("large object", "large objects"),
    /** {@code GRANT} and {@code ALTER DEFAULT PRIVILEGES}: not an ownership change. */
    PRIVILEGES("grant", "grants");

    private final String singular;
    private final String plural;

    ObjectKind(String singular, String plural) {
        this.singular = singular;
        this.plural = plural;
    }

    /** {@code "1 table"}, {@code "3 tables"}. */
    public String count(int n) {
        return n + " " + (n == 1 ? singular : plural);
    }

    public String label() {
        return singular;
    }

    public String pluralLabel() {
        return plural;
    }
}
