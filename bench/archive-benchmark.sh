#!/usr/bin/env bash
# Benchmarks pgrelocate on a pg_dump custom-format archive of at least 1 GB, in one run each:
# rewriting it into a new archive against `cat` and against the pg_restore -f - | rewrite route, and
# restoring the result with `restore --jobs 2` against `pg_restore -j 2` (issue 6, "Proof").
# The results are a Markdown section on stdout; --write also puts it into BENCHMARKS.md as "## Archives"
# (or the --section given).
#
#   bench/archive-benchmark.sh [--size MB] [--work DIR] [--jar JAR] [--keep] [--rewrite-only] [--section TITLE] [--write]
#
# Never turn these figures into a timed assertion in a unit test: they belong here.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/archive-benchmark.sh [options]

Starts a throwaway PostgreSQL 15 server with its default settings, builds a database owned by the
non-superuser `app` (citext, hstore and pg_trgm in public; four tables of random, hardly
compressible data using citext and hstore; primary keys, indexes, one of them gin_trgm_ops, a
foreign key), dumps it with `pg_dump -Fc` into in.dump (at least --size MiB) and times, once each:
  (a) cat in.dump > copy.dump
  (s) cat in.dump > copy.dump; sync copy.dump     (the durability pgrelocate's default has)
  (t) java -jar pgrelocate-cli.jar rewrite --no-sync schema.dump -o schema.out.dump
                         (in.dump's schema restored and dumped again: its TOC, empty tables; the fixed cost)
  (n) java -jar pgrelocate-cli.jar rewrite --no-sync in.dump -o out.nosync.dump
  (b) java -jar pgrelocate-cli.jar rewrite in.dump -o out.dump
  (c) pg_restore -f - in.dump | java -jar pgrelocate-cli.jar rewrite > out.sql
  (d) pg_restore -j 2 -d DB out.dump                                 (as app, into a fresh database)
  (e) java -jar pgrelocate-cli.jar restore --jobs 2 --url 'jdbc:postgresql://localhost:PORT/DB?user=app' out.dump
Verdicts: (b) within 1.5x of (s) and (n) within 1.5x of (a); (e) no slower than (d). Checks: `pg_restore -l out.dump` works,
out.dump's table data equals in.dump's, and the databases of (d) and (e) have the same fingerprint
(per table row count and content hash, schema shape), equal to the source's tables, with citext,
hstore and pg_trgm in heroku_ext. Prints the results as the "## Archives" section of BENCHMARKS.md.
--rewrite-only leaves out (c), (d) and (e): for the rewrite's figures at other sizes.

Options:
  --size MB    least size of in.dump in MiB (default 1100; at least 1024 for the record; 30 for a try)
  --work DIR   work directory (default bench/work, git-ignored)
  --jar JAR    pgrelocate CLI jar (default: built with `mvn -B -q -o -pl dump-rewriter package -DskipTests`)
  --keep       keep in.dump for the next run (reused when size and generator match)
  --rewrite-only  time (a), (s), (t), (n) and (b) only, with their checks
  --section TITLE the section's title (default "Archives")
  --write      replace the section of that title in BENCHMARKS.md with the results
  -h, --help   this text

Runs as root (initdb and pg_ctl run as the postgres user); binaries from $PG_BIN (default
/usr/lib/postgresql/15/bin). Extra JVM options for pgrelocate in $JAVA_OPTS (default none).
Exit status: 0 when both verdicts and all checks passed; 1 otherwise (the results are still printed
and, with --write, recorded); 2 on usage errors.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZE_MB=1100
WORK="$ROOT/bench/work"
JAR=""
KEEP=0
WRITE=0
REWRITE_ONLY=0
SECTION_TITLE=Archives
JOBS=2
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
JAVA_OPTS=${JAVA_OPTS:-}

while [ $# -gt 0 ]; do
    case "$1" in
        --size) SIZE_MB=${2:?--size needs MB}; shift 2 ;;
        --work) WORK=${2:?--work needs DIR}; shift 2 ;;
        --jar) JAR=${2:?--jar needs a path}; shift 2 ;;
        --keep) KEEP=1; shift ;;
        --write) WRITE=1; shift ;;
        --rewrite-only) REWRITE_ONLY=1; shift ;;
        --section) SECTION_TITLE=${2:?--section needs a title}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "archive-benchmark: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$SIZE_MB" =~ ^[0-9]+$ && "$SIZE_MB" -gt 0 ]] || { echo "archive-benchmark: --size must be a positive integer" >&2; exit 2; }

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
die() { echo "archive-benchmark: $*" >&2; exit 1; }

for tool in java python3 awk runuser md5sum; do
    command -v "$tool" >/dev/null || die "$tool is required"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is required (Debian: apt-get install time)"
for b in initdb pg_ctl psql pg_dump pg_restore; do
    [ -x "$PG_BIN/$b" ] || die "$b not found in $PG_BIN"
done
[ "$(id -u)" = 0 ] || die "run as root: initdb and pg_ctl run as the postgres user"

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
IN="$WORK/in.dump"
OUT="$WORK/out.dump"
OUT_SQL="$WORK/out.sql"
COPY="$WORK/copy.dump"
MYJAR="$WORK/archive-cli.jar"   # a name of its own: the other scripts remove theirs

cleanup() {
    bench_pg_stop
    rm -f "$OUT" "$OUT_SQL" "$COPY" "$MYJAR" "$WORK"/archive.* "$WORK/out.nosync.dump"
    if [ "$KEEP" = 0 ]; then rm -f "$IN" "$IN".params "$IN".fp "$IN".meta; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------------------------ the jar
if [ -z "$JAR" ]; then
    log "building the CLI jar (mvn -o -pl dump-rewriter package -DskipTests)"
    (cd "$ROOT" && mvn -B -q -o -pl dump-rewriter package -DskipTests) >&2 || die "the Maven build failed"
    jars=("$ROOT"/dump-rewriter/target/pgrelocate-dump-rewriter-*-cli.jar)
    JAR=${jars[0]}
fi
[ -f "$JAR" ] || die "jar not found: $JAR"
cp "$JAR" "$MYJAR"   # a private copy: a concurrent rebuild must not change what is measured
JAR_NAME=$(basename "$JAR")
JAR_BUILT=$(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')
GIT_REV=$(bench_git_rev "$ROOT")
# shellcheck disable=SC2206
JAVA_ARGS=($JAVA_OPTS)
JAVA=(java ${JAVA_ARGS[@]+"${JAVA_ARGS[@]}"} -jar "$MYJAR")

bench_pg_start
PG_SETTINGS=$(bench_pg_settings)
su_psql -d postgres -c "CREATE ROLE app LOGIN CREATEDB"
app_psql() { "$PG_BIN/psql" -X -q -h localhost -p "$PG_PORT" -U app -v ON_ERROR_STOP=1 "$@"; }

# ------------------------------------------------------------------------------------ the archive
# md5 hex is about half entropy, so gzip shrinks these rows to ~55%. EVENTS_PER_MIB events (plus a
# quarter as many documents and a tenth as many accounts) make a bit more than 1 MiB of archive.
EVENTS_PER_MIB=6250
read -r -d '' GEN_SCHEMA <<'SQL' || true
CREATE EXTENSION citext WITH SCHEMA public;
CREATE EXTENSION hstore WITH SCHEMA public;
CREATE EXTENSION pg_trgm WITH SCHEMA public;
CREATE TABLE accounts (id bigint NOT NULL, email citext NOT NULL, name text NOT NULL, attrs hstore, created_at timestamptz NOT NULL);
CREATE TABLE events (id bigint NOT NULL, account_id bigint NOT NULL, kind citext NOT NULL, payload text NOT NULL, tags hstore, at timestamptz NOT NULL);
CREATE TABLE documents (id bigint NOT NULL, title citext NOT NULL, body text NOT NULL, meta hstore);
CREATE TABLE settings (key citext NOT NULL, value hstore NOT NULL);
SQL
# Two sessions fill the tables, since the server has as many CPUs as sessions; :lo and :hi split events.
read -r -d '' GEN_EVENTS <<'SQL' || true
INSERT INTO events
SELECT g, 1 + g % :accounts, (ARRAY['Login', 'Logout', 'Purchase', 'Refund', 'Error'])[1 + g % 5],
       md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text),
       hstore(ARRAY['ip', 'session'], ARRAY[md5(random()::text), md5(random()::text)]),
       timestamptz '2024-01-01 00:00+00' + g * interval '1 second'
FROM generate_series(:lo, :hi) g;
SQL
read -r -d '' GEN_REST <<'SQL' || true
INSERT INTO accounts
SELECT g, 'User' || g || '@Example.COM', md5(random()::text),
       hstore(ARRAY['plan', 'token'], ARRAY[(ARRAY['free', 'pro', 'team'])[1 + g % 3], md5(random()::text)]),
       timestamptz '2023-01-01 00:00+00' + g * interval '1 minute'
FROM generate_series(1, :accounts) g;
INSERT INTO documents
SELECT g, 'Doc ' || substr(md5(random()::text), 1, 12),
       md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text)
       || md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text),
       CASE WHEN g % 7 = 0 THEN NULL ELSE hstore('rev', md5(random()::text)) END
FROM generate_series(1, :documents) g;
INSERT INTO settings SELECT 'Setting.' || g, hstore(ARRAY['value', 'by'], ARRAY[md5(random()::text), 'app']) FROM generate_series(1, 1000) g;
SQL
read -r -d '' GEN_POST <<'SQL' || true
ALTER TABLE accounts ADD PRIMARY KEY (id);
ALTER TABLE events ADD PRIMARY KEY (id);
ALTER TABLE documents ADD PRIMARY KEY (id);
ALTER TABLE settings ADD PRIMARY KEY (key);
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);
CREATE INDEX events_account_id_idx ON events (account_id);
CREATE INDEX documents_title_trgm_idx ON documents USING gin (title gin_trgm_ops);
ALTER TABLE events ADD CONSTRAINT events_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id);
SQL

N_EVENTS=$((SIZE_MB * EVENTS_PER_MIB))
N_ACCOUNTS=$((N_EVENTS / 10 + 1))
N_DOCUMENTS=$((N_EVENTS / 4 + 1))
PARAMS="size_mib=$SIZE_MB events=$N_EVENTS generator=$(printf '%s' "$GEN_SCHEMA$GEN_EVENTS$GEN_REST$GEN_POST" | sha256sum | cut -c1-16) pg=$("$PG_BIN/pg_dump" --version | awk '{ print $3 }')"
if [ -f "$IN" ] && [ -f "$IN.fp" ] && [ -f "$IN.meta" ] && [ "$(cat "$IN.params" 2>/dev/null)" = "$PARAMS" ]; then
    log "reusing $IN ($PARAMS)"
else
    rm -f "$IN" "$IN".params "$IN".fp "$IN".meta
    log "building the source database: $N_EVENTS events, $N_DOCUMENTS documents, $N_ACCOUNTS accounts, 1000 settings"
    su_psql -d postgres -c "CREATE DATABASE src OWNER app"
    gen_start=$(date +%s)
    app_psql -d src -c "$GEN_SCHEMA"
    half=$((N_EVENTS * 6 / 10))
    app_psql -d src -v accounts="$N_ACCOUNTS" -v lo=1 -v hi="$half" -f <(printf '%s\n' "$GEN_EVENTS") &
    gen_pid=$!
    app_psql -d src -v accounts="$N_ACCOUNTS" -v documents="$N_DOCUMENTS" -v lo=$((half + 1)) -v hi="$N_EVENTS" \
        -f <(printf '%s\n%s\n' "$GEN_EVENTS" "$GEN_REST") || { wait "$gen_pid" || true; die "generating the data failed"; }
    wait "$gen_pid" || die "generating the data failed"
    app_psql -d src -c "$GEN_POST"
    gen_wall=$(( $(date +%s) - gen_start ))
    DB_BYTES=$(su_psql -d postgres -At -c "SELECT pg_database_size('src')")
    log "generated in $gen_wall s ($((DB_BYTES / 1048576)) MiB on disk); pg_dump -Fc src > in.dump"
    /usr/bin/time -v -o "$WORK/archive.pg_dump.time" "$PG_BIN/pg_dump" -Fc -h localhost -p "$PG_PORT" -U app -d src -f "$IN"
    read -r DUMP_WALL _ < <(bench_times "$WORK/archive.pg_dump.time")
    bench_fingerprint src > "$IN.fp"
    su_psql -d postgres -c "DROP DATABASE src"
    echo "$DB_BYTES $DUMP_WALL" > "$IN.meta"
    echo "$PARAMS" > "$IN.params"
fi
read -r DB_BYTES DUMP_WALL < "$IN.meta"
IN_BYTES=$(stat -c %s "$IN")
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
if [ "$IN_BYTES" -lt $((SIZE_MB * 1048576)) ]; then
    rm -f "$IN.params"   # never reused
    die "pg_dump -Fc wrote $IN_BYTES bytes ($(mib "$IN_BYTES") MiB), less than --size $SIZE_MB MiB: raise EVENTS_PER_MIB (now $EVENTS_PER_MIB) in $0"
fi
SRC_ROWS=$(awk '$1 == "table" { s += $3 } END { print s + 0 }' "$IN.fp")
"$PG_BIN/pg_restore" -l "$IN" > "$WORK/archive.in.list"
IN_TOC=$(grep -c '^[0-9]' "$WORK/archive.in.list")
IN_FORMAT=$(awk -F': *' '/^;  *Dump Version:/ { v = $2 } /^;  *Compression:/ { c = $2 } END { printf "format %s, compression %s", v, (c == "-1" ? "-1 = gzip at its default level" : c) }' "$WORK/archive.in.list")
log "$IN: $IN_BYTES bytes ($(mib "$IN_BYTES") MiB), $IN_TOC TOC entries, $SRC_ROWS rows"
# The fixed cost of a run is measured on the same TOC with empty tables: the schema restored from
# in.dump into a scratch database and dumped again, so it is made the same way for a kept in.dump.
SCHEMA="$WORK/archive.schema.dump"
su_psql -d postgres -c "CREATE DATABASE bench_schema OWNER app"
"$PG_BIN/pg_restore" -s -h localhost -p "$PG_PORT" -U app -d bench_schema "$IN"
"$PG_BIN/pg_dump" -Fc -h localhost -p "$PG_PORT" -U app -d bench_schema -f "$SCHEMA"
su_psql -d postgres -c "DROP DATABASE bench_schema"
SCHEMA_BYTES=$(stat -c %s "$SCHEMA")
SCHEMA_TOC=$("$PG_BIN/pg_restore" -l "$SCHEMA" | grep -c '^[0-9]')
log "$SCHEMA: in.dump's schema with empty tables, $SCHEMA_BYTES bytes, $SCHEMA_TOC TOC entries"

# ------------------------------------------------------------------------------------ timing
declare -A WALL CPU RSS RC
# timed KEY STDOUT CMD...: one run under /usr/bin/time -v; stderr to $WORK/archive.KEY.err.
timed() {
    local key=$1 out=$2 rc=0 wall cpu rss
    shift 2
    sync   # no run pays for the previous run's writeback
    /usr/bin/time -v -o "$WORK/archive.$key.time" "$@" > "$out" 2> "$WORK/archive.$key.err" || rc=$?
    read -r wall cpu rss < <(bench_times "$WORK/archive.$key.time")
    WALL[$key]=$wall; CPU[$key]=$cpu; RSS[$key]=$rss; RC[$key]=$rc
    log "  ($key) $wall s wall, $cpu s CPU, $rss KiB peak RSS, exit $rc"
    [ "$rc" = 0 ] || head -n 3 "$WORK/archive.$key.err" | sed 's/^/    /' >&2
}
err_of() { head -n 2 "$WORK/archive.$1.err" | tr '\n' ' ' | sed 's/ *$//; s/`/'"'"'/g'; }
# data_md5 CMD...: md5 of the COPY data rows (not the COPY lines) of the SQL that CMD prints.
data_md5() { "$@" | awk '/^COPY .* FROM stdin;$/ { c = 1; next } c && $0 == "\\." { c = 0; next } c' | md5sum | cut -d' ' -f1; }

CHECKS=()
CHECKS_OK=1
fail() { CHECKS+=("- $* ❌"); CHECKS_OK=0; }
pass() { CHECKS+=("- $* ✅"); }

log "warm-up: reading in.dump and the jar once"
cat "$IN" > /dev/null
"${JAVA[@]}" --version > /dev/null 2>&1 || true
timed v /dev/null "${JAVA[@]}" --version   # the JVM's start-up, part of every pgrelocate figure
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
START_UTC=$(date -u '+%Y-%m-%d %H:%M UTC')

log "(a) cat in.dump > copy.dump"
timed a "$COPY" cat "$IN"
rm -f "$COPY"

log "(s) cat in.dump > copy.dump; sync copy.dump  (cat with the durability pgrelocate's default has)"
timed s /dev/null sh -c 'cat "$1" > "$2" && sync "$2"' sh "$IN" "$COPY"
rm -f "$COPY"

log "(n) pgrelocate rewrite --no-sync in.dump -o out.nosync.dump"
timed n "$WORK/archive.n.out" "${JAVA[@]}" rewrite --no-sync "$IN" -o "$WORK/out.nosync.dump"

log "(t) pgrelocate rewrite --no-sync of in.dump's schema with empty tables (the fixed cost of a run)"
timed t "$WORK/archive.t.out" "${JAVA[@]}" rewrite --no-sync "$SCHEMA" -o "$WORK/archive.schema.out.dump"

log "(b) pgrelocate rewrite in.dump -o out.dump"
rm -f "$OUT"
timed b "$WORK/archive.b.out" "${JAVA[@]}" rewrite "$IN" -o "$OUT"
OUT_BYTES=""
if [ "${RC[b]}" != 0 ]; then
    fail "(b) failed, exit ${RC[b]}: $(err_of b)"
elif [ ! -s "$OUT" ] || [ "$(head -c 5 "$OUT")" != PGDMP ]; then
    RC[b]=no-archive
    fail "(b) exited 0 but out.dump is no custom-format archive (no PGDMP magic)."
else
    OUT_BYTES=$(stat -c %s "$OUT")
    if [ "${RC[n]}" = 0 ] && cmp -s "$WORK/out.nosync.dump" "$OUT"; then
        pass "(n) wrote the same bytes as (b) (\`cmp\`)."
    else
        fail "(n) exit ${RC[n]}: its output differs from (b)'s or is missing."
    fi
    rm -f "$WORK/out.nosync.dump"
    if OUT_TOC=$("$PG_BIN/pg_restore" -l "$OUT" 2> "$WORK/archive.list.err" | grep -c '^[0-9]'); then
        pass "\`pg_restore -l out.dump\` lists $OUT_TOC TOC entries (in.dump: $IN_TOC)."
    else
        fail "\`pg_restore -l out.dump\` failed: $(err_of list)"
    fi
    log "comparing the table data of in.dump and out.dump (pg_restore -a -f -)"
    IN_DATA=$(data_md5 "$PG_BIN/pg_restore" -a -f - "$IN")
    OUT_DATA=$(data_md5 "$PG_BIN/pg_restore" -a -f - "$OUT" 2>/dev/null)
    if [ "$IN_DATA" = "$OUT_DATA" ]; then
        pass "Table data of out.dump = in.dump's (md5 of the COPY rows \`pg_restore -a -f -\` prints: $IN_DATA); out.dump − in.dump = $((OUT_BYTES - IN_BYTES)) bytes."
    else
        fail "Table data of out.dump differs from in.dump's (md5 of the COPY rows: $OUT_DATA vs $IN_DATA); sizes $OUT_BYTES vs $IN_BYTES bytes."
    fi
fi

# sql_route: (c), the route through pg_restore's SQL, checked.
sql_route() {
    log "(c) pg_restore -f - in.dump | pgrelocate rewrite > out.sql"
    # shellcheck disable=SC2016 # the single-quoted script gets its arguments as $1...
    timed c "$WORK/archive.c.out" bash -c 'set -o pipefail; "$1" -f - "$2" | "${@:4}" > "$3"' _ \
        "$PG_BIN/pg_restore" "$IN" "$OUT_SQL" "${JAVA[@]}" rewrite
    if [ "${RC[c]}" != 0 ]; then
        fail "(c) failed, exit ${RC[c]}: $(err_of c)"
    else
        SQL_BYTES=$(stat -c %s "$OUT_SQL")
        SQL_EXT=$(grep -c '^CREATE EXTENSION .* WITH SCHEMA heroku_ext;$' "$OUT_SQL" || true)
        [ -n "${IN_DATA:-}" ] || IN_DATA=$(data_md5 "$PG_BIN/pg_restore" -a -f - "$IN")
        if [ "$(data_md5 cat "$OUT_SQL")" = "$IN_DATA" ] && [ "$SQL_EXT" = 3 ]; then
            pass "(c) wrote $SQL_BYTES bytes of SQL: the 3 \`CREATE EXTENSION\` statements \`WITH SCHEMA heroku_ext\`, COPY rows identical to in.dump's (md5 $IN_DATA)."
        else
            fail "(c) wrote $SQL_BYTES bytes of SQL with $SQL_EXT \`CREATE EXTENSION ... WITH SCHEMA heroku_ext\` (want 3) and COPY rows that differ from in.dump's."
        fi
    fi
    rm -f "$OUT_SQL"
}

# restore KEY: (d) or (e) into a fresh database owned by app, then its fingerprint.
restore() {
    local key=$1 db="bench_$1"
    su_psql -d postgres -c "CREATE DATABASE $db OWNER app"
    sync
    su_psql -d postgres -c "CHECKPOINT"   # no run pays for the previous run's dirty buffers
    if [ "$key" = d ]; then
        log "(d) pg_restore -j $JOBS -d $db $RESTORED (as app)"
        timed d "$WORK/archive.d.out" "$PG_BIN/pg_restore" -j "$JOBS" -h localhost -p "$PG_PORT" -U app -d "$db" "$RESTORE_IN"
    else
        log "(e) pgrelocate restore --jobs $JOBS --url ...$db?user=app $RESTORED"
        timed e "$WORK/archive.e.out" "${JAVA[@]}" restore --jobs "$JOBS" \
            --url "jdbc:postgresql://localhost:$PG_PORT/$db?user=app" "$RESTORE_IN"
    fi
    # pg_restore prints nothing on success: anything on its stderr counts as a failure.
    if [ "${RC[$key]}" != 0 ] || { [ "$key" = d ] && [ -s "$WORK/archive.d.err" ]; }; then
        [ "${RC[$key]}" != 0 ] || RC[$key]=stderr
        fail "($key) failed, exit ${RC[$key]}: $(err_of "$key")"
    fi
    bench_fingerprint "$db" > "$WORK/archive.$key.fp"
    su_psql -d postgres -c "DROP DATABASE $db"
}

# restore_checks: (d) and (e) hold the source's tables, and the same database.
restore_checks() {
    TABLES=$(grep -c '^table ' "$IN.fp")
    for key in d e; do
        [ "${RC[$key]}" = 0 ] || continue
        fp="$WORK/archive.$key.fp"
        ext=$(awk '$1 == "extension" && $2 != "plpgsql" { printf "%s%s in %s", (n++ ? ", " : ""), $2, $3 }' "$fp")
        if cmp -s <(grep '^table ' "$IN.fp") <(grep '^table ' "$fp"); then
            pass "($key): the $TABLES tables hold the source database's $SRC_ROWS rows, same per-table count and content hash (\`sum(hashtext(t::text))\`); extensions: $ext."
        else
            fail "($key): tables differ from the source database: $(diff <(grep '^table ' "$IN.fp") <(grep '^table ' "$fp") | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
        fi
        [ "$RESTORED" = in.dump ] || [ "$(grep -c '^extension \(citext\|hstore\|pg_trgm\) heroku_ext$' "$fp")" = 3 ] || fail "($key): citext, hstore and pg_trgm are not all in heroku_ext: $ext."
    done
    if [ "${RC[d]}" = 0 ] && [ "${RC[e]}" = 0 ]; then
        if cmp -s "$WORK/archive.d.fp" "$WORK/archive.e.fp"; then
            pass "(d) and (e) left identical databases: tables, relation counts per kind, constraints, functions, extensions and their schemas (\`cmp\` of the fingerprints)."
        else
            fail "(d) and (e) left different databases: $(diff "$WORK/archive.d.fp" "$WORK/archive.e.fp" | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
        fi
    fi
}

# Both restores read out.dump; while (b) cannot write it, they read in.dump (and the checks fail).
RESTORED=out.dump; RESTORE_IN=$OUT
if [ "$REWRITE_ONLY" = 0 ]; then
    sql_route
    if [ -z "$OUT_BYTES" ]; then
        RESTORED=in.dump; RESTORE_IN=$IN
        fail "No out.dump, since (b) failed: (d) and (e) restored in.dump instead."
    fi
    restore d
    restore e
    restore_checks
fi
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

# ------------------------------------------------------------------------------------ report
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { if (y > 0) printf "%.2f", x / y; else print "-" }'; }
VERDICTS=()
VERDICT_OK=1
URL="'jdbc:postgresql://localhost:PORT/DB?user=app'"
declare -A LABEL=(
    [a]="(a) \`cat in.dump > copy.dump\`"
    [s]="(s) \`cat in.dump > copy.dump; sync copy.dump\`"
    [n]="(n) \`java -jar $JAR_NAME rewrite --no-sync in.dump -o out.dump\`"
    [t]="(t) \`java -jar $JAR_NAME rewrite --no-sync schema.dump -o schema.out.dump\` (in.dump's TOC, empty tables: the fixed cost)"
    [b]="(b) \`java -jar $JAR_NAME rewrite in.dump -o out.dump\`"
    [c]="(c) \`pg_restore -f - in.dump \\| java -jar $JAR_NAME rewrite > out.sql\`"
    [d]="(d) \`pg_restore -j $JOBS -d DB $RESTORED\`"
    [e]="(e) \`java -jar $JAR_NAME restore --jobs $JOBS --url $URL $RESTORED\`"
)
if [ "${RC[b]}" != 0 ]; then
    VERDICTS+=("❌ Rewriting the archive failed (exit ${RC[b]}), so no comparison with \`cat\`."); VERDICT_OK=0
else
    # pgrelocate waits for its output to reach the disk (as pg_dump does, unless --no-sync): compare
    # like with like, cat + sync with (b), plain cat with (n).
    for pair in "b s cat in.dump > copy.dump; sync copy.dump" "n a cat in.dump > copy.dump"; do
        read -r mine theirs what <<<"$pair"
        if [ "${RC[$mine]}" != 0 ]; then
            VERDICTS+=("❌ ${LABEL[$mine]%%\`java*} failed (exit ${RC[$mine]})."); VERDICT_OK=0
        elif awk -v b="${WALL[$mine]}" -v a="${WALL[$theirs]}" 'BEGIN { exit !(b <= 1.5 * a) }'; then
            VERDICTS+=("✅ ${LABEL[$mine]} took ${WALL[$mine]} s, $(ratio "${WALL[$mine]}" "${WALL[$theirs]}")× the ${WALL[$theirs]} s of \`$what\`: within 1.5×.")
        else
            VERDICTS+=("❌ ${LABEL[$mine]} took ${WALL[$mine]} s, **$(ratio "${WALL[$mine]}" "${WALL[$theirs]}")× the ${WALL[$theirs]} s of \`$what\`**: not within 1.5×."); VERDICT_OK=0
        fi
    done
    beyond=$(awk -v n="${WALL[n]}" -v t="${WALL[t]}" 'BEGIN { printf "%.2f", n - t }')
    VERDICTS+=("The fixed cost of a pgrelocate run (JVM start-up, class loading, the extension catalog, the TOC) is (t), ${WALL[t]} s on in.dump's schema with empty tables ($SCHEMA_BYTES bytes, $SCHEMA_TOC TOC entries); beyond it, (n) copied the $(mib "$IN_BYTES") MiB in $beyond s against \`cat\`'s ${WALL[a]} s ($(ratio "$beyond" "${WALL[a]}")×).")
    [ "$REWRITE_ONLY" = 1 ] || VERDICTS+=("The SQL route (c) took ${WALL[c]} s ($(ratio "${WALL[c]}" "${WALL[b]}")× (b)).")
fi
if [ "$REWRITE_ONLY" = 1 ]; then
    : # no restores timed
elif [ "${RC[e]}" != 0 ] || [ "${RC[d]}" != 0 ]; then
    VERDICTS+=("❌ A restore failed ((d) exit ${RC[d]}, (e) exit ${RC[e]}), so no comparison."); VERDICT_OK=0
elif awk -v e="${WALL[e]}" -v d="${WALL[d]}" 'BEGIN { exit !(e <= d) }'; then
    VERDICTS+=("✅ \`pgrelocate restore --jobs $JOBS\` took ${WALL[e]} s, no slower than \`pg_restore -j $JOBS\` (${WALL[d]} s; $(ratio "${WALL[e]}" "${WALL[d]}")×).")
else
    VERDICTS+=("❌ \`pgrelocate restore --jobs $JOBS\` took ${WALL[e]} s, **slower than \`pg_restore -j $JOBS\`** (${WALL[d]} s; $(ratio "${WALL[e]}" "${WALL[d]}")×)."); VERDICT_OK=0
fi
[ "$CHECKS_OK" = 1 ] || VERDICT_OK=0

row() {
    local k=$1 note="" speed
    speed=$(awk -v b="$IN_BYTES" -v s="${WALL[$k]}" 'BEGIN { if (s > 0) printf "%.0f MiB/s", b / 1048576 / s; else print "-" }')
    [ "$k" != t ] || speed="-"
    [ "${RC[$k]}" = 0 ] || { note=" (**failed, exit ${RC[$k]}**)"; speed="-"; }
    printf '| %s%s | %s s | %s | %s s | %s MiB |\n' "${LABEL[$k]}" "$note" "${WALL[$k]}" "$speed" \
        "${CPU[$k]}" "$(mib $((RSS[$k] * 1024)))"
}
OUT_DESC="not written"
[ -z "$OUT_BYTES" ] || OUT_DESC="$OUT_BYTES bytes ($(mib "$OUT_BYTES") MiB), out.dump − in.dump = $((OUT_BYTES - IN_BYTES)) bytes"
SECTION=$(cat <<EOF
## $SECTION_TITLE

Measured $START_UTC by \`bench/archive-benchmark.sh --size $SIZE_MB$([ "$REWRITE_ONLY" = 0 ] || printf ' --rewrite-only')\`.

- Machine: $(bench_machine "$WORK")
- PostgreSQL $PG_VERSION (server, \`pg_dump\`, \`pg_restore\`), a throwaway cluster (\`initdb -E UTF8 --locale=C\`) with the **default settings** ($PG_SETTINGS), reached over TCP on localhost
- Java: $(java -version 2>&1 | head -n 2 | tr '\n' ' ' | sed 's/ *$//'); pgrelocate: \`$JAR_NAME\` built $JAR_BUILT, working tree at $GIT_REV; default preset (heroku), default JVM heap${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}
- Input: \`in.dump\`, \`pg_dump -Fc\` ($IN_FORMAT) of a generated database owned by the non-superuser \`app\` ($(mib "$DB_BYTES") MiB on disk; dumped in $DUMP_WALL s): citext, hstore and pg_trgm \`WITH SCHEMA public\`; tables events, documents, accounts and settings with citext and hstore columns, $SRC_ROWS rows of \`md5(random()::text)\` text (hardly compressible); primary keys, a unique citext index, a btree index, a \`gin_trgm_ops\` index and a foreign key. $IN_BYTES bytes ($(mib "$IN_BYTES") MiB), $IN_TOC TOC entries; out.dump: $OUT_DESC
- Method: one run each, in the order (a) to (e), outputs on the same disk as the input; \`sync\` before each, and before (d) and (e) a \`CHECKPOINT\`; in.dump read once beforehand, so it was in the page cache. (d) and (e) each restore into a fresh database created \`OWNER app\` (no \`heroku_ext\` created beforehand), as \`app\`, which is dropped after the checks. Wall time, CPU time (user + sys) and peak RSS of the client from \`/usr/bin/time -v\` ((c): both processes of the pipe, the RSS of the larger one; the server's work is in the wall time only); MiB/s = in.dump's size / wall time. Load average (1 min) before / after: $LOAD_BEFORE / $LOAD_AFTER on $(nproc) CPUs

| Command | Wall time | Throughput | Client CPU | Client peak RSS |
|---|---:|---:|---:|---:|
$(row a)
$(row s)
$(row t)
$(row n)
$(row b)
$([ "$REWRITE_ONLY" = 1 ] || printf '%s\n%s\n%s' "$(row c)" "$(row d)" "$(row e)")

$(printf '%s\n\n' "${VERDICTS[@]}")

The pgrelocate figures include the JVM's start-up (\`java -jar $JAR_NAME --version\`: ${WALL[v]} s). By default pgrelocate waits for the new archive to reach the disk before renaming it into place (\`fsync\`, as pg_dump does unless \`--no-sync\`), so (b) compares with (s), \`cat\` followed by \`sync\` of its output, and \`rewrite --no-sync\` (n) with plain \`cat\` (a). Every chunk length of the data section is checked first, read through read-only memory maps of 64 MiB at a time (their touched pages count in the peak RSS); then the blocks are copied by the kernel (\`FileChannel.transferTo\`, one call for consecutive blocks), never decompressed.

Checks:

$(printf '%s\n' "${CHECKS[@]}")
EOF
)
printf '%s\n' "$SECTION"

[ "$WRITE" = 0 ] || bench_write_section "$ROOT/BENCHMARKS.md" "$SECTION_TITLE" "$SECTION"
[ "$VERDICT_OK" = 1 ]
