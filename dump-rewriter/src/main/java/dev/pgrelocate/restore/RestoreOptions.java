package dev.pgrelocate.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * How {@link RestoreEngine} runs a script.
 *
 * @param singleTransaction wrap everything (pre-SQL, the script, post-SQL) in one transaction, rolled back on failure
 * @param continueOnError   run on after a failing statement and collect every error (psql without ON_ERROR_STOP)
 * @param clean             accept a non-empty target for a dump made with {@code pg_dump --clean}: its DROPs must come
 *                          before its first CREATE
 * @param force             accept a non-empty target whatever the dump holds
 * @param allowConnect      follow {@code \connect} to another database (same credentials)
 * @param preSql            SQL texts run before the script
 * @param postSql           SQL texts run after the script
 */
public record RestoreOptions(boolean singleTransaction, boolean continueOnError, boolean clean, boolean force,
        boolean allowConnect, List<String> preSql, List<String> postSql) {

    public RestoreOptions {
        preSql = List.copyOf(preSql);
        postSql = List.copyOf(postSql);
        if (singleTransaction && continueOnError) {
            throw new IllegalArgumentException("single-transaction and continue-on-error exclude each other");
        }
    }

    /** Stop at the first error, autocommit, refuse a non-empty target. */
    public static RestoreOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RestoreOptions}. */
    public static final class Builder {
        private boolean singleTransaction;
        private boolean continueOnError;
        private boolean clean;
        private boolean force;
        private boolean allowConnect;
        private final List<String> preSql = new ArrayList<>();
        private final List<String> postSql = new ArrayList<>();

        public Builder singleTransaction(boolean value) {
            singleTransaction = value;
            return this;
        }

        public Builder continueOnError(boolean value) {
            continueOnError = value;
            return this;
        }

        public Builder clean(boolean value) {
            clean = value;
            return this;
        }

        public Builder force(boolean value) {
            force = value;
            return this;
        }

        public Builder allowConnect(boolean value) {
            allowConnect = value;
            return this;
        }

        public Builder preSql(String sql) {
            preSql.add(sql);
            return this;
        }

        public Builder postSql(String sql) {
            postSql.add(sql);
            return this;
        }

        public RestoreOptions build() {
            return new RestoreOptions(singleTransaction, continueOnError, clean, force, allowConnect, preSql, postSql);
        }
    }
}
