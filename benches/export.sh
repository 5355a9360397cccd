#!/usr/bin/env bash
# Whole-process measurement of the user export: 1,000,000 synthetic users exported by
# the emulator and streamed by `auth0-meta users export` to NDJSON, with wall time and
# peak memory (GNU time), side by side with `jq -c` passing the same NDJSON through.
#   bash benches/export.sh [USERS]        (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
USERS="${1:-1000000}"
BIN=target/release/auth0-meta
OUT="$(mktemp -d)"
trap 'kill "$EMU" 2>/dev/null || true; rm -rf "$OUT"' EXIT
"$BIN" emulator --listen 127.0.0.1:0 --token bench --synthetic-users "$USERS" >"$OUT/emu.txt" 2>&1 &
EMU=$!
for _ in $(seq 100); do grep -q listening "$OUT/emu.txt" 2>/dev/null && break; sleep 0.05; done
BASE="$(head -1 "$OUT/emu.txt" | sed 's/listening on //')"
measure() { /usr/bin/time -f "%e s wall, %M KiB peak" "$@"; }
echo "auth0-meta users export (job + download + gunzip + write), $USERS synthetic users:"
AUTH0_API_TOKEN=bench measure "$BIN" users export --base-url "$BASE" --out "$OUT/users.ndjson"
echo "auth0-meta users export --filter 'app_metadata.plan:pro' (every line parsed and matched):"
AUTH0_API_TOKEN=bench measure "$BIN" users export --base-url "$BASE" --filter 'app_metadata.plan:pro' --out "$OUT/pro.ndjson"
if command -v jq >/dev/null; then
  echo "jq -c . over the same NDJSON:"
  measure jq -c . "$OUT/users.ndjson" >/dev/null
  echo "jq -c 'select(.app_metadata.plan == \"pro\")' over the same NDJSON:"
  measure jq -c 'select(.app_metadata.plan == "pro")' "$OUT/users.ndjson" >/dev/null
fi
wc -l "$OUT/users.ndjson" "$OUT/pro.ndjson"
echo "emulator peak memory: $(grep VmHWM /proc/$EMU/status 2>/dev/null | awk '{print $2, $3}')"
