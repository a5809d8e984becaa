#!/usr/bin/env bash
# The archdb seed benchmark (issue 6). One command, from the repository root:
#
#     benches/seed.sh                # sizes 1k, 20k, 100k documents
#     SIZES="1000 20000" benches/seed.sh
#     BASELINE_MAX=100000 benches/seed.sh   # also run the baseline at 100k (~30 min here)
#     OLD_REV=ff5b1c6 benches/seed.sh       # the build compared against (default below)
#
# Builds release, generates the synthetic corpora (benches/gen_corpus.py,
# fixed seed, cached under benches/out/), then for each size measures
# `archdb seed` (wall time, documents/s, MB/s, peak RSS, database size), the
# re-seed of the unchanged corpus and after one changed file, the same for
# the archdb of OLD_REV side by side (built from `git archive` under
# benches/out/old-*), and the sqlite-utils baseline
# (benches/baseline_sqlite_utils.py, in a venv created here); finally the
# latency of every shipped report on the largest database (median of 5).
# Prints the tables and writes them to benches/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-1000 20000 100000}"
OUT=benches/out
REF="${REF:-seed/reference}"
RUNS=5
# The baseline's one regex alternation over ~2,000 reference names runs at
# about 60 documents/s here: at 100k documents it alone would take half an
# hour, so by default it runs up to this size only, and larger sizes are
# compared with its rate at the largest size it ran.
BASELINE_MAX="${BASELINE_MAX:-20000}"
# The archdb the seed is compared with: by default the last commit before
# the core rework of issue 13 (one seed algorithm, each text stored once).
OLD_REV="${OLD_REV:-ff5b1c6}"
mkdir -p "$OUT"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak RSS)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

cargo build --release --locked
cargo bench --locked --no-run --bench bare_loader 2>/dev/null
BIN=$PWD/target/release/archdb
old_src="$OUT/old-src-$OLD_REV"
if [ ! -f "$old_src/Cargo.toml" ]; then
    rm -rf "$old_src" && mkdir -p "$old_src"
    git archive "$OLD_REV" | tar -x -C "$old_src"
fi
cargo build --release --locked --quiet --manifest-path "$old_src/Cargo.toml" --target-dir "$OUT/old-target"
OLD_BIN=$PWD/$OUT/old-target/release/archdb

if [ ! -x "$OUT/venv/bin/python" ] || ! "$OUT/venv/bin/python" -c 'import sqlite_utils' 2>/dev/null; then
    python3 -m venv "$OUT/venv"
    "$OUT/venv/bin/pip" install -q sqlite-utils
fi
PY="$OUT/venv/bin/python"

# A corpus is regenerated only when the generator or the reference data changed.
stamp() { cat benches/gen_corpus.py "$REF"/*.csv | sha256sum | cut -c1-16; }

# Runs a command under GNU time; sets WALL (s), RSS (KiB) and CPU (user + system s).
measure() {
    local log="$OUT/time.log"
    /usr/bin/time -v -o "$log" "$@" >"$OUT/last.out" 2>"$OUT/last.err" || {
        echo "failed: $*" >&2; cat "$OUT/last.err" >&2; exit 1; }
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
    RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    CPU=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%.2f", s}' "$log")
}

mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
# CPU microseconds per document.
per_doc_us() { awk -v s="$1" -v n="$2" 'BEGIN {printf "%.0f", s * 1e6 / n}'; }

nproc_=$(nproc)
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# RESULTS.md is this script's own output: a previous run's copy is no uncommitted change.
dirty=$(git status --porcelain --untracked-files=no -- . ':!benches/RESULTS.md' 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)

side_rows="| documents | corpus MB | build | seed s | seed CPU s | peak RSS MiB | DB MiB | DB / corpus | re-seed unchanged s | re-seed one file changed s | re-seed RSS MiB |
|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
seed_rows="| documents | corpus MB | seed s | docs/s | MB/s | peak RSS MiB | DB MiB | seed CPU s | CPU µs/doc | re-seed unchanged s | re-seed / seed | baseline s | baseline RSS MiB | speed-up vs baseline | bare loader MB/s | bare loader CPU µs/doc | archdb / bare loader |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
largest_db=""
for n in $SIZES; do
    corpus="$OUT/corpus-$n"
    if [ "$(cat "$corpus.stamp" 2>/dev/null)" != "$(stamp)" ]; then
        rm -rf "$corpus"
        python3 benches/gen_corpus.py --docs "$n" --out "$corpus" --reference "$REF"
        stamp >"$corpus.stamp"
    fi
    bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
    db="$OUT/archdb-$n.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    sync
    ARCHDB_SEED_PHASES=1 measure "$BIN" --db "$db" seed --corpus "$corpus"
    seed_wall=$WALL seed_rss=$RSS seed_cpu=$CPU
    cat "$OUT/last.out"
    # Where the time went (src/seed/phases.rs), kept for the largest size.
    phase_rows="| phase | wall s | writer thread CPU s |
|---|---:|---:|"
    phase_rows+=$'\n'$(sed -n 's/^phase \(.*\): \([0-9.]*\) s, writer thread CPU \([0-9.]*\) s$/| \1 | \2 | \3 |/p' "$OUT/last.err")
    docs=$(sqlite3 "$db" 'select count(*) from documents')
    db_mib=$(du -k "$db" | awk '{printf "%.0f", $1 / 1024}')
    measure "$BIN" --db "$db" seed --corpus "$corpus"
    reseed_wall=$WALL

    # Old and new side by side, each into a new database (new last, so that
    # $db is the one the report latencies below are measured on).
    first=$(find "$corpus" -type f -name "*.txt" | sort | sed -n 1p)
    for build in old new; do
        bin=$BIN; [ "$build" = old ] && bin=$OLD_BIN
        side_db="$OUT/side-$build-$n.sqlite"
        rm -f "$side_db" "$side_db-wal" "$side_db-shm"
        sync
        measure "$bin" --db "$side_db" seed --corpus "$corpus"
        s_wall=$WALL s_cpu=$CPU s_rss=$RSS
        s_bytes=$(stat -c %s "$side_db")
        s_mib=$(awk -v b="$s_bytes" 'BEGIN {printf "%.0f", b / 1048576}')
        measure "$bin" --db "$side_db" seed --corpus "$corpus"
        r_wall=$WALL
        # One file changed: a line added at its end, then put back.
        cp "$first" "$OUT/first.bak"
        echo "A line added by the benchmark." >>"$first"
        measure "$bin" --db "$side_db" seed --corpus "$corpus"
        c_wall=$WALL c_rss=$RSS
        cp "$OUT/first.bak" "$first"
        side_rows+="
| $n | $mb | $build ($( [ "$build" = old ] && echo "$OLD_REV" || echo "$commit")) | $s_wall | $s_cpu | $(mib "$s_rss") | $s_mib | $(awk -v d="$s_bytes" -v b="$bytes" 'BEGIN {printf "%.2f", d / b}') | $r_wall | $c_wall | $(mib "$c_rss") |"
        echo "$side_rows" | tail -1
        rm -f "$side_db" "$side_db-wal" "$side_db-shm"
    done
    if [ "$n" -le "$BASELINE_MAX" ]; then
        base_db="$OUT/baseline-$n.sqlite"
        measure "$PY" benches/baseline_sqlite_utils.py "$corpus" "$REF" "$base_db"
        base_wall=$WALL base_rss=$(mib "$RSS")
        cat "$OUT/last.out"
        rm -f "$base_db" "$base_db-wal" "$base_db-shm"
        base_rate=$(ratio "$n" "$base_wall")
        speedup="$(ratio "$base_wall" "$seed_wall")x"
    elif [ -n "${base_rate:-}" ]; then
        # Not run: the same corpus at the baseline's measured rate.
        base_wall="~$(ratio "$n" "$base_rate" | cut -d. -f1) (at $base_rate docs/s)"
        base_rss="not run"
        speedup="~$(awk -v n="$n" -v r="$base_rate" -v s="$seed_wall" 'BEGIN {printf "%.1f", n / r / s}')x"
    else
        # BASELINE_MAX=0: the baseline was not run at any size.
        base_wall="not run" base_rss="not run" speedup="n/a"
    fi
    # The floor: benches/bare_loader.rs on the same corpus (MB/s; see there).
    bare=$(cargo bench --locked --quiet --bench bare_loader -- "$corpus" 2>/dev/null | grep '^bare loader' || true)
    bare_mbs=$(sed -n 's/.* \([0-9.]*\) MB\/s, .*/\1/p' <<<"$bare")
    # Its CPU time per document archdb found in the same bytes (it finds fewer).
    bare_cpu=$(sed -n 's/.*, \([0-9.]*\) s of CPU$/\1/p' <<<"$bare")
    seed_mbs=$(ratio "$mb" "$seed_wall")
    seed_rows+="
| $docs | $mb | $seed_wall | $(ratio "$docs" "$seed_wall" | cut -d. -f1) | $seed_mbs | $(mib "$seed_rss") | $db_mib | $seed_cpu | $(per_doc_us "$seed_cpu" "$docs") | $reseed_wall | $(ratio "$reseed_wall" "$seed_wall") | $base_wall | $base_rss | $speedup | ${bare_mbs:-n/a} | $( [ -n "$bare_cpu" ] && per_doc_us "$bare_cpu" "$docs" || echo n/a) | $( [ -n "$bare_mbs" ] && ratio "$seed_mbs" "$bare_mbs" || echo n/a) |"
    echo "$seed_rows" | tail -1
    largest_db=$db
    largest_n=$docs
done

# Report latency: the whole command (process start, query, rendering to
# CSV on /dev/null), median of $RUNS runs, every shipped report with defaults.
report_rows="| report | median ms | min ms | max ms | rows |
|---|---:|---:|---:|---:|"
shipped=$("$BIN" --db "$largest_db" report --format csv | tail -n +2 | cut -d, -f1)
for name in $shipped; do
    times=()
    failed=""
    for _ in $(seq "$RUNS"); do
        t0=$(date +%s%N)
        if ! "$BIN" --db "$largest_db" report "$name" --format csv \
            >"$OUT/report.csv" 2>"$OUT/report.err"; then
            failed=$(tr '\n' ' ' <"$OUT/report.err" | sed 's/|/\\|/g')
            break
        fi
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000000)))
    done
    if [ -n "$failed" ]; then
        # archdb stops a statement after its --timeout (5 s by default).
        report_rows+="
| $name | failed: $failed | | | |"
    else
        sorted=($(printf '%s\n' "${times[@]}" | sort -n))
        rows=$(($(wc -l <"$OUT/report.csv") - 1))
        report_rows+="
| $name | ${sorted[$((RUNS / 2))]} | ${sorted[0]} | ${sorted[$((RUNS - 1))]} | $rows |"
    fi
    echo "$report_rows" | tail -1
done

{
    echo "# Seed benchmark results"
    echo
    echo "Produced by \`benches/seed.sh\` (SIZES=\"$SIZES\") on $(date -u +%Y-%m-%dT%H:%MZ), commit $commit$dirty."
    echo "Machine: $nproc_ cores, $cpu, $mem memory; $(uname -sr)."
    echo
    echo "## This archdb against $OLD_REV, side by side"
    echo
    echo "$side_rows"
    echo
    echo "Each row: a seed into a new database, the re-seed of the unchanged corpus, and a re-seed after one"
    echo "file gained a line (put back after). DB / corpus: the database file's size after the seed over the corpus's bytes. Measured one after"
    echo "the other in the same run, on the same corpus."
    echo
    echo "## Seed (synthetic corpus from benches/gen_corpus.py, fixed seed)"
    echo
    echo "$seed_rows"
    echo
    echo "seed: \`archdb seed --corpus DIR\` into a new database, wall time and peak RSS by /usr/bin/time -v."
    echo "re-seed: the same command again on the unchanged corpus. baseline: benches/baseline_sqlite_utils.py"
    echo "(sqlite-utils, one regex alternation, FTS5) on the same corpus; speed-up = baseline s / seed s."
    echo "Above BASELINE_MAX=$BASELINE_MAX documents the baseline is not run; its time is estimated from its"
    echo "documents/s at the largest size it ran (marked ~). bare loader: benches/bare_loader.rs, the floor set by"
    echo "SQLite and this machine (one text column, mentions, FTS5; no parsing), in MB/s of the same corpus."
    echo "CPU µs/doc: user + system CPU time of the whole process per document (the bare loader's per"
    echo "document archdb found in the same corpus). $nproc_ cores give $(per_doc_us "$nproc_" 15000) µs of CPU per document at"
    echo "15,000 documents/s, with every core busy the whole run."
    echo
    echo "## Where the seed of $largest_n documents spent its time (ARCHDB_SEED_PHASES=1)"
    echo
    echo "$phase_rows"
    echo
    echo "The writer thread is SQLite's one writer; in the first phase the rayon pool parses and resolves"
    echo "files on the other core(s) meanwhile, so that phase's wall time above its writer CPU is time the writer"
    echo "waited for parsed files."
    echo
    echo "## Report latency on the $largest_n-document database (median of $RUNS, whole command, CSV to a file)"
    echo
    echo "$report_rows"
} >benches/RESULTS.md
echo
cat benches/RESULTS.md
