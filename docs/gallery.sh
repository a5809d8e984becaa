#!/usr/bin/env bash
# Regenerates the README's gallery from the reports' test corpus
# (tests/fixtures/reports: 9 documents of 1921-1941 on 4 pages):
#
#     docs/gallery.sh
#
# Every file below is made by the command the README shows next to it.
# tests/it/charts.rs checks that the committed charts and network are what
# these commands make today, so the gallery cannot go stale.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --quiet
archdb() { target/debug/archdb --db "$DB" "$@"; }
DB="$(mktemp -d)/gallery.sqlite"
trap 'rm -rf "$(dirname "$DB")"' EXIT

archdb seed --corpus tests/fixtures/reports >/dev/null
archdb report mentions_by_country --format png --output docs/mentions_by_country.png
archdb report classification_by_year --format png --output docs/classification_by_year.png
archdb network correspondence --format gexf --output docs/correspondence.gexf
# The picture of the network is Graphviz's drawing of the DOT file.
archdb network correspondence --format dot | dot -Tpng -Gdpi=72 -o docs/correspondence.png
ls -l docs/*.png docs/*.gexf
