#!/usr/bin/env bash
# The audit at tenant scale: USERS generated users with varied metadata (nested objects,
# arrays of objects, mixed types, dynamic keys, nulls, collisions, a few oversized
# profiles) as NDJSON, audited from the file, with wall time and peak memory (GNU time),
# beside a jq program computing the same type census (paths with arrays as [], types).
#   bash benches/audit.sh [USERS]      (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
USERS="${1:-1000000}"
BIN=target/release/auth0-meta
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
python3 - "$USERS" "$DIR/users.ndjson" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
themes, plans = ["dark", "light", "solarized"], ["free", "pro", "team", "enterprise"]
with open(path, "w") as out:
    for i in range(n):
        um = {"preferences": {"theme": themes[i % 3], "languages": ["en", "fr", "de"][: i % 3 + 1]},
              "devices": [{"id": f"dev-{i}-{k}", "name": ["iPad", "Pixel", "ThinkPad"][k % 3], "trusted": k % 2 == 0} for k in range(i % 3)],
              "age": str(20 + i % 50) if i % 10 == 0 else 20 + i % 50}
        if i % 20 == 0:
            um["sessions"] = {f"sess-{i:08x}-{k}": {"at": "2024-01-01"} for k in range(2)}
        if i % 25 == 0:
            um["nickname"] = None
        am = {"plan": plans[i % 4], "roles": ["admin"] if i % 7 == 0 else ["user"]}
        if i % 50 == 0:
            am["email"] = f"billing{i}@example.com"
        if i % 1000 == 0:
            um["history"] = [{"at": "2024-03-01T09:00:00.000Z", "type": "login", "ip": "198.51.100.7"}] * 200
        user = {"user_id": f"auth0|bench{i:019}", "email": f"user{i}@example.com", "email_verified": i % 2 == 0,
                "name": f"User {i}", "created_at": "2024-02-01T10:00:00.000Z", "updated_at": "2024-03-01T10:00:00.000Z",
                "logins_count": i % 500,
                "identities": [{"connection": "Username-Password-Authentication", "user_id": f"bench{i:019}", "provider": "auth0", "isSocial": False}],
                "user_metadata": um, "app_metadata": am}
        out.write(json.dumps(user, separators=(",", ":")) + "\n")
PY
echo "input: $USERS users, $(du -h "$DIR/users.ndjson" | cut -f1)"
measure() { /usr/bin/time -f "%e s wall, %M KiB peak" "$@"; }
echo "auth0-meta audit --from FILE --format json:"
measure "$BIN" audit --from "$DIR/users.ndjson" --format json >"$DIR/report.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['users'], 'users;', len(r['paths']), 'paths;', len(r['findings']), 'findings')" "$DIR/report.json"
if command -v jq >/dev/null; then
  # The hand-written way: every scalar's path (items as []) and type, counted by sort | uniq -c.
  echo "jq | sort | uniq -c: the same type census (paths with [] for items, types, counts):"
  census() {
    jq -r 'paths(scalars) as $p | select($p[0] == "user_metadata" or $p[0] == "app_metadata")
      | [($p | map(if type == "number" then "[]" else tostring end) | join(".")), (getpath($p) | type)] | join(" ")' "$1" \
      | sort | uniq -c | wc -l
  }
  measure bash -c "$(declare -f census); census $DIR/users.ndjson"
fi
# The whole path against a tenant: the export job of the emulator's generated users,
# downloaded, gunzipped and audited as it streams.
echo "auth0-meta audit --export against emulator --synthetic-users $USERS:"
"$BIN" emulator --synthetic-users "$USERS" --token bench --listen 127.0.0.1:0 >"$DIR/emulator.out" 2>&1 &
EMULATOR=$!
trap 'kill $EMULATOR 2>/dev/null; rm -rf "$DIR"' EXIT
for _ in $(seq 50); do grep -q listening "$DIR/emulator.out" && break; sleep 0.1; done
URL=$(grep -o 'http://[0-9.:]*' "$DIR/emulator.out" | head -1)
AUTH0_API_TOKEN=bench AUTH0_META_STATE_DIR="$DIR/state" measure "$BIN" audit --base-url "$URL" --export --format json >"$DIR/export-report.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['users'], 'users;', len(r['findings']), 'findings')" "$DIR/export-report.json"
