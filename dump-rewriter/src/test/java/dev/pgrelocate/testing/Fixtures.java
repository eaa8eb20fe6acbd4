package dev.pgrelocate.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the files under {@code src/test/resources/fixtures} (see the README in each folder). */
public final class Fixtures {

    private Fixtures() {
    }

    /** A file of {@code fixtures/plain}, e.g. {@code plain("rails_app.plain.sql")}; psql needs a real path. */
    public static Path plain(String fileName) {
        return resource("/fixtures/plain/" + fileName);
    }

    /** A file of {@code fixtures/references}, e.g. {@code references("refs_app.plain.sql")}. */
    public static Path references(String fileName) {
        return resource("/fixtures/references/" + fileName);
    }

    /** A file of {@code fixtures/owners}, e.g. {@code owners("owners_app.plain.sql")}. */
    public static Path owners(String fileName) {
        return resource("/fixtures/owners/" + fileName);
    }

    private static Path resource(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("test resource " + name + " is not a plain file: " + url, e);
        }
    }
}
