#!/usr/bin/env bash
# The emulator's user search at tenant scale: GET /users over USERS generated users, a
# search, a sort, both, and a search for a metadata value, each timed (wall, curl) with
# the emulator's peak memory (GNU time) at the end.
#   bash benches/search.sh [USERS]      (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
USERS="${1:-1000000}"
BIN=target/release/auth0-meta
DIR="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
/usr/bin/time -f "emulator peak memory: %M KiB" -o "$DIR/time" \
  "$BIN" emulator --listen 127.0.0.1:0 --token bench --synthetic-users "$USERS" --rate-limit 1000 --burst 1000 \
  >"$DIR/out" 2>/dev/null &
PID=$!
until grep -q "listening on" "$DIR/out" 2>/dev/null; do sleep 0.1; done
URL="$(head -1 "$DIR/out" | sed 's/listening on //')"
echo "emulator: $USERS generated users at $URL"
ask() {
  local label="$1" query="$2"
  local took
  took=$(curl -s -o "$DIR/answer" -w '%{time_total}' -H "Authorization: Bearer bench" "$URL/api/v2/users?$query")
  printf '%-44s %6.2f s  %s\n' "$label" "$took" "$(head -c 90 "$DIR/answer" | tr -d '\n')"
}
ask "page 0, no search, no sort"              "per_page=50&include_totals=true&fields=user_id"
ask "search email:synth99999*"                "q=email:synth99999*&per_page=50&include_totals=true&fields=user_id"
ask "search app_metadata.plan:pro (25%)"      "q=app_metadata.plan:pro&per_page=50&include_totals=true&fields=user_id"
ask "search user_metadata.score:42"           "q=user_metadata.score:42&per_page=50&include_totals=true&fields=user_id"
ask "sort email:1"                             "sort=email:1&per_page=50&include_totals=true&fields=user_id"
ask "sort created_at:-1, page 19"              "sort=created_at:-1&page=19&per_page=50&include_totals=true&fields=user_id"
ask "search plan:pro, sort name:-1"            "q=app_metadata.plan:pro&sort=name:-1&per_page=50&include_totals=true&fields=user_id"
ask "search a bare term (default fields)"      "q=synth12345*&per_page=50&include_totals=true&fields=user_id"
pkill -INT -P "$PID" || true; wait "$PID" 2>/dev/null || true
cat "$DIR/time" | grep peak || true
