#!/usr/bin/env bash
# A bulk dry run over a million users from the file alone: the emulator's synthetic
# tenant exported (`users export`, gzip), then `bulk unset … --from FILE.gz --offline`
# and `bulk retype … --offline`, with wall time and peak memory (GNU time): memory stays
# bounded by the counters, whatever the number of users.
#   bash benches/bulk_offline.sh [USERS]      (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
USERS="${1:-1000000}"
BIN="$PWD/target/release/auth0-meta"
DIR="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
"$BIN" emulator --synthetic-users "$USERS" --token bench --listen 127.0.0.1:0 >"$DIR/emulator.out" 2>&1 &
PID=$!
for _ in $(seq 50); do grep -q listening "$DIR/emulator.out" && break; sleep 0.1; done
URL=$(grep -o 'http://[0-9.:]*' "$DIR/emulator.out" | head -1)
export AUTH0_API_TOKEN=bench AUTH0_META_STATE_DIR="$DIR/state"
"$BIN" --base-url "$URL" users export --out "$DIR/users.ndjson" 2>/dev/null
gzip -1 "$DIR/users.ndjson"
kill "$PID"
echo "input: $USERS users, $(du -h "$DIR/users.ndjson.gz" | cut -f1) gzipped"
measure() { /usr/bin/time -f "%e s wall, %M KiB peak" "$@"; }
echo "bulk unset user_metadata.history --offline:"
measure "$BIN" bulk unset user_metadata.history --from "$DIR/users.ndjson.gz" --offline --json >"$DIR/unset.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print({k: d[k] for k in ('would_change','already','skipped','size')})" "$DIR/unset.json"
echo "bulk retype user_metadata.score string --offline:"
measure "$BIN" bulk retype user_metadata.score string --from "$DIR/users.ndjson.gz" --offline --json >"$DIR/retype.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print({k: d[k] for k in ('would_change','already','skipped')})" "$DIR/retype.json"
