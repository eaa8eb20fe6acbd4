#!/usr/bin/env bash
# Benchmarks `pgrelocate rewrite` on a plain pg_dump of at least 1 GB against `cat` (the I/O floor)
# and the sed line users write by hand, and records the rewriter's peak RSS under -Xmx64m.
# The results are a Markdown section on stdout; --write also puts it into BENCHMARKS.md.
#
#   bench/rewrite-benchmark.sh [--size MB] [--work DIR] [--runs N] [--jar JAR] [--keep] [--write] [--load]
#
# Never turn these figures into a timed assertion in a unit test: they belong here.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/rewrite-benchmark.sh [options]

Generates a plain pg_dump of at least --size MiB (mostly COPY data) from the real pg_dump 15
fixture rails_app.plain.sql, then times, in one run and best of --runs each, with a warm page cache:
  cat IN > OUT
  sed -e 's/CREATE SCHEMA heroku_ext;/CREATE SCHEMA IF NOT EXISTS heroku_ext;/' \
      -e 's/WITH SCHEMA public;/WITH SCHEMA heroku_ext;/' IN > OUT
  java -Xmx64m -jar pgrelocate-cli.jar rewrite -q IN -o OUT
and checks the rewriter's output (only the expected lines differ, COPY data untouched, a second
rewrite changes nothing). Prints the results as the "## Plain rewrite" section of BENCHMARKS.md.

Options:
  --size MB    size of the generated dump in MiB (default 1100; at least 1024 for the record)
  --work DIR   work directory (default bench/work, git-ignored)
  --runs N     timed runs of each command (default 3)
  --jar JAR    pgrelocate CLI jar (default: dump-rewriter/target/*-cli.jar, built with Maven if missing;
               extra Maven flags in $MVN_FLAGS, e.g. MVN_FLAGS=-o)
  --keep       keep the generated dump for the next run (it is reused when size and generator match)
  --write      replace the "## Plain rewrite" section of BENCHMARKS.md with the results
  --load       also restore the rewritten dump into a scratch PostgreSQL 15 (initdb as the postgres
               user; binaries from $PG_BIN, default /usr/lib/postgresql/15/bin) and compare row counts
  -h, --help   this text

Exit status: 0 when the rewriter finished under -Xmx64m, was no slower than sed and passed the
checks; 1 otherwise (the results are still printed and, with --write, recorded); 2 on usage errors.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SKELETON="$ROOT/dump-rewriter/src/test/resources/fixtures/plain/rails_app.plain.sql"
SIZE_MB=1100
WORK="$ROOT/bench/work"
RUNS=3
JAR=""
KEEP=0
WRITE=0
LOAD=0
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
XMX=64m

while [ $# -gt 0 ]; do
    case "$1" in
        --size) SIZE_MB=${2:?--size needs MB}; shift 2 ;;
        --work) WORK=${2:?--work needs DIR}; shift 2 ;;
        --runs) RUNS=${2:?--runs needs N}; shift 2 ;;
        --jar) JAR=${2:?--jar needs a path}; shift 2 ;;
        --keep) KEEP=1; shift ;;
        --write) WRITE=1; shift ;;
        --load) LOAD=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "rewrite-benchmark: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$SIZE_MB" =~ ^[0-9]+$ && "$SIZE_MB" -gt 0 ]] || { echo "rewrite-benchmark: --size must be a positive integer" >&2; exit 2; }
[[ "$RUNS" =~ ^[0-9]+$ && "$RUNS" -gt 0 ]] || { echo "rewrite-benchmark: --runs must be a positive integer" >&2; exit 2; }

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { echo "rewrite-benchmark: $*" >&2; exit 1; }

for tool in java python3 awk sed diff cmp; do
    command -v "$tool" >/dev/null || die "$tool is required"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is required for the peak RSS (Debian: apt-get install time)"
[ -f "$SKELETON" ] || die "skeleton dump not found: $SKELETON"

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
IN="$WORK/dump.sql"
OUT_CAT="$WORK/out.cat.sql"
OUT_SED="$WORK/out.sed.sql"
OUT_PGR="$WORK/out.pgrelocate.sql"
OUT_PGR2="$WORK/out.pgrelocate.again.sql"
PG_SCRATCH=""
PG_STARTED=0

cleanup() {
    if [ "$PG_STARTED" = 1 ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_SCRATCH/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    [ -n "$PG_SCRATCH" ] && rm -rf "$PG_SCRATCH"
    rm -f "$OUT_CAT" "$OUT_SED" "$OUT_PGR" "$OUT_PGR2" "$WORK"/.out.*.pgrelocate-tmp "$WORK"/*.diff \
        "$WORK"/time.*.txt "$WORK"/*.stderr "$WORK/skeleton.out.sql" "$WORK/copy-ranges.txt" "$WORK/pgrelocate-cli.jar"
    if [ "$KEEP" = 0 ]; then
        rm -f "$IN" "$IN.params" "$WORK/generated-rows.txt"
    fi
}
trap cleanup EXIT

# ------------------------------------------------------------------------------------ the jar
if [ -z "$JAR" ]; then
    JAR="$ROOT/dump-rewriter/target/pgrelocate-dump-rewriter-0.1.0-SNAPSHOT-cli.jar"
    if [ ! -f "$JAR" ]; then
        log "building $JAR"
        # shellcheck disable=SC2086
        (cd "$ROOT" && mvn -B -q ${MVN_FLAGS:-} -pl dump-rewriter -am package -DskipTests) >&2
    fi
fi
[ -f "$JAR" ] || die "jar not found: $JAR"
# A private copy: a rebuild during the run must not change what is measured.
cp "$JAR" "$WORK/pgrelocate-cli.jar"
JAR_NAME=$(basename "$JAR")
JAR_BUILT=$(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')
JAR="$WORK/pgrelocate-cli.jar"
GIT_REV=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$GIT_REV" != unknown ] && [ -n "$(cd "$ROOT" && git status --porcelain -- dump-rewriter/src/main 2>/dev/null)" ]; then
    GIT_REV="$GIT_REV + uncommitted changes in dump-rewriter/src/main"
fi

# ------------------------------------------------------------------------------------ generator
# Grows the COPY blocks of the skeleton until the file has at least TARGET bytes. Deterministic:
# row i of a table is a pure function of i. Rows vary in length and content (tabs, COPY escapes,
# JSON escapes, non-ASCII, NULLs) and about one row in 20000 holds SQL text such as
# "WITH SCHEMA public;" - what a sed over the whole file rewrites by mistake. Keys stay unique and
# bookings never overlap per room, so the dump also restores (see --load).
read -r -d '' GENERATOR <<'PY' || true
import hashlib, re, sys
from datetime import date, timedelta

skeleton, out_path, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(skeleton, 'rb') as f:
    lines = f.read().splitlines(keepends=True)
data_budget = max(0, target - sum(len(l) for l in lines))

# share of the added bytes per table
SHARES = {'app.audit_events': 0.50, 'public.bookings': 0.20, 'public.notes': 0.15, 'public.users': 0.15}
SEQUENCES = {'app.audit_events': 'app.audit_events_id_seq', 'public.bookings': 'public.bookings_id_seq',
             'public.notes': 'public.notes_id_seq', 'public.users': 'public.users_id_seq'}

def h(i, salt, n):
    return hashlib.sha1(b'%d/%s' % (i, salt)).hexdigest()[:n]

_days = {}
def day(d):
    s = _days.get(d)
    if s is None:
        s = _days[d] = (date(2024, 1, 1) + timedelta(days=d)).isoformat()
    return s

EVENTS = ['booking.created', 'booking.cancelled', 'user.signed_in', 'user.signed_out', 'room.updated',
          'invoice.paid', 'export.finished']
TENANTS = ['1', '2', '3', '4', '5', r'\N']
PAYLOADS = [
    '{{"ip": "10.{a}.{b}.{c}", "booking_id": {n}}}',
    '{{"ua": "Mozilla/5.0 (X11; Linux x86_64; rv:{a}.0) Gecko/20100101 Firefox/{a}.0", "user_id": {n}}}',
    '{{"city": "Zürich", "name": "Société Générale", "note": "日本語のメモ 🐘 #{n}"}}',
    r'{{"tab": "a\\tb", "path": "C:\\\\Users\\\\app\\\\{n}", "quote": "say \\"hi\\""}}',
    r'{{"msg": "line one\\nline two\\nline {n}", "level": "warn"}}',
    '{{"diff": {{"name": ["Cedar {a}", "Cedar {b}"], "capacity": [{a}, {c}]}}, "room_id": {n}}}',
    '{{"rows": {n}, "format": "csv", "columns": ["id", "email", "created_at"], "duration_ms": {c}}}',
]
SQL_PAYLOADS = [
    '{{"sql": "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;", "n": {n}}}',
    '{{"sql": "CREATE SCHEMA heroku_ext;", "n": {n}}}',
]

def audit_row(i):
    n = 1400 + i
    if i % 20011 == 7:
        payload = SQL_PAYLOADS[(i // 20011) % 2].format(n=n)
    else:
        payload = PAYLOADS[i % 7].format(a=i % 251, b=(i >> 8) % 256, c=i % 997, n=n)
    minutes = 4500 + i
    ts = '%s %02d:%02d:%02d' % (day(60 + minutes // 1440), minutes // 60 % 24, minutes % 60, i % 60)
    return n, '%d\t%s\t%s\t%s\t%s\t%s' % (n, TENANTS[i % 6], EVENTS[i % 7], payload, h(n, b'tok', 40), ts)

def booking_row(i):
    n = 1201 + i
    room, slot = i % 20 + 1, i // 20
    d, hour = day(91 + slot // 12), slot % 12 * 2   # from 2024-04-01, after the fixture's bookings
    c = day(60 + slot // 12)
    during = '["%s %02d:00:00+00","%s %02d:30:00+00")' % (d, hour, d, hour + 1)
    created = '%s %02d:%02d:00' % (c, hour, i % 60)
    updated = created if i % 5 else '%s %02d:%02d:00' % (d, hour, i % 60)
    return n, '%d\t%d\t%d\t%s\t%s\t%s' % (n, room, 1 + (i * 37) % 800, during, created, updated)

NOTE_TITLES = ['Meeting notes', 'Réunion équipe', 'TODO', 'Import log', 'Ticket', '会議メモ', 'Checklist']
NOTE_BODIES = [
    'Discussed the Q{q} roadmap;\\tactions below.\\nOwner: team {n}',
    'Ça marche : 12 € payés, reçu envoyé à zoë@example.com (note {n})',
    r'Path on the old box: C:\\data\\export\\{n}.csv',
    'Checklist:\\n- [x] backup\\n- [ ] restore on staging\\n- [ ] switch DNS ({n})',
    'Plain note number {n} with nothing special in it at all, just words to fill a row.',
    '东京 / 서울 / Αθήνα / Москва — travel plan #{n}',
    r'\N',
]
NOTE_SQL = [
    'Heroku support told us to run: CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;',
    'pasted from the docs: WITH SCHEMA public; and CREATE SCHEMA heroku_ext;',
]
NOTE_META = ['{{}}', '{{"tags": ["q{q}", "ops"]}}', '{{"lang": "日本語", "note": "é"}}', '{{"pinned": true, "n": {n}}}']

def note_row(i):
    n = 31 + i
    if i % 19997 == 11:
        body = NOTE_SQL[(i // 19997) % 2]
    else:
        body = NOTE_BODIES[i % 7].format(n=n, q=i % 4 + 1)
    meta = NOTE_META[i % 4].format(n=n, q=i % 4 + 1)
    return n, '%d\t%s %d\t%s\t%s' % (n, NOTE_TITLES[i % 7], n, body, meta)

NAMES = ['User {n}', 'Zoë Åberg {n}', 'José Núñez {n}', 'Łukasz Żółć {n}', '田中 太郎 {n}', "O'Brien {n}", 'Anna-Lena "AL" {n}']

def user_row(i):
    n = 801 + i
    minutes = 37 * n
    ts = '%s %02d:%02d:00' % (day(4 + minutes // 1440), minutes // 60 % 24, minutes % 60)
    ts2 = '%s %02d:%02d:00' % (day(5 + minutes // 1440), minutes // 60 % 24, minutes % 60)
    return n, '%d\tuser%04d@example.com\t%s\t$2a$08$%s\t%s\t%s' % (
        n, n, NAMES[i % 7].format(n=n), h(n, b'pw', 53), ts, ts2)

ROWS = {'app.audit_events': audit_row, 'public.bookings': booking_row,
        'public.notes': note_row, 'public.users': user_row}

copy_re = re.compile(rb'^COPY (\S+) \(.*\) FROM stdin;\r?\n$')
setval_re = re.compile(rb"^SELECT pg_catalog\.setval\('([^']+)', (\d+), true\);")
added, max_id = {}, {}
with open(out_path, 'wb', buffering=1 << 20) as out:
    table = None
    for line in lines:
        m = copy_re.match(line)
        if m:
            table = m.group(1).decode()
        elif table is not None and line.rstrip(b'\r\n') == b'\\.':
            row = ROWS.get(table)
            if row is not None:
                budget, written, i = int(data_budget * SHARES[table]), 0, 0
                while written < budget:
                    batch = []
                    for _ in range(4096):
                        n, r = row(i)
                        batch.append(r)
                        i += 1
                    chunk = ('\n'.join(batch) + '\n').encode('utf-8')
                    out.write(chunk)
                    written += len(chunk)
                if i:
                    added[table], max_id[table] = i, n
            table = None
        else:
            m = setval_re.match(line)
            if m:
                for t, seq in SEQUENCES.items():
                    if m.group(1).decode() == seq and t in max_id:
                        line = line.replace(b', %s, true' % m.group(2), b', %d, true' % max_id[t])
        out.write(line)
for t in sorted(added):
    print('%s\t%d' % (t, added[t]))
PY

# Structural check, independent of the generator: every COPY ... FROM stdin block ends with a \.
# line, every data row has as many fields as the column list, nothing else looks like COPY data.
# Writes "first last" line numbers of each block's data rows to copy-ranges.txt.
check_structure() {
    local file=$1 ranges=$2
    awk -v ranges="$ranges" '
        function ncols(s,   t) { t = s; sub(/^COPY [^ ]+ \(/, "", t); sub(/\) FROM stdin;\r?$/, "", t); return gsub(/, /, ",", t) + 1 }
        incopy && /^\\\.\r?$/ { incopy = 0; blocks++; if (NR > start) print start, NR - 1 > ranges; next }
        incopy { rows++; if (split($0, f, "\t") != want) { bad++; if (bad <= 3) printf "line %d: %d fields, want %d\n", NR, split($0, f, "\t"), want > "/dev/stderr" } ; next }
        /^COPY .* FROM stdin;\r?$/ { incopy = 1; start = NR + 1; want = ncols($0); next }
        END {
            if (incopy) { print "unterminated COPY block starting at line " start - 1 > "/dev/stderr"; exit 1 }
            if (bad) { print bad " COPY rows with a wrong field count" > "/dev/stderr"; exit 1 }
            print blocks, rows, NR
        }' "$file"
}

PARAMS="size_mib=$SIZE_MB skeleton=$(sha256sum "$SKELETON" | cut -c1-16) generator=$(printf '%s' "$GENERATOR" | sha256sum | cut -c1-16)"
TARGET=$((SIZE_MB * 1024 * 1024))
if [ -f "$IN" ] && [ -f "$IN.params" ] && [ "$(cat "$IN.params")" = "$PARAMS" ]; then
    log "reusing $IN ($PARAMS)"
else
    rm -f "$IN" "$IN.params"
    log "generating $IN: at least $SIZE_MB MiB from $(basename "$SKELETON")"
    gen_start=$(date +%s)
    python3 -c "$GENERATOR" "$SKELETON" "$IN" "$TARGET" > "$WORK/generated-rows.txt"
    log "generated in $(( $(date +%s) - gen_start )) s"
    echo "$PARAMS" > "$IN.params"
fi
IN_BYTES=$(stat -c %s "$IN")
[ "$IN_BYTES" -ge "$TARGET" ] || die "generated file is smaller than requested: $IN_BYTES < $TARGET"
log "checking the dump's structure"
read -r COPY_BLOCKS COPY_ROWS IN_LINES < <(check_structure "$IN" "$WORK/copy-ranges.txt") || die "generated dump is malformed"
SKELETON_BYTES=$(stat -c %s "$SKELETON")
EXT_STMTS=$(grep -c '^CREATE EXTENSION .* WITH SCHEMA public;$' "$SKELETON" || true)
SQL_ROWS=$(grep -c -e 'WITH SCHEMA public;' -e 'CREATE SCHEMA heroku_ext;' "$IN" || true)
log "$IN: $IN_BYTES bytes, $IN_LINES lines, $COPY_BLOCKS COPY blocks, $COPY_ROWS rows"

# ------------------------------------------------------------------------------------ timing
SED_ARGS=(-e 's/CREATE SCHEMA heroku_ext;/CREATE SCHEMA IF NOT EXISTS heroku_ext;/' -e 's/WITH SCHEMA public;/WITH SCHEMA heroku_ext;/')
declare -A WALLS RSS CPU STATUS
STATUS[cat]=0; STATUS[sed]=0; STATUS[pgrelocate]=0

# timed NAME OUT MODE CMD...: MODE stdout sends the command's stdout to OUT; file lets it write OUT.
timed() {
    local name=$1 out=$2 mode=$3 rc=0 tf="$WORK/time.$1.txt"
    shift 3
    rm -f "$out"
    sync # no dirty pages of the previous run are flushed during this one
    if [ "$mode" = stdout ]; then
        /usr/bin/time -v -o "$tf" "$@" >"$out" 2>"$WORK/$name.stderr" || rc=$?
    else
        /usr/bin/time -v -o "$tf" "$@" 2>"$WORK/$name.stderr" || rc=$?
    fi
    local wall rss cpu
    wall=$(awk -F': ' '/Elapsed \(wall clock\) time/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$tf")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $NF }' "$tf")
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $NF } END { printf "%.2f", s }' "$tf")
    WALLS[$name]="${WALLS[$name]:-} $wall"
    RSS[$name]="${RSS[$name]:-} $rss"
    CPU[$name]="${CPU[$name]:-} $cpu"
    if [ "$rc" != 0 ]; then
        STATUS[$name]=$rc
        log "$name exited with status $rc:"
        tail -n 5 "$WORK/$name.stderr" >&2 || true
    fi
    log "$name: ${wall} s wall, ${cpu} s CPU, max RSS ${rss} KiB"
}

log "warm-up: cat $IN > /dev/null (the page cache holds the input for every timed run)"
cat "$IN" > /dev/null
java -Xmx$XMX -jar "$JAR" --version >/dev/null 2>&1 || true # warms the jar's pages, too
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
    log "round $run of $RUNS"
    timed cat "$OUT_CAT" stdout cat "$IN"
    rm -f "$OUT_CAT" # keeps the temporary data at three files' worth
    timed sed "$OUT_SED" stdout sed "${SED_ARGS[@]}" "$IN"
    timed pgrelocate "$OUT_PGR" file java -Xmx$XMX -jar "$JAR" rewrite -q "$IN" -o "$OUT_PGR"
done
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
rm -f "$OUT_CAT"

best() { tr ' ' '\n' | awk 'NF { if (min == "" || $1 < min) min = $1 } END { printf "%.2f", min }'; }
maxof() { tr ' ' '\n' | awk 'NF { if ($1 > max) max = $1 } END { printf "%d", max }'; }
mibs() { awk -v b="$IN_BYTES" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", b / 1048576 / s; else print "-" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# ------------------------------------------------------------------------------------ checks
# Which changed input lines (normal diff hunks "a,bCc,d") fall into COPY data rows.
classify_diff() {
    local difffile=$1
    awk 'NR == FNR { lo[++n] = $1; hi[n] = $2; next }
         /^[0-9]/ {
            split($0, p, /[acd]/); split(p[1], r, ","); a = r[1] + 0; b = (r[2] == "" ? a : r[2] + 0)
            if ($0 ~ /^[0-9,]+a/) next
            for (l = a; l <= b; l++) { changed++; in_copy = 0
                for (k = 1; k <= n; k++) if (l >= lo[k] && l <= hi[k]) { in_copy = 1; break }
                if (in_copy) data++ }
         }
         END { printf "%d %d\n", changed, data }' "$WORK/copy-ranges.txt" "$difffile"
}

CHECKS_OK=1
CHECK_LINES=()
log "comparing the sed output"
rc=0; diff "$IN" "$OUT_SED" > "$WORK/sed.diff" || rc=$?
[ "$rc" -le 1 ] || die "diff failed on $OUT_SED"
read -r SED_CHANGED SED_DATA < <(classify_diff "$WORK/sed.diff")
SED_EXT=$(grep -c '^< CREATE EXTENSION .* WITH SCHEMA public;$' "$WORK/sed.diff" || true)
SED_OTHER=$((SED_CHANGED - SED_DATA - SED_EXT))
SED_LINE=("- sed changed $SED_CHANGED lines: the $SED_EXT \`CREATE EXTENSION\` statements, $SED_OTHER other lines outside COPY data (a function body comment, a \`COMMENT ON\` string) and **$SED_DATA COPY data rows** that merely contain the text - data corrupted on restore. pgrelocate changed 0 data rows.")
rm -f "$OUT_SED"
if [ "${STATUS[pgrelocate]}" = 0 ]; then
    log "checking the rewriter's output"
    rc=0; diff "$IN" "$OUT_PGR" > "$WORK/pgrelocate.diff" || rc=$?
    [ "$rc" -le 1 ] || die "diff failed on $OUT_PGR"
    PGR_REMOVED=$(grep -c '^<' "$WORK/pgrelocate.diff" || true)
    PGR_ADDED=$(grep -c '^>' "$WORK/pgrelocate.diff" || true)
    read -r PGR_CHANGED PGR_DATA < <(classify_diff "$WORK/pgrelocate.diff")
    # The same rewrite of the 3336-line skeleton: the grown COPY blocks must not add a change.
    java -Xmx$XMX -jar "$JAR" rewrite -q "$SKELETON" -o "$WORK/skeleton.out.sql"
    diff "$SKELETON" "$WORK/skeleton.out.sql" > "$WORK/skeleton.diff" || true
    if [ "$PGR_DATA" = 0 ] && cmp -s <(grep '^[<>]' "$WORK/skeleton.diff" | sort) <(grep '^[<>]' "$WORK/pgrelocate.diff" | sort); then
        CHECK_LINES+=("- pgrelocate output vs input: $PGR_REMOVED lines out, $PGR_ADDED lines in (\`diff | grep -c\`), none of them COPY data; exactly the changes it makes to the 3,336-line skeleton. ✅")
    else
        CHECKS_OK=0
        CHECK_LINES+=("- pgrelocate output vs input: $PGR_REMOVED lines out, $PGR_ADDED lines in, $PGR_DATA changed COPY data lines; the changes differ from the skeleton's. ❌")
    fi
    java -Xmx$XMX -jar "$JAR" rewrite -q "$OUT_PGR" -o "$OUT_PGR2"
    if cmp -s "$OUT_PGR" "$OUT_PGR2"; then
        CHECK_LINES+=("- Rewriting the rewriter's output again changes nothing (\`cmp\`: identical). ✅")
    else
        CHECKS_OK=0
        CHECK_LINES+=("- Rewriting the rewriter's output again changes it (\`cmp\` differs): not idempotent. ❌")
    fi
    rm -f "$OUT_PGR2"
else
    CHECKS_OK=0
    CHECK_LINES+=("- pgrelocate failed (exit status ${STATUS[pgrelocate]}): no output to check. ❌")
fi


# ------------------------------------------------------------------------------------ optional restore
LOAD_LINE=""
if [ "$LOAD" = 1 ]; then
    if [ "${STATUS[pgrelocate]}" != 0 ]; then
        LOAD_LINE="- Restore into PostgreSQL 15: skipped, the rewriter failed."
    else
        rm -f "$OUT_PGR" # the restore streams from the input through the rewriter: pg_dump | pgrelocate | psql
        log "restoring the rewritten dump into a scratch PostgreSQL ($PG_BIN)"
        PG_SCRATCH=$(mktemp -d /tmp/pgrelocate-bench-pg.XXXXXX)
        chown postgres "$PG_SCRATCH"
        runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_SCRATCH/data" -E UTF8 --locale=C -A trust -U postgres >/dev/null
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_SCRATCH/data" -l "$PG_SCRATCH/log" -w \
            -o "-k $PG_SCRATCH -c listen_addresses='' -p 54329 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c maintenance_work_mem=512MB" start >/dev/null
        PG_STARTED=1
        psql_() { runuser -u postgres -- "$PG_BIN/psql" -X -q -h "$PG_SCRATCH" -p 54329 -v ON_ERROR_STOP=1 "$@"; }
        psql_ -d postgres -c "CREATE ROLE app" -c "CREATE DATABASE bench"
        load_start=$(date +%s)
        load_rc=0
        java -Xmx$XMX -jar "$JAR" rewrite -q < "$IN" | psql_ -d bench -o /dev/null 2> "$WORK/load.stderr" || load_rc=$?
        load_s=$(( $(date +%s) - load_start ))
        if [ "$load_rc" = 0 ] && [ ! -s "$WORK/load.stderr" ]; then
            counts=$(psql_ -d bench -At -F ' ' -c "SELECT (SELECT count(*) FROM app.audit_events) + (SELECT count(*) FROM app.tenants)
                + (SELECT count(*) FROM public.ar_internal_metadata) + (SELECT count(*) FROM public.bookings)
                + (SELECT count(*) FROM public.notes) + (SELECT count(*) FROM public.rooms)
                + (SELECT count(*) FROM public.schema_migrations) + (SELECT count(*) FROM public.users),
                (SELECT count(*) FILTER (WHERE nspname = 'heroku_ext') || '/' || count(*) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE extname <> 'plpgsql')")
            read -r LOADED_ROWS EXTS <<<"$counts"
            if [ "$LOADED_ROWS" = "$COPY_ROWS" ] && [ "${EXTS%/*}" = "${EXTS#*/}" ] && [ "${EXTS%/*}" = "$EXT_STMTS" ]; then
                LOAD_LINE="- \`pgrelocate rewrite < dump.sql | psql -v ON_ERROR_STOP=1\` into a scratch PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'): no error, $LOADED_ROWS rows (= the COPY rows), all $EXT_STMTS extensions in \`heroku_ext\`, all constraints and indexes built; ${load_s} s. ✅"
            else
                CHECKS_OK=0
                LOAD_LINE="- Restore into PostgreSQL 15: $LOADED_ROWS rows loaded, $COPY_ROWS expected; extensions in heroku_ext: $EXTS, $EXT_STMTS expected. ❌"
            fi
        else
            CHECKS_OK=0
            LOAD_LINE="- Restore into PostgreSQL 15 failed: $(head -n 3 "$WORK/load.stderr" | tr '\n' ' ') ❌"
        fi
    fi
fi

# ------------------------------------------------------------------------------------ report
CAT_BEST=$(best <<<"${WALLS[cat]}")
SED_BEST=$(best <<<"${WALLS[sed]}")
PGR_BEST=$(best <<<"${WALLS[pgrelocate]}")
PGR_RSS=$(maxof <<<"${RSS[pgrelocate]}")
runs_list() { awk '{ for (i = 1; i <= NF; i++) printf "%s%s", (i > 1 ? ", " : ""), $i }' <<<"$1"; }
status_note() { [ "${STATUS[$1]}" = 0 ] || printf ' (**failed, exit %s**)' "${STATUS[$1]}"; }
VERDICT_OK=1
if [ "${STATUS[pgrelocate]}" != 0 ]; then
    VERDICT="❌ pgrelocate did not finish with \`-Xmx$XMX\` (exit status ${STATUS[pgrelocate]})."
    VERDICT_OK=0
elif awk -v p="$PGR_BEST" -v s="$SED_BEST" 'BEGIN { exit !(p <= s) }'; then
    VERDICT="✅ pgrelocate finished with \`-Xmx$XMX\` (peak RSS $(mib "$PGR_RSS") MiB) and was no slower than sed: best $PGR_BEST s vs $SED_BEST s ($(awk -v p="$PGR_BEST" -v s="$SED_BEST" 'BEGIN { printf "%.2f", p / s }')× sed's time)."
else
    VERDICT="❌ pgrelocate finished with \`-Xmx$XMX\` (peak RSS $(mib "$PGR_RSS") MiB) but was **slower than sed**: best $PGR_BEST s vs $SED_BEST s ($(awk -v p="$PGR_BEST" -v s="$SED_BEST" 'BEGIN { printf "%.2f", p / s }')× sed's time)."
    VERDICT_OK=0
fi
[ "$CHECKS_OK" = 1 ] || VERDICT_OK=0

JAVA_VERSION=$(java -version 2>&1 | head -n 2 | tr '\n' ' ' | sed 's/ *$//')
SED_VERSION=$(sed --version | head -n 1)
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_GIB=$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
FS=$(df -T "$WORK" | awk 'NR == 2 { print $2 }')
SECTION=$(cat <<EOF
## Plain rewrite

Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/rewrite-benchmark.sh --size $SIZE_MB\`.

- Machine: $(nproc) CPUs ($CPU), $MEM_GIB GiB RAM, $(uname -sr), output on the same \`$FS\` file system as the input
- Java: $JAVA_VERSION
- sed: $SED_VERSION (locale ${LC_ALL:-${LANG:-C}})
- pgrelocate: \`$JAR_NAME\` built $JAR_BUILT, working tree at $GIT_REV; default preset (heroku)
- Input: generated from the pg_dump 15 fixture \`rails_app.plain.sql\`, $IN_BYTES bytes ($(mib $((IN_BYTES / 1024))) MiB), $IN_LINES lines; $COPY_ROWS rows in $COPY_BLOCKS COPY blocks ($(awk -v a="$SKELETON_BYTES" -v b="$IN_BYTES" 'BEGIN { printf "%.2f", 100 * (1 - a / b) }')% of the bytes are added COPY rows), $SQL_ROWS lines containing \`WITH SCHEMA public;\` or \`CREATE SCHEMA heroku_ext;\`, $EXT_STMTS of them real \`CREATE EXTENSION\` statements
- Method: one run, $RUNS rounds of cat / sed / pgrelocate in turn, each writing a new file next to the input; \`sync\` before each run, so no run pays for the previous run's writeback. The input was read once beforehand (\`cat > /dev/null\`), so every run saw it in the page cache (dropping caches is not possible here). Wall time, CPU time (user + sys) and peak RSS from \`/usr/bin/time -v\`; MiB/s = input size / best wall time. Load average (1 min) before / after the timed runs: $LOAD_BEFORE / $LOAD_AFTER on $(nproc) CPUs (other jobs on the machine share them; the best of $RUNS runs is the least disturbed one).

| Command | Best wall time | All runs, wall (s) | Throughput | CPU time (best) | Peak RSS |
|---|---:|---|---:|---:|---:|
| \`cat dump.sql > out.sql\`$(status_note cat) | $CAT_BEST s | $(runs_list "${WALLS[cat]}") | $(mibs "$CAT_BEST") MiB/s | $(best <<<"${CPU[cat]}") s | $(mib "$(maxof <<<"${RSS[cat]}")") MiB |
| \`sed -e 's/CREATE SCHEMA heroku_ext;/CREATE SCHEMA IF NOT EXISTS heroku_ext;/' -e 's/WITH SCHEMA public;/WITH SCHEMA heroku_ext;/' dump.sql > out.sql\`$(status_note sed) | $SED_BEST s | $(runs_list "${WALLS[sed]}") | $(mibs "$SED_BEST") MiB/s | $(best <<<"${CPU[sed]}") s | $(mib "$(maxof <<<"${RSS[sed]}")") MiB |
| \`java -Xmx$XMX -jar $JAR_NAME rewrite -q dump.sql -o out.sql\`$(status_note pgrelocate) | $PGR_BEST s | $(runs_list "${WALLS[pgrelocate]}") | $(mibs "$PGR_BEST") MiB/s | $(best <<<"${CPU[pgrelocate]}") s | $(mib "$PGR_RSS") MiB |

$VERDICT pgrelocate's time includes JVM start-up and the \`fsync\` of its atomically committed output; cat and sed do not sync.

Checks:

$(printf '%s\n' "${CHECK_LINES[@]}")
${SED_LINE[0]}
${LOAD_LINE}
EOF
)
printf '%s\n' "$SECTION"

if [ "$WRITE" = 1 ]; then
    BENCH_MD="$ROOT/BENCHMARKS.md"
    if [ ! -f "$BENCH_MD" ]; then
        printf '# Benchmarks\n\n## Plain rewrite\n\n(not measured yet)\n' > "$BENCH_MD"
    fi
    SECTION="$SECTION" python3 - "$BENCH_MD" <<'PY'
import os, re, sys
path, section = sys.argv[1], os.environ['SECTION'].rstrip('\n') + '\n'
text = open(path, encoding='utf-8').read()
m = re.search(r'^## Plain rewrite[ \t]*\n', text, re.M)
if m:
    nxt = re.search(r'^## ', text[m.end():], re.M)
    end = m.end() + nxt.start() if nxt else len(text)
    text = text[:m.start()] + section + ('\n' + text[end:] if nxt else '')
else:
    text = text.rstrip('\n') + '\n\n' + section
open(path, 'w', encoding='utf-8').write(text)
PY
    log "wrote the \"## Plain rewrite\" section of $BENCH_MD"
fi

[ "$VERDICT_OK" = 1 ]
