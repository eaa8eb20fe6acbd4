package dev.pgrelocate.archive;

import java.util.List;
import java.util.Objects;

/**
 * One TOC entry of a pg_dump archive, immutable; the {@code with…} methods return changed copies.
 *
 * <p><b>Strings.</b> Every string field holds the archive's bytes decoded as ISO-8859-1, one char
 * per byte, whatever the dump's client encoding (nearly always UTF8): writing a field back encodes
 * it as ISO-8859-1 again, so unchanged fields round-trip exactly, and lengths are byte lengths.
 * To compare with or insert non-ASCII text, encode it with the archive's encoding first (see the
 * ENCODING entry) and decode those bytes as ISO-8859-1. {@code null} is SQL NULL (a Str of length
 * -1), distinct from {@code ""}; pg_dump writes both and pg_restore treats them differently, so
 * they are kept as read.
 *
 * <p><b>Versioned fields.</b> {@link #tableam()} exists from archive version 1.14 and
 * {@link #relkind()} from 1.16; older archives read as null and 0, and a writer refuses to write a
 * value the target version has no field for.
 *
 * <p><b>Format extra.</b> Custom archives end an entry with a {@link DataOffset}; directory and tar
 * archives with a file name ({@code "5118.dat"}, {@code "blobs.toc"}, or {@code ""} without data).
 * The other one is null.
 */
public final class TocEntry {

    /** Section numbers as stored. */
    public static final int SECTION_NONE = 1;
    public static final int SECTION_PRE_DATA = 2;
    public static final int SECTION_DATA = 3;
    public static final int SECTION_POST_DATA = 4;

    private final int dumpId;
    private final boolean hadDumper;
    private final String tableoid;
    private final String oid;
    private final String tag;
    private final String desc;
    private final int section;
    private final String defn;
    private final String dropStmt;
    private final String copyStmt;
    private final String namespace;
    private final String tablespace;
    private final String tableam;
    private final int relkind;
    private final String owner;
    private final String withOids;
    private final List<String> dependencies;
    private final DataOffset dataOffset;
    private final String fileName;

    private TocEntry(Builder b) {
        if (b.dumpId <= 0) {
            throw new IllegalArgumentException("dumpId must be positive: " + b.dumpId);
        }
        this.dumpId = b.dumpId;
        this.hadDumper = b.hadDumper;
        this.tableoid = b.tableoid;
        this.oid = b.oid;
        this.tag = b.tag;
        this.desc = b.desc;
        this.section = b.section;
        this.defn = b.defn;
        this.dropStmt = b.dropStmt;
        this.copyStmt = b.copyStmt;
        this.namespace = b.namespace;
        this.tablespace = b.tablespace;
        this.tableam = b.tableam;
        this.relkind = b.relkind;
        this.owner = b.owner;
        this.withOids = b.withOids;
        this.dependencies = List.copyOf(b.dependencies);
        this.dataOffset = b.dataOffset;
        this.fileName = b.fileName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this entry's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dumpId = dumpId;
        b.hadDumper = hadDumper;
        b.tableoid = tableoid;
        b.oid = oid;
        b.tag = tag;
        b.desc = desc;
        b.section = section;
        b.defn = defn;
        b.dropStmt = dropStmt;
        b.copyStmt = copyStmt;
        b.namespace = namespace;
        b.tablespace = tablespace;
        b.tableam = tableam;
        b.relkind = relkind;
        b.owner = owner;
        b.withOids = withOids;
        b.dependencies = dependencies;
        b.dataOffset = dataOffset;
        b.fileName = fileName;
        return b;
    }

    /** Unique, positive; not contiguous and not sorted in the TOC. */
    public int dumpId() {
        return dumpId;
    }

    /** True if the entry owns a data block (TABLE DATA, BLOBS). */
    public boolean hadDumper() {
        return hadDumper;
    }

    /** OID of the object's system catalog as decimal text, {@code "0"} when none. */
    public String tableoid() {
        return tableoid;
    }

    /** The object's OID as decimal text, {@code "0"} when none. */
    public String oid() {
        return oid;
    }

    /** The object name {@code pg_restore -l} shows. */
    public String tag() {
        return tag;
    }

    /** Object type: {@code TABLE}, {@code TABLE DATA}, {@code SCHEMA}, … */
    public String desc() {
        return desc;
    }

    /** {@link #SECTION_NONE}, {@link #SECTION_PRE_DATA}, {@link #SECTION_DATA} or {@link #SECTION_POST_DATA}. */
    public int section() {
        return section;
    }

    /** The SQL that creates the object; null for TABLE DATA. */
    public String defn() {
        return defn;
    }

    /** The SQL that drops the object; pg_restore derives ALTER … OWNER TO from it for functions. */
    public String dropStmt() {
        return dropStmt;
    }

    /** {@code COPY … FROM stdin;} for TABLE DATA in COPY mode, else null. */
    public String copyStmt() {
        return copyStmt;
    }

    /** Schema name, null for schema-less objects. */
    public String namespace() {
        return namespace;
    }

    /** Null for non-relations, {@code ""} for the database default. */
    public String tablespace() {
        return tablespace;
    }

    /** Table access method ({@code heap}) for tables and materialized views; archive 1.14+. */
    public String tableam() {
        return tableam;
    }

    /** ASCII code of pg_class.relkind for relations, else 0; archive 1.16+ only. */
    public int relkind() {
        return relkind;
    }

    /** Owning role; null for extensions and special entries. */
    public String owner() {
        return owner;
    }

    /** {@code "false"} in every current archive. */
    public String withOids() {
        return withOids;
    }

    /** dumpIds this entry depends on, as decimal text, verbatim: may repeat and name absent entries. */
    public List<String> dependencies() {
        return dependencies;
    }

    /** Custom format: the data offset as read; null for directory and tar archives. */
    public DataOffset dataOffset() {
        return dataOffset;
    }

    /** Directory and tar format: the data file name, {@code ""} without data; null for custom archives. */
    public String fileName() {
        return fileName;
    }

    public TocEntry withDumpId(int value) {
        Builder b = toBuilder();
        b.dumpId = value;
        return b.build();
    }

    public TocEntry withHadDumper(boolean value) {
        Builder b = toBuilder();
        b.hadDumper = value;
        return b.build();
    }

    public TocEntry withTableoid(String value) {
        Builder b = toBuilder();
        b.tableoid = value;
        return b.build();
    }

    public TocEntry withOid(String value) {
        Builder b = toBuilder();
        b.oid = value;
        return b.build();
    }

    public TocEntry withTag(String value) {
        Builder b = toBuilder();
        b.tag = value;
        return b.build();
    }

    public TocEntry withDesc(String value) {
        Builder b = toBuilder();
        b.desc = value;
        return b.build();
    }

    public TocEntry withSection(int value) {
        Builder b = toBuilder();
        b.section = value;
        return b.build();
    }

    public TocEntry withDefn(String value) {
        Builder b = toBuilder();
        b.defn = value;
        return b.build();
    }

    public TocEntry withDropStmt(String value) {
        Builder b = toBuilder();
        b.dropStmt = value;
        return b.build();
    }

    public TocEntry withCopyStmt(String value) {
        Builder b = toBuilder();
        b.copyStmt = value;
        return b.build();
    }

    public TocEntry withNamespace(String value) {
        Builder b = toBuilder();
        b.namespace = value;
        return b.build();
    }

    public TocEntry withTablespace(String value) {
        Builder b = toBuilder();
        b.tablespace = value;
        return b.build();
    }

    public TocEntry withTableam(String value) {
        Builder b = toBuilder();
        b.tableam = value;
        return b.build();
    }

    public TocEntry withRelkind(int value) {
        Builder b = toBuilder();
        b.relkind = value;
        return b.build();
    }

    public TocEntry withOwner(String value) {
        Builder b = toBuilder();
        b.owner = value;
        return b.build();
    }

    public TocEntry withWithOids(String value) {
        Builder b = toBuilder();
        b.withOids = value;
        return b.build();
    }

    public TocEntry withDependencies(List<String> value) {
        Builder b = toBuilder();
        b.dependencies = value;
        return b.build();
    }

    public TocEntry withDataOffset(DataOffset value) {
        Builder b = toBuilder();
        b.dataOffset = value;
        return b.build();
    }

    public TocEntry withFileName(String value) {
        Builder b = toBuilder();
        b.fileName = value;
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TocEntry e)) {
            return false;
        }
        return dumpId == e.dumpId && hadDumper == e.hadDumper && section == e.section && relkind == e.relkind
                && Objects.equals(tableoid, e.tableoid) && Objects.equals(oid, e.oid) && Objects.equals(tag, e.tag)
                && Objects.equals(desc, e.desc) && Objects.equals(defn, e.defn)
                && Objects.equals(dropStmt, e.dropStmt) && Objects.equals(copyStmt, e.copyStmt)
                && Objects.equals(namespace, e.namespace) && Objects.equals(tablespace, e.tablespace)
                && Objects.equals(tableam, e.tableam) && Objects.equals(owner, e.owner)
                && Objects.equals(withOids, e.withOids) && dependencies.equals(e.dependencies)
                && Objects.equals(dataOffset, e.dataOffset) && Objects.equals(fileName, e.fileName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dumpId, desc, tag, namespace, defn);
    }

    /** {@code 5118; 0 26170 TABLE DATA app log postgres}, the shape of a {@code pg_restore -l} line. */
    @Override
    public String toString() {
        return dumpId + "; " + tableoid + " " + oid + " " + desc + " " + (namespace == null ? "-" : namespace) + " "
                + tag + " " + (owner == null ? "" : owner);
    }

    /** Mutable holder for building entries; unset strings are null, numbers 0, dependencies empty. */
    public static final class Builder {
        private int dumpId;
        private boolean hadDumper;
        private String tableoid = "0";
        private String oid = "0";
        private String tag;
        private String desc;
        private int section = SECTION_NONE;
        private String defn;
        private String dropStmt;
        private String copyStmt;
        private String namespace;
        private String tablespace;
        private String tableam;
        private int relkind;
        private String owner;
        private String withOids = "false";
        private List<String> dependencies = List.of();
        private DataOffset dataOffset;
        private String fileName;

        private Builder() {
        }

        public Builder dumpId(int v) {
            dumpId = v;
            return this;
        }

        public Builder hadDumper(boolean v) {
            hadDumper = v;
            return this;
        }

        public Builder tableoid(String v) {
            tableoid = v;
            return this;
        }

        public Builder oid(String v) {
            oid = v;
            return this;
        }

        public Builder tag(String v) {
            tag = v;
            return this;
        }

        public Builder desc(String v) {
            desc = v;
            return this;
        }

        public Builder section(int v) {
            section = v;
            return this;
        }

        public Builder defn(String v) {
            defn = v;
            return this;
        }

        public Builder dropStmt(String v) {
            dropStmt = v;
            return this;
        }

        public Builder copyStmt(String v) {
            copyStmt = v;
            return this;
        }

        public Builder namespace(String v) {
            namespace = v;
            return this;
        }

        public Builder tablespace(String v) {
            tablespace = v;
            return this;
        }

        public Builder tableam(String v) {
            tableam = v;
            return this;
        }

        public Builder relkind(int v) {
            relkind = v;
            return this;
        }

        public Builder owner(String v) {
            owner = v;
            return this;
        }

        public Builder withOids(String v) {
            withOids = v;
            return this;
        }

        public Builder dependencies(List<String> v) {
            dependencies = v;
            return this;
        }

        public Builder dataOffset(DataOffset v) {
            dataOffset = v;
            return this;
        }

        public Builder fileName(String v) {
            fileName = v;
            return this;
        }

        public TocEntry build() {
            return new TocEntry(this);
        }
    }
}
