package dev.pgrelocate.rule;

/** A rule over psql meta-command lines such as {@code \restrict KEY}; it can only drop a line. */
public interface MetaCommandRule {

    String id();

    /**
     * @param line    the whole line, line end included, in the byte domain
     * @return a description of why the line goes, or null to keep it
     */
    String drop(String line);
}
