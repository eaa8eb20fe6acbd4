package dev.pgrelocate.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/**
 * What a restore of an owners fixture, rewritten for roles that do not exist on the target, must
 * reproduce of the source (built from {@code owners_app.sql} on a server with the roles):
 * <ul>
 * <li>every table's rows and the large object's data, unchanged;
 * <li>every object of schemas app and reporting, each owned by its source owner's mapped role, or
 *     by the restorer when the mapping does not name the owner ({@code --no-owner});
 * <li>privileges: with {@code --map-role}, every privilege of a role other than the object's
 *     (mapped) owner, PUBLIC's included, and which objects have explicit ACLs at all; without
 *     privileges ({@code --no-acl}), no explicit ACL anywhere;
 * <li>the policies with their commands and expressions (which name {@code 'app_owner'} in a
 *     string: never edited), and their role lists mapped when checked;
 * <li>comments and routine bodies byte for byte, though they name roles;
 * <li>no event trigger of the dump's, but its function;
 * <li>the extensions in the given schemas;
 * <li>{@code pg_dump -s} equal once owners, ACL sections, policy role lists, the event trigger
 *     and plpgsql's sections are left out (and extension schemas mapped, as
 *     {@link SchemaDumpComparison} does).
 * </ul>
 * Failures are collected ({@code assertAll}), so one run shows everything a rewrite got wrong.
 */
public final class OwnerRestoreChecks {

    /**
     * @param restorer the role that restored (owns what the mapping does not give to another)
     * @param roles the role mapping ({@code --map-role}); empty for none
     * @param privilegesKept privileges were mapped (true) or dropped ({@code --no-acl}, false)
     * @param policyRolesChecked compare the policies' role lists (mapped) with the source's
     * @param extensionSchemas where each extension must be
     */
    public record Expectations(String restorer, Map<String, String> roles, boolean privilegesKept,
            boolean policyRolesChecked, Map<String, String> extensionSchemas) {

        String map(String role) {
            return roles.getOrDefault(role, role);
        }

        String owner(String sourceOwner) {
            return roles.getOrDefault(sourceOwner, restorer);
        }
    }

    private static final String SCHEMAS = "('app', 'reporting')";

    private static final String OWNERS = """
            SELECT 'schema ' || nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname IN %1$s
            UNION ALL SELECT 'relation ' || c.oid::regclass, pg_get_userbyid(c.relowner)
              FROM pg_class c WHERE c.relnamespace::regnamespace::text IN %1$s
            UNION ALL SELECT 'routine ' || p.oid::regprocedure, pg_get_userbyid(p.proowner)
              FROM pg_proc p WHERE p.pronamespace::regnamespace::text IN %1$s
            UNION ALL SELECT 'type ' || t.oid::regtype, pg_get_userbyid(t.typowner)
              FROM pg_type t WHERE t.typnamespace::regnamespace::text IN %1$s
            UNION ALL SELECT 'collation ' || c.oid::regcollation, pg_get_userbyid(c.collowner)
              FROM pg_collation c WHERE c.collnamespace::regnamespace::text IN %1$s
            UNION ALL SELECT 'operator ' || o.oid::regoperator, pg_get_userbyid(o.oprowner)
              FROM pg_operator o WHERE o.oprnamespace::regnamespace::text IN %1$s
            UNION ALL SELECT 'text search configuration ' || c.oid::regconfig, pg_get_userbyid(c.cfgowner)
              FROM pg_ts_config c WHERE c.cfgnamespace::regnamespace::text IN %1$s
            UNION ALL SELECT 'statistics ' || s.stxnamespace::regnamespace || '.' || s.stxname, pg_get_userbyid(s.stxowner)
              FROM pg_statistic_ext s WHERE s.stxnamespace::regnamespace::text IN %1$s
            UNION ALL SELECT 'large object ' || l.oid, pg_get_userbyid(l.lomowner) FROM pg_largeobject_metadata l
            """.formatted(SCHEMAS);

    /** Objects with an explicit ACL: kind and name, owner, ACL (null rows are left out). */
    private static final String ACLS = """
            SELECT 'schema ' || nspname, nspowner, nspacl FROM pg_namespace WHERE nspname IN %1$s AND nspacl IS NOT NULL
            UNION ALL SELECT 'relation ' || c.oid::regclass, c.relowner, c.relacl
              FROM pg_class c WHERE c.relnamespace::regnamespace::text IN %1$s AND c.relacl IS NOT NULL
            UNION ALL SELECT format('column %%s.%%I', c.oid::regclass, a.attname), c.relowner, a.attacl
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
              WHERE c.relnamespace::regnamespace::text IN %1$s AND a.attacl IS NOT NULL
            UNION ALL SELECT 'routine ' || p.oid::regprocedure, p.proowner, p.proacl
              FROM pg_proc p WHERE p.pronamespace::regnamespace::text IN %1$s AND p.proacl IS NOT NULL
            UNION ALL SELECT 'type ' || t.oid::regtype, t.typowner, t.typacl
              FROM pg_type t WHERE t.typnamespace::regnamespace::text IN %1$s AND t.typacl IS NOT NULL
            UNION ALL SELECT 'large object ' || l.oid, l.lomowner, l.lomacl FROM pg_largeobject_metadata l WHERE l.lomacl IS NOT NULL
            """.formatted(SCHEMAS);

    private static final String PRIVILEGES = """
            WITH acls(object, owner, acl) AS (%s)
            SELECT object, pg_get_userbyid(owner), CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(e.grantee) END,
                   e.privilege_type, e.is_grantable, pg_get_userbyid(e.grantor)
            FROM acls, aclexplode(acl) e
            UNION ALL
            SELECT format('default privileges on %%s in %%s', d.defaclobjtype, coalesce(d.defaclnamespace::regnamespace::text, '*')),
                   pg_get_userbyid(d.defaclrole), CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(e.grantee) END,
                   e.privilege_type, e.is_grantable, pg_get_userbyid(e.grantor)
            FROM pg_default_acl d, aclexplode(d.defaclacl) e
            """.formatted(ACLS.strip());

    private static final String EXPLICIT_ACLS = """
            SELECT object, pg_get_userbyid(owner) FROM (%s) acls(object, owner, acl)
            UNION ALL
            SELECT format('default privileges on %%s in %%s', defaclobjtype, coalesce(defaclnamespace::regnamespace::text, '*')),
                   pg_get_userbyid(defaclrole) FROM pg_default_acl
            """.formatted(ACLS.strip());

    private static final String POLICIES = """
            SELECT format('%s.%s', p.polrelid::regclass, p.polname),
                   format('%s %s roles=%s using=%s check=%s', CASE WHEN p.polpermissive THEN 'permissive' ELSE 'restrictive' END,
                          p.polcmd, ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END FROM unnest(p.polroles) r ORDER BY 1),
                          pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
            FROM pg_policy p
            """;

    private static final String TEXTS = """
            SELECT 'comment on ' || pg_describe_object(d.classoid, d.objoid, d.objsubid), d.description FROM pg_description d
            UNION ALL SELECT 'body of ' || p.oid::regprocedure, p.prosrc
              FROM pg_proc p WHERE p.pronamespace::regnamespace::text IN %s
            """.formatted(SCHEMAS);
    private static final Pattern OWN_OBJECT = Pattern.compile("^comment on (schema (app|reporting)|.* (app|reporting)\\..*)$");

    private static final Pattern OWNER_LINE = Pattern.compile("(?m)^ALTER .* OWNER TO .*;\\n");
    private static final Pattern POLICY_ROLE_LIST = Pattern.compile(
            "(?m)^(CREATE POLICY .+? ON \\S+(?: AS (?:PERMISSIVE|RESTRICTIVE))?(?: FOR \\w+)?)(?: TO .+?)?( USING \\(.*| WITH CHECK \\(.*|;)$");

    private OwnerRestoreChecks() {
    }

    public static void assertRestored(PostgresServer sourceServer, String sourceDatabase,
            PostgresServer targetServer, String targetDatabase, Expectations expected) throws Exception {
        DatabaseSnapshot source = DatabaseSnapshot.take(sourceServer, sourceDatabase);
        DatabaseSnapshot target = DatabaseSnapshot.take(targetServer, targetDatabase);
        List<String> sourceObjects = OwnerFixtures.largeObjects(sourceServer, sourceDatabase);
        List<String> targetObjects = OwnerFixtures.largeObjects(targetServer, targetDatabase);
        Map<String, String> sourceOwners = pairs(sourceServer, sourceDatabase, OWNERS);
        Map<String, String> targetOwners = pairs(targetServer, targetDatabase, OWNERS);
        Map<String, String> sourcePolicies = pairs(sourceServer, sourceDatabase, POLICIES);
        Map<String, String> targetPolicies = pairs(targetServer, targetDatabase, POLICIES);
        Map<String, String> sourceTexts = ownTexts(pairs(sourceServer, sourceDatabase, TEXTS));
        Map<String, String> targetTexts = ownTexts(pairs(targetServer, targetDatabase, TEXTS));
        Set<String> sourcePrivileges = privileges(sourceServer, sourceDatabase, expected::map);
        Set<String> targetPrivileges = privileges(targetServer, targetDatabase, Function.identity());
        Set<String> sourceExplicit = explicitAcls(sourceServer, sourceDatabase);
        Set<String> targetExplicit = explicitAcls(targetServer, targetDatabase);
        boolean eventTrigger = exists(targetServer, targetDatabase,
                "SELECT 1 FROM pg_event_trigger WHERE evtname = '" + OwnerFixtures.EVENT_TRIGGER + "'");
        String schemaDiff = SchemaDumpComparison.diffOfDumps(sourceDatabase,
                comparable(OwnerFixtures.schemaDumpWithoutPlpgsql(sourceServer, sourceDatabase)), targetDatabase,
                comparable(OwnerFixtures.schemaDumpWithoutPlpgsql(targetServer, targetDatabase)));

        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(source.tables(), target.tables(), "rows and checksums per table"));
        checks.add(() -> assertEquals(new TreeMap<>(OwnerFixtures.ROWS), new TreeMap<>(target.rowCounts()), "row counts"));
        checks.add(() -> assertEquals(dataOnly(sourceObjects), dataOnly(targetObjects), "large objects (oid|md5)"));
        checks.add(() -> assertEquals(expectedOwners(sourceOwners, expected), targetOwners,
                "owner of every object of schemas app and reporting"));
        if (expected.privilegesKept()) {
            checks.add(() -> assertEquals(sourcePrivileges, targetPrivileges,
                    "privileges of every role but the owner, PUBLIC's included, roles mapped"));
            checks.add(() -> assertEquals(sourceExplicit, targetExplicit, "objects with an explicit ACL"));
        } else {
            checks.add(() -> assertEquals(Set.of(), targetExplicit, "no ACL: every object keeps the default privileges"));
        }
        checks.add(() -> assertEquals(policies(sourcePolicies, expected), policies(targetPolicies, expected),
                "policies (commands, expressions" + (expected.policyRolesChecked() ? ", mapped roles)" : "; roles not compared)")));
        checks.add(() -> assertEquals(sourceTexts, targetTexts, "comments and routine bodies, byte for byte"));
        checks.add(() -> assertFalse(eventTrigger, "event trigger " + OwnerFixtures.EVENT_TRIGGER + " is not restored"));
        checks.add(() -> assertTrue(targetOwners.containsKey("routine " + OwnerFixtures.EVENT_TRIGGER_FUNCTION),
                "the event trigger's function is an ordinary function and stays"));
        expected.extensionSchemas().forEach((extension, schema) -> checks.add(() ->
                assertEquals(schema, target.extensionSchemas().get(extension), "schema of extension " + extension)));
        checks.add(() -> assertEquals("", schemaDiff, "pg_dump -s without owners, ACLs, policy roles, event trigger, plpgsql"));
        assertAll("restored " + targetDatabase + " against source " + sourceDatabase, checks);
    }

    /** {@code pg_dump -s} text that says nothing about owners, privileges, policy roles or event triggers. */
    static String comparable(String schemaDump) {
        String text = DumpSections.drop(schemaDump, (name, type) -> type.equals("ACL") || type.equals("DEFAULT ACL")
                || type.equals("EVENT TRIGGER") || type.equals("COMMENT") && name.startsWith("EVENT TRIGGER "));
        text = OWNER_LINE.matcher(text).replaceAll("");
        text = DumpSections.withoutHeaderOwners(text);
        return POLICY_ROLE_LIST.matcher(text).replaceAll("$1 TO ?$2");
    }

    private static Map<String, String> expectedOwners(Map<String, String> sourceOwners, Expectations expected) {
        Map<String, String> owners = new TreeMap<>();
        sourceOwners.forEach((object, owner) -> owners.put(object, expected.owner(owner)));
        return owners;
    }

    private static Map<String, String> policies(Map<String, String> policies, Expectations expected) {
        Map<String, String> out = new TreeMap<>();
        policies.forEach((name, text) -> {
            int roles = text.indexOf(" roles=");
            int using = text.indexOf(" using=");
            String list = text.substring(roles + " roles=".length(), using);
            String shown = expected.policyRolesChecked() ? mapRoleArray(list, expected) : "?";
            out.put(name, text.substring(0, roles) + " roles=" + shown + text.substring(using));
        });
        return out;
    }

    /** {@code {app_reader,"Report Writer"}} (text of a sorted name[]) mapped and sorted again. */
    private static String mapRoleArray(String array, Expectations expected) {
        Set<String> roles = new TreeSet<>();
        String inner = array.substring(1, array.length() - 1);
        for (String element : inner.isEmpty() ? new String[0] : inner.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String role = element.startsWith("\"") ? element.substring(1, element.length() - 1).replace("\\\"", "\"") : element;
            roles.add(expected.map(role));
        }
        return roles.toString();
    }

    private static Map<String, String> ownTexts(Map<String, String> texts) {
        Map<String, String> own = new TreeMap<>();
        texts.forEach((what, text) -> {
            if (what.startsWith("body of ") || OWN_OBJECT.matcher(what).matches()) {
                own.put(what, text);
            }
        });
        return own;
    }

    private static List<String> dataOnly(List<String> largeObjects) {
        return largeObjects.stream().map(object -> {
            String[] fields = object.split("\\|");
            return fields[0] + "|" + fields[3];
        }).toList();
    }

    /** "object grantee privilege grantable grantor" for every grantee but the (mapped) owner. */
    private static Set<String> privileges(PostgresServer server, String database, Function<String, String> map)
            throws SQLException {
        Set<String> privileges = new TreeSet<>();
        try (Connection connection = server.connectAsSuperuser(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(PRIVILEGES)) {
            while (rows.next()) {
                String owner = map.apply(rows.getString(2));
                String grantee = map.apply(rows.getString(3));
                if (!grantee.equals(owner)) {
                    String object = rows.getString(1);
                    if (object.startsWith("default privileges ")) {
                        object += " for role " + owner;
                    }
                    privileges.add(object + ": " + grantee + " " + rows.getString(4)
                            + (rows.getBoolean(5) ? " WITH GRANT OPTION" : "") + " granted by " + map.apply(rows.getString(6)));
                }
            }
        }
        return privileges;
    }

    private static Set<String> explicitAcls(PostgresServer server, String database) throws SQLException {
        return new TreeSet<>(pairs(server, database, EXPLICIT_ACLS).keySet());
    }

    /** The first two columns of a query as an ordered map (first column unique). */
    private static Map<String, String> pairs(PostgresServer server, String database, String sql) throws SQLException {
        Map<String, String> pairs = new TreeMap<>();
        try (Connection connection = server.connectAsSuperuser(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                String previous = pairs.put(rows.getString(1), rows.getString(2));
                if (previous != null) {
                    throw new IllegalStateException("twice in " + sql + ": " + rows.getString(1));
                }
            }
        }
        return pairs;
    }

    private static boolean exists(PostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connectAsSuperuser(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next();
        }
    }
}
