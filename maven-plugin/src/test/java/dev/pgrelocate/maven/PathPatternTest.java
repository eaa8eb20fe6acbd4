package dev.pgrelocate.maven;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            // pattern,                                    path,                                        matches
            "db/structure.sql,                             db/structure.sql,                            true",
            "db/structure.sql,                             db/structure.sql.orig,                       false",
            "db/structure.sql,                             x/db/structure.sql,                          false",
            "db/*.sql,                                     db/structure.sql,                            true",
            "db/*.sql,                                     db/sub/structure.sql,                        false",
            "db/**/*.sql,                                  db/structure.sql,                            true",
            "db/**/*.sql,                                  db/a/b/c.sql,                                true",
            "src/main/resources/db/migration/**/*.sql,     src/main/resources/db/migration/V1__init.sql, true",
            "src/main/resources/db/migration/**/*.sql,     src/main/resources/db/migration/v2/V2__a.sql, true",
            "src/main/resources/db/migration/**/*.sql,     src/main/resources/db/V1__init.sql,           false",
            "**/*.sql,                                     structure.sql,                               true",
            "**/*.sql,                                     a/b/structure.sql,                           true",
            "**/*.sql,                                     a/b/structure.sql.gz,                        false",
            "db/,                                          db/a/b.sql,                                  true",
            "./db/structure.sql,                           db/structure.sql,                            true",
            "db\\structure.sql,                            db/structure.sql,                            true",
            "V?__*.sql,                                    V1__init.sql,                                true",
            "V?__*.sql,                                    V10__init.sql,                               false",
            "dump(1).sql,                                  dump(1).sql,                                 true",
            "dump(1).sql,                                  dump1.sql,                                   false",
    })
    void antStylePatterns(String pattern, String path, boolean matches) {
        assertEquals(matches, PathPattern.of(pattern).matches(path));
    }

    @ParameterizedTest(name = "{0} starts at ''{1}''")
    @CsvSource({
            "db/structure.sql,                         db",
            "src/main/resources/db/migration/**/*.sql, src/main/resources/db/migration",
            "src/*/resources/x.sql,                    src",
            "**/*.sql,                                 ''",
            "structure.sql,                            ''",
            "db/,                                      db",
    })
    void scanStartsAtTheLiteralDirectories(String pattern, String base) {
        assertEquals(base, PathPattern.of(pattern).baseDirectory());
    }
}
