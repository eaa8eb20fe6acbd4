package dev.pgrelocate.rule;

import dev.pgrelocate.catalog.ExtensionCatalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The extensions a stream moves, each with the schema it was created in, and the catalog that
 * says which names they own. A reference {@code schema.name} follows an extension when that
 * extension was created in {@code schema}, moves, and owns {@code name}.
 */
public final class MovedExtensions {
    private ExtensionCatalog catalog;
    /** Extension name -> the schema it lived in before the move. */
    private final Map<String, String> originalSchemas = new LinkedHashMap<>();

    public MovedExtensions(ExtensionCatalog catalog) {
        this.catalog = catalog;
    }

    public ExtensionCatalog catalog() {
        return catalog;
    }

    /** Switches to the catalog of the dump's own PostgreSQL major, once its header has told it. */
    public void useCatalog(ExtensionCatalog catalog) {
        this.catalog = catalog;
    }

    public void moved(String extension, String fromSchema) {
        originalSchemas.put(extension, fromSchema);
    }

    public boolean isMoved(String extension) {
        return originalSchemas.containsKey(extension);
    }

    /** True until the stream has moved its first extension. */
    public boolean isEmpty() {
        return originalSchemas.isEmpty();
    }

    /** True when some extension moves out of {@code schema}. */
    public boolean movesOutOf(String schema) {
        return originalSchemas.containsValue(schema);
    }

    /** The moved extension created in {@code schema} that owns {@code name}, or null. */
    public String owner(String schema, String name) {
        for (String extension : catalog.ownersOfAnyKind(name)) {
            if (schema.equals(originalSchemas.get(extension))) {
                return extension;
            }
        }
        return null;
    }

    /** Moved extensions from {@code schema} the catalog knows nothing about. */
    public Set<String> unknownIn(String schema) {
        Set<String> unknown = new TreeSet<>();
        originalSchemas.forEach((ext, s) -> {
            if (s.equals(schema) && !catalog.knowsExtension(ext)) {
                unknown.add(ext);
            }
        });
        return unknown;
    }
}
