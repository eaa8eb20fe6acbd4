package dev.pgrelocate.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which extensions own which names: every member object of every extension ({@code pg_depend}
 * rows with {@code deptype = 'e'}), with its kind and its bare name, as a dump names it after
 * the schema ({@code citext} in {@code public.citext}, {@code ->} in {@code OPERATOR(public.->)}).
 *
 * <p>Three sources: {@link #builtin(int)}, generated from real servers for each PostgreSQL major
 * (resources {@code pg<major>.tsv} beside this class, written by {@code CatalogGenerator} and
 * never by hand); {@link #live(Connection)}, read from a running database; and {@link #merge}
 * of the two.
 *
 * <p>Names are compared exactly, as PostgreSQL stores them: the caller folds an unquoted dump
 * identifier to lower case before asking (pg_dump quotes every name that is not lower case).
 * Instances are immutable and safe to share between threads.
 */
public final class ExtensionCatalog {

    /** One member of an extension; {@code identity} is {@code pg_identify_object(...).identity}. */
    public record Member(String extension, MemberKind kind, String name, String identity)
            implements Comparable<Member> {

        private static final Comparator<Member> ORDER = Comparator.comparing(Member::extension)
                .thenComparing(m -> m.kind().label())
                .thenComparing(Member::name)
                .thenComparing(Member::identity);

        public Member {
            Objects.requireNonNull(extension, "extension");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(identity, "identity");
        }

        @Override
        public int compareTo(Member other) {
            return ORDER.compare(this, other);
        }
    }

    private static final String RESOURCE_PREFIX = "pg";
    private static final String RESOURCE_SUFFIX = ".tsv";
    private static final Map<Integer, ExtensionCatalog> BUILTIN = new ConcurrentHashMap<>();
    private static final Pattern MAJOR_LINE = Pattern.compile("#\\s*major:\\s*(\\d+)\\s*");
    private static final Pattern EXTENSION_LINE = Pattern.compile("#\\s*extension:\\s*(\\S+)\\s+(\\S+).*");

    private final int major;
    private final SortedMap<String, String> versions;
    private final List<Member> members;
    private final Map<MemberKind, Map<String, Set<String>>> ownersByKind = new EnumMap<>(MemberKind.class);
    private final Map<String, Set<String>> ownersByName = new HashMap<>();
    private final Map<String, Set<String>> namesByExtension = new HashMap<>();

    private ExtensionCatalog(int major, Map<String, String> versions, Collection<Member> members) {
        this.major = major;
        TreeMap<String, String> allVersions = new TreeMap<>(versions);
        // A sorted list, not a TreeSet: the resources are sorted already, and a merge sort of sorted
        // input compares each member once, which keeps the catalog's load off the start-up time.
        List<Member> sorted = new ArrayList<>(members);
        sorted.sort(null);
        sorted = withoutDuplicates(sorted);
        for (Member m : sorted) {
            allVersions.putIfAbsent(m.extension(), "");
        }
        this.versions = Collections.unmodifiableSortedMap(allVersions);
        this.members = List.copyOf(sorted);

        Map<MemberKind, Map<String, TreeSet<String>>> byKind = new EnumMap<>(MemberKind.class);
        Map<String, TreeSet<String>> byName = new HashMap<>();
        Map<String, TreeSet<String>> byExtension = new HashMap<>();
        for (Member m : sorted) {
            byKind.computeIfAbsent(m.kind(), k -> new HashMap<>())
                    .computeIfAbsent(m.name(), n -> new TreeSet<>()).add(m.extension());
            if (m.kind().schemaQualified()) {
                byName.computeIfAbsent(m.name(), n -> new TreeSet<>()).add(m.extension());
                byExtension.computeIfAbsent(m.extension(), e -> new TreeSet<>()).add(m.name());
            }
        }
        byKind.forEach((kind, names) -> ownersByKind.put(kind, freeze(names)));
        ownersByName.putAll(freeze(byName));
        namesByExtension.putAll(freeze(byExtension));
    }

    /** The sorted members with each one kept once (equal in their order, as a set would keep them). */
    private static List<Member> withoutDuplicates(List<Member> sorted) {
        List<Member> unique = new ArrayList<>(sorted.size());
        for (Member m : sorted) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).compareTo(m) != 0) {
                unique.add(m);
            }
        }
        return unique;
    }

    private static Map<String, Set<String>> freeze(Map<String, TreeSet<String>> sets) {
        Map<String, Set<String>> frozen = new HashMap<>(sets.size() * 2);
        sets.forEach((key, set) -> frozen.put(key, Collections.unmodifiableSortedSet(set)));
        return frozen;
    }

    // ---------------------------------------------------------------------------------------
    // Sources
    // ---------------------------------------------------------------------------------------

    /**
     * The catalog generated for PostgreSQL {@code pgMajor}, or, when none was generated for it,
     * the one of the nearest generated major (the newer one on a tie); {@link #major()} says which.
     *
     * @throws IllegalStateException when no catalog resource is on the class path at all
     */
    public static ExtensionCatalog builtin(int pgMajor) {
        ExtensionCatalog cached = BUILTIN.get(pgMajor);
        if (cached != null) {
            return cached;
        }
        ExtensionCatalog loaded = BUILTIN.computeIfAbsent(nearestGenerated(pgMajor), ExtensionCatalog::load);
        BUILTIN.putIfAbsent(pgMajor, loaded);
        return loaded;
    }

    private static int nearestGenerated(int requested) {
        for (int distance = 0; distance < 100; distance++) {
            for (int candidate : new int[] {requested + distance, requested - distance}) {
                if (candidate > 0 && resourceExists(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no built-in extension catalog (" + resourceName(requested)
                + " or any other major) on the class path");
    }

    private static String resourceName(int major) {
        return RESOURCE_PREFIX + major + RESOURCE_SUFFIX;
    }

    private static boolean resourceExists(int major) {
        return ExtensionCatalog.class.getResource(resourceName(major)) != null;
    }

    private static ExtensionCatalog load(int major) {
        String name = resourceName(major);
        try (InputStream in = ExtensionCatalog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("built-in extension catalog " + name + " is missing");
            }
            ExtensionCatalog catalog = read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name);
            if (catalog.major != major) {
                throw new IllegalStateException(name + " says it is for PostgreSQL " + catalog.major);
            }
            return catalog;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in extension catalog " + name, e);
        }
    }

    /**
     * Reads the members of every extension installed in the connection's database (for a
     * database whose extensions the built-in catalogs lack). Runs three read-only catalog queries
     * in the connection's current transaction mode and leaves the connection open. Needs
     * PostgreSQL 9.5 or later.
     */
    public static ExtensionCatalog live(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            int versionNum;
            try (ResultSet rows = statement.executeQuery(
                    "SELECT pg_catalog.current_setting('server_version_num')::integer")) {
                rows.next();
                versionNum = rows.getInt(1);
            }
            Map<String, String> versions = new HashMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT extname::text, extversion FROM pg_catalog.pg_extension")) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getString(2));
                }
            }
            List<Member> members = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(membersQuery(versionNum))) {
                while (rows.next()) {
                    MemberKind kind = MemberKind.fromPgType(rows.getString(2));
                    String identity = rows.getString(3);
                    String name = rows.getString(4);
                    members.add(new Member(rows.getString(1), kind, name == null ? identity : name, identity));
                }
            }
            // 150012 is 15.12; 90624 (9.6.24) counts as 9, which builtin() maps to the nearest major.
            return new ExtensionCatalog(versionNum / 10000, versions, members);
        }
    }

    /**
     * One row per extension member: extension, {@code pg_identify_object} type and identity,
     * and the bare name from the member's own catalog (NULL for casts and transforms, which have
     * none). The name comes from the catalogs rather than from {@code pg_identify_object(...).name},
     * which is NULL for functions and operators and quoted when the name needs quotes.
     */
    private static String membersQuery(int versionNum) {
        String[][] catalogs = {
            {"pg_type", "typname"}, {"pg_proc", "proname"}, {"pg_operator", "oprname"},
            {"pg_opclass", "opcname"}, {"pg_opfamily", "opfname"}, {"pg_class", "relname"},
            {"pg_ts_dict", "dictname"}, {"pg_ts_template", "tmplname"}, {"pg_ts_parser", "prsname"},
            {"pg_ts_config", "cfgname"}, {"pg_collation", "collname"}, {"pg_conversion", "conname"},
            {"pg_namespace", "nspname"}, {"pg_language", "lanname"}, {"pg_am", "amname"},
            {"pg_foreign_data_wrapper", "fdwname"}, {"pg_foreign_server", "srvname"},
            {"pg_event_trigger", "evtname"}, {"pg_statistic_ext", "stxname"},
        };
        StringBuilder sql = new StringBuilder(2048)
                .append("SELECT e.extname::text, o.type, o.identity,\n       CASE d.classid\n");
        for (String[] c : catalogs) {
            if (c[0].equals("pg_statistic_ext") && versionNum < 100000) {
                continue;
            }
            sql.append("         WHEN 'pg_catalog.").append(c[0]).append("'::pg_catalog.regclass THEN (SELECT x.")
                    .append(c[1]).append("::text FROM pg_catalog.").append(c[0]).append(" x WHERE x.oid = d.objid)\n");
        }
        return sql.append("       END AS name\n")
                .append("FROM pg_catalog.pg_depend d\n")
                .append("JOIN pg_catalog.pg_extension e\n")
                .append("  ON d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.refobjid = e.oid,\n")
                .append("LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, d.objsubid) AS o\n")
                .append("WHERE d.deptype = 'e'")
                .toString();
    }

    /**
     * This catalog plus the extensions and members of {@code other}: the union of the members
     * (a name either source ties to an extension stays tied to it), with this catalog's
     * {@link #major()} and, where both know an extension, this catalog's {@link #version}.
     */
    public ExtensionCatalog merge(ExtensionCatalog other) {
        Map<String, String> mergedVersions = new HashMap<>(other.versions);
        mergedVersions.putAll(versions);
        List<Member> mergedMembers = new ArrayList<>(members);
        mergedMembers.addAll(other.members);
        return new ExtensionCatalog(major, mergedVersions, mergedMembers);
    }

    /** The same catalog with only the given extensions (the others are dropped). */
    public ExtensionCatalog restrictedTo(Collection<String> keep) {
        Set<String> wanted = new HashSet<>(keep);
        Map<String, String> keptVersions = new HashMap<>(versions);
        keptVersions.keySet().retainAll(wanted);
        List<Member> keptMembers = members.stream().filter(m -> wanted.contains(m.extension())).toList();
        return new ExtensionCatalog(major, keptVersions, keptMembers);
    }

    // ---------------------------------------------------------------------------------------
    // Lookups
    // ---------------------------------------------------------------------------------------

    /** The extensions that own a member of {@code kind} named {@code name}; empty when none. */
    public Set<String> owners(String name, MemberKind kind) {
        Map<String, Set<String>> byName = ownersByKind.get(kind);
        return byName == null ? Set.of() : byName.getOrDefault(name, Set.of());
    }

    /**
     * The extensions that own a schema-qualified member named {@code name}, of any kind
     * ({@link MemberKind#schemaQualified()}: casts, languages and the like are not counted).
     */
    public Set<String> ownersOfAnyKind(String name) {
        return ownersByName.getOrDefault(name, Set.of());
    }

    /** True when this catalog lists the extension (even one without members). */
    public boolean knowsExtension(String extension) {
        return versions.containsKey(extension);
    }

    /** Every extension this catalog lists, sorted. */
    public Set<String> extensions() {
        return versions.keySet();
    }

    /** The bare names of the extension's schema-qualified members, sorted; empty when unknown. */
    public Set<String> members(String extension) {
        return namesByExtension.getOrDefault(extension, Set.of());
    }

    /** The version the catalog was made from ({@code pg_extension.extversion}); null when unknown. */
    public String version(String extension) {
        String version = versions.get(extension);
        return version == null || version.isEmpty() ? null : version;
    }

    /** Every member, sorted by extension, kind, name and identity. */
    public List<Member> entries() {
        return members;
    }

    /**
     * The PostgreSQL major the catalog describes: for {@link #builtin(int)} the major whose
     * resource was loaded, which differs from the one asked for when that was not generated.
     */
    public int major() {
        return major;
    }

    // ---------------------------------------------------------------------------------------
    // Resource format
    // ---------------------------------------------------------------------------------------

    /*
     * pg<major>.tsv: '#' lines first, of which "# major: N" and "# extension: NAME VERSION ..."
     * are read back and the rest are for people; then one line per member,
     * extension<TAB>kind<TAB>name<TAB>identity, kind as MemberKind.label(). Backslash, tab, CR
     * and LF inside a field are written as \\ \t \r \n.
     */

    static ExtensionCatalog read(BufferedReader in, String source) throws IOException {
        int major = -1;
        Map<String, String> versions = new HashMap<>();
        List<Member> members = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = MAJOR_LINE.matcher(line);
                if (m.matches()) {
                    major = Integer.parseInt(m.group(1));
                } else if ((m = EXTENSION_LINE.matcher(line)).matches()) {
                    versions.put(m.group(1), m.group(2));
                }
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 4) {
                throw new IllegalStateException(source + ":" + lineNumber + ": expected 4 tab-separated fields"
                        + " (extension, kind, name, identity), found " + fields.length);
            }
            MemberKind kind;
            try {
                kind = MemberKind.fromLabel(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(source + ":" + lineNumber + ": " + e.getMessage(), e);
            }
            members.add(new Member(unescape(fields[0]), kind, unescape(fields[2]), unescape(fields[3])));
        }
        if (major < 0) {
            throw new IllegalStateException(source + ": no \"# major: N\" line");
        }
        return new ExtensionCatalog(major, versions, members);
    }

    /**
     * Writes the resource format: {@code comments} (each prefixed with {@code "# "}), the major,
     * one {@code # extension:} line per extension (with its note in parentheses when
     * {@code notes} has one), then the members, sorted.
     */
    void write(Appendable out, List<String> comments, Map<String, String> notes) throws IOException {
        for (String comment : comments) {
            out.append("# ").append(comment).append('\n');
        }
        out.append("# major: ").append(Integer.toString(major)).append('\n');
        for (Map.Entry<String, String> e : versions.entrySet()) {
            String version = e.getValue().isEmpty() ? "?" : e.getValue();
            out.append("# extension: ").append(e.getKey()).append(' ').append(version);
            String note = notes.get(e.getKey());
            if (note != null) {
                out.append(" (").append(note).append(')');
            }
            out.append('\n');
        }
        out.append("# columns: extension, kind, name, identity\n");
        for (Member m : members) {
            out.append(escape(m.extension())).append('\t').append(m.kind().label()).append('\t')
                    .append(escape(m.name())).append('\t').append(escape(m.identity())).append('\n');
        }
    }

    private static String escape(String field) {
        if (field.indexOf('\\') < 0 && field.indexOf('\t') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------
    // Object methods
    // ---------------------------------------------------------------------------------------

    /** Equal when the majors, the extensions with their versions and the members are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionCatalog other && major == other.major && versions.equals(other.versions)
                && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, versions, members);
    }

    @Override
    public String toString() {
        return "ExtensionCatalog[PostgreSQL " + major + ", " + versions.size() + " extensions, "
                + members.size() + " members]";
    }
}
