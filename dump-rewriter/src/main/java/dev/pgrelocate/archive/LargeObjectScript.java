package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * Large objects as SQL, the way pg_restore writes them to a script: one transaction around the
 * objects of a BLOBS entry, each opened for writing and written in 16 kB pieces as bytea literals.
 * The objects themselves were created earlier by the BLOB / BLOB METADATA entries.
 */
final class LargeObjectScript {
    /** pg_restore's LO buffer size: each lowrite carries this many bytes except the last. */
    private static final int PIECE = 16384;
    /** INV_WRITE of libpq-fs.h. */
    private static final int INV_WRITE = 0x20000;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ScriptOutput out;
    private final boolean stdStrings;

    LargeObjectScript(ScriptOutput out, boolean stdStrings) {
        this.out = out;
        this.stdStrings = stdStrings;
    }

    void begin() throws IOException {
        out.print("BEGIN;\n\n");
    }

    void commit() throws IOException {
        out.print("COMMIT;\n\n");
    }

    void largeObject(long oid, InputStream data) throws IOException {
        out.print("SELECT pg_catalog.lo_open('" + oid + "', " + INV_WRITE + ");\n");
        byte[] piece = new byte[PIECE];
        for (int n; (n = data.readNBytes(piece, 0, PIECE)) > 0; ) {
            out.print("SELECT pg_catalog.lowrite(0, " + byteaLiteral(piece, n) + ");\n");
        }
        out.print("SELECT pg_catalog.lo_close(0);\n\n");
    }

    /** Hex bytea literal; with standard_conforming_strings off the backslash is doubled. */
    private String byteaLiteral(byte[] bytes, int length) {
        StringBuilder literal = new StringBuilder(2 * length + 5);
        literal.append('\'');
        if (!stdStrings) {
            literal.append('\\');
        }
        literal.append("\\x");
        for (int i = 0; i < length; i++) {
            literal.append(HEX[(bytes[i] >> 4) & 0xF]).append(HEX[bytes[i] & 0xF]);
        }
        return literal.append('\'').toString();
    }
}
