# shellcheck shell=bash
# Helpers shared by the bench/ scripts (sourced; today by archive-benchmark.sh only: the older
# restore-benchmark.sh and rewrite-benchmark.sh still carry their own copies). Expects PG_BIN.

PG_SCRATCH=""
PG_PORT=""
PG_STARTED=0
# shellcheck disable=SC2034 # set by bench_pg_start, read by the scripts
PG_VERSION=""

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# bench_times FILE: "wall cpu rss" (seconds, user + sys seconds, KiB) from a `/usr/bin/time -v -o FILE`.
bench_times() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
                /User time \(seconds\)|System time \(seconds\)/ { c += $NF }
                /Maximum resident set size/ { r = $NF }
                END { printf "%.2f %.2f %d\n", w, c, r }' "$1"
}

# bench_pg_start: a throwaway cluster with the default settings (initdb and pg_ctl as the postgres
# user, trust authentication) on a free port of localhost; sets PG_SCRATCH, PG_PORT, PG_VERSION.
bench_pg_start() {
    PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    PG_SCRATCH=$(mktemp -d /tmp/pgrelocate-bench-pg.XXXXXX)
    chown postgres "$PG_SCRATCH"
    log "starting PostgreSQL ($PG_BIN) on localhost:$PG_PORT, data in $PG_SCRATCH, default settings"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_SCRATCH/data" -E UTF8 --locale=C -A trust -U postgres >/dev/null
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_SCRATCH/data" -l "$PG_SCRATCH/log" -w \
        -o "-k $PG_SCRATCH -c listen_addresses=localhost -p $PG_PORT" start >/dev/null
    PG_STARTED=1
    # shellcheck disable=SC2034
    PG_VERSION=$("$PG_BIN/postgres" --version | awk '{ print $3 }')
}

bench_pg_stop() {
    if [ "$PG_STARTED" = 1 ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_SCRATCH/data" -m fast stop >/dev/null 2>&1 ||
            runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_SCRATCH/data" -m immediate stop >/dev/null 2>&1 || true
        PG_STARTED=0
    fi
    if [ -n "$PG_SCRATCH" ]; then rm -rf "$PG_SCRATCH"; fi
}

# su_psql ARGS...: psql as the superuser over the scratch server's socket, stopping on the first error.
su_psql() { runuser -u postgres -- "$PG_BIN/psql" -X -q -h "$PG_SCRATCH" -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"; }

bench_pg_settings() {
    su_psql -d postgres -At -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings
        WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_wal_size', 'maintenance_work_mem', 'wal_level')"
}

# bench_fingerprint DB: row count and order-independent content hash of every table, then the
# schema's shape (relations per kind, constraints, functions, extensions and their schemas).
bench_fingerprint() {
    su_psql -d "$1" -At -F ' ' <<'SQL'
SELECT 'table ' || format('%I.%I', n.nspname, c.relname),
       (xpath('/row/c/text()', x))[1]::text, (xpath('/row/h/text()', x))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
     LATERAL query_to_xml(format('SELECT count(*) AS c, coalesce(sum(hashtext(t::text)::bigint), 0) AS h FROM %I.%I t',
                                 n.nspname, c.relname), false, true, '') x
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1;
SELECT 'relkind ' || c.relkind::text, count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') GROUP BY 1 ORDER BY 1;
SELECT 'constraints', count(*) FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema');
SELECT 'functions', count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema');
SELECT 'extension ' || e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY 1;
SQL
}

# bench_machine DIR: "N CPUs (model), X GiB RAM, kernel; DIR on <fs>".
bench_machine() {
    # shellcheck disable=SC2016 # Markdown backquotes
    printf '%s CPUs (%s), %s GiB RAM, %s; work directory on `%s`' "$(nproc)" \
        "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
        "$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)" "$(uname -sr)" \
        "$(df -T "$1" | awk 'NR == 2 { print $2 }')"
}

# bench_git_rev ROOT: the short commit, flagged when dump-rewriter/src/main has uncommitted changes.
bench_git_rev() {
    local rev
    rev=$(cd "$1" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ "$rev" != unknown ] && [ -n "$(cd "$1" && git status --porcelain -- dump-rewriter/src/main 2>/dev/null)" ]; then
        rev="$rev + uncommitted changes in dump-rewriter/src/main"
    fi
    printf '%s' "$rev"
}

# bench_write_section FILE HEADING SECTION: replaces the "## HEADING" section of FILE (up to the
# next "## "), or appends it.
bench_write_section() {
    [ -f "$1" ] || printf '# Benchmarks\n' > "$1"
    HEADING=$2 SECTION=$3 python3 - "$1" <<'PY'
import os, re, sys
path, heading, section = sys.argv[1], os.environ['HEADING'], os.environ['SECTION'].rstrip('\n') + '\n'
text = open(path, encoding='utf-8').read()
m = re.search(r'^## ' + re.escape(heading) + r'[ \t]*\n', text, re.M)
if m:
    nxt = re.search(r'^## ', text[m.end():], re.M)
    end = m.end() + nxt.start() if nxt else len(text)
    text = text[:m.start()] + section + ('\n' + text[end:] if nxt else '')
else:
    text = text.rstrip('\n') + '\n\n' + section
open(path, 'w', encoding='utf-8').write(text)
PY
    log "wrote the \"## $2\" section of $1"
}
