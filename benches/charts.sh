#!/usr/bin/env bash
# What drawing a chart adds to a report (issue 14): for every shipped report
# that declares a chart, the whole command's wall time with --format csv and
# with --format svg, png and bars, median of $RUNS runs, on a large database.
#
#     benches/charts.sh [DB]      # default: benches/out/archdb-100000.sqlite
#
# Make the database first with benches/seed.sh (or, for 100k documents only:
#   python3 benches/gen_corpus.py --docs 100000 --out benches/out/corpus-100000
#   target/release/archdb --db benches/out/archdb-100000.sqlite seed --corpus benches/out/corpus-100000).
# Writes the table to benches/CHARTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${1:-benches/out/archdb-100000.sqlite}"
RUNS="${RUNS:-5}"
BIN="${BIN:-target/release/archdb}"
OUT=benches/out
[ -f "$DB" ] || { echo "no database $DB; see the comment at the top of $0" >&2; exit 1; }
[ -n "${BIN_BUILT:-}" ] || cargo build --release --locked --quiet

# Median wall time in ms of: $BIN --db $DB report NAME --format FORMAT -o FILE
median_ms() {
    local name=$1 format=$2 times=()
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(date +%s%N)
        "$BIN" --db "$DB" report "$name" --format "$format" --max-width 100 --output "$OUT/chart.$format" >/dev/null
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$((RUNS / 2 + 1))p"
}

docs=$(sqlite3 "$DB" 'select count(*) from documents' 2>/dev/null || echo "?")
rows="| report | rows | csv ms | svg ms | png ms | bars ms | png - csv ms |
|---|---:|---:|---:|---:|---:|---:|"
charted=$("$BIN" report --format csv | tail -n +2 | cut -d, -f1 | while read -r name; do
    if "$BIN" report "$name" --describe | grep -q -- '^-- chart:'; then echo "$name"; fi
done)
for name in $charted; do
    csv=$(median_ms "$name" csv)
    n=$(($(wc -l <"$OUT/chart.csv") - 1))
    svg=$(median_ms "$name" svg)
    png=$(median_ms "$name" png)
    bars=$(median_ms "$name" bars)
    rows+="
| $name | $n | $csv | $svg | $png | $bars | $((png - csv)) |"
    echo "$rows" | tail -1
done
{
    echo "# Chart rendering benchmark"
    echo
    echo "Produced by \`benches/charts.sh\` on $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD), on a"
    echo "database of $docs documents. Whole command (process start, report, output to a file), median of $RUNS runs;"
    echo "$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)."
    echo
    echo "$rows"
} >benches/CHARTS.md
cat benches/CHARTS.md
