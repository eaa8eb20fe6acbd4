package dev.pgrelocate.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The Heroku extension guard of the tests: the product's {@link dev.pgrelocate.verify.HerokuExtensionGuard}
 * (which verify-restore installs), under the names the tests use.
 */
final class HerokuExtensionGuard {

    static final String SCHEMA = dev.pgrelocate.verify.HerokuExtensionGuard.SCHEMA;
    static final String INTERNAL_SCHEMA = dev.pgrelocate.verify.HerokuExtensionGuard.INTERNAL_SCHEMA;
    static final String EVENT_TRIGGER = dev.pgrelocate.verify.HerokuExtensionGuard.EVENT_TRIGGER;
    static final List<String> EXEMPT = dev.pgrelocate.verify.HerokuExtensionGuard.EXEMPT;

    private HerokuExtensionGuard() {
    }

    static String rejection(String extension) {
        return dev.pgrelocate.verify.HerokuExtensionGuard.rejection(extension);
    }

    static void install(Connection superuser) throws SQLException {
        dev.pgrelocate.verify.HerokuExtensionGuard.install(superuser);
    }
}
