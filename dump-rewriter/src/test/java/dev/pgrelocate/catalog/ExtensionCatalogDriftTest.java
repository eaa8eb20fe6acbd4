package dev.pgrelocate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pgrelocate.catalog.ExtensionCatalog.Member;
import dev.pgrelocate.testing.EmbeddedServerTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The built-in catalog of the build's PostgreSQL major still describes that server: every
 * extension the embedded server can create, read back with {@link ExtensionCatalog#live}, equals
 * the generated resource without the PostGIS family (which comes from the machine's own server,
 * not from Zonky's binaries). A failure means the resource is stale: regenerate it.
 */
class ExtensionCatalogDriftTest extends EmbeddedServerTest {

    private static final int MAX_DIFF_LINES = 200;

    @Test
    void builtinCatalogMatchesTheEmbeddedServer() throws Exception {
        String database = server.createDatabase("postgres");
        ExtensionCatalog live;
        Map<String, String> refused;
        try (Connection connection = server.connectAsSuperuser(database)) {
            refused = ExtensionInstaller.createAll(connection, ExtensionInstaller.available(connection));
            live = ExtensionCatalog.live(connection);
        }
        ExtensionCatalog builtin = ExtensionCatalog.builtin(live.major());
        assertEquals(live.major(), builtin.major(), "no built-in catalog for the embedded server's major "
                + live.major() + "; add it to the catalog profile and run " + CatalogGenerator.REGENERATE);

        Set<String> contrib = new TreeSet<>(builtin.extensions());
        contrib.removeAll(CatalogGenerator.POSTGIS_FAMILY);
        ExtensionCatalog expected = builtin.restrictedTo(contrib);
        if (!expected.equals(live)) {
            fail("the built-in catalog pg" + builtin.major() + ".tsv differs from the embedded server"
                    + " (refused there: " + refused.keySet() + "); run " + CatalogGenerator.REGENERATE
                    + " if the change is expected\n" + String.join("\n", diff(expected, live)));
        }
    }

    /** "- " lines are only in the resource, "+ " lines only on the server. */
    static List<String> diff(ExtensionCatalog resource, ExtensionCatalog server) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> extensions = new TreeSet<>(resource.extensions());
        extensions.addAll(server.extensions());
        for (String extension : extensions) {
            String before = resource.knowsExtension(extension) ? Objects.toString(resource.version(extension), "?") : null;
            String after = server.knowsExtension(extension) ? Objects.toString(server.version(extension), "?") : null;
            if (!Objects.equals(before, after)) {
                lines.add("  extension " + extension + ": resource " + (before == null ? "lacks it" : before)
                        + ", server " + (after == null ? "lacks it" : after));
            }
        }
        TreeSet<Member> onlyResource = new TreeSet<>(resource.entries());
        server.entries().forEach(onlyResource::remove);
        TreeSet<Member> onlyServer = new TreeSet<>(server.entries());
        resource.entries().forEach(onlyServer::remove);
        onlyResource.forEach(m -> lines.add("- " + format(m)));
        onlyServer.forEach(m -> lines.add("+ " + format(m)));
        if (resource.major() != server.major()) {
            lines.add(0, "  major: resource " + resource.major() + ", server " + server.major());
        }
        if (lines.size() > MAX_DIFF_LINES) {
            int more = lines.size() - MAX_DIFF_LINES;
            lines.subList(MAX_DIFF_LINES, lines.size()).clear();
            lines.add("  ... and " + more + " more");
        }
        return lines;
    }

    private static String format(Member m) {
        return m.extension() + "\t" + m.kind().label() + "\t" + m.name() + "\t" + m.identity();
    }
}
