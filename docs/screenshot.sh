#!/usr/bin/env bash
# Regenerates docs/datasette-search.png, the README's picture of the database
# in Datasette: the reports' test corpus (plus tests/fixtures/datasette)
# served on 127.0.0.1 with archdb's metadata and plugin, the search report
# opened in headless Chromium at 1280x900.
#
# Needs: cargo, python3 with venv, chromium (apt-get install chromium).
# Datasette comes from tests/datasette/requirements.txt, installed into
# target/datasette-venv as the tests do.
set -euo pipefail
cd "$(dirname "$0")/.."

out="docs/datasette-search.png"
page="/archdb/search?query=%22the+Straits%22+pact&syntax=&from=&to=&limit="
work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

venv="target/datasette-venv"
if ! cmp -s tests/datasette/requirements.txt "$venv/archdb-requirements.txt"; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/datasette/requirements.txt
    cp tests/datasette/requirements.txt "$venv/archdb-requirements.txt"
fi

cargo build --locked --quiet
archdb="target/debug/archdb --db $work/archdb.sqlite"
$archdb seed --corpus tests/fixtures/reports --corpus tests/fixtures/datasette >/dev/null
$archdb datasette --output "$work/metadata.json" --plugins-dir "$work/plugins" 2>/dev/null

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$venv/bin/python" -m datasette serve "$work/archdb.sqlite" -m "$work/metadata.json" \
    --plugins-dir "$work/plugins" -h 127.0.0.1 -p "$port" >"$work/datasette.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; then break; fi
    sleep 0.2
done

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --window-size=1280,900 \
    --screenshot="$out" "http://127.0.0.1:$port$page" >/dev/null 2>&1
echo "wrote $out"
