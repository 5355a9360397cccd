#!/usr/bin/env bash
# The journal at bulk-change scale: ENTRIES entries (each with its outcome line, as a
# bulk change writes one per user, 5,000 users), then one user's history, with wall time
# and peak memory (GNU time), beside `jq` selecting the same user's entries.
#   bash benches/journal.sh [ENTRIES]      (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES="${1:-1000000}"
BIN=target/release/auth0-meta
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
python3 - "$ENTRIES" "$DIR/journal.jsonl" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
previous = {"user_metadata": {"addresses": {"home": {"street": "194 Main Street", "city": "Porto"}, "work": {"city": "Toronto"}}}}
body = {"user_metadata": {"addresses": {"home": {"street": "194 Main Street", "city": "Porto"}, "work": {"city": "Porto"}}}}
with open(path, "w") as out:
    for i in range(n):
        entry = {"id": f"id-{i:08d}", "time": "2026-12-04T16:16:20.637Z", "tenant": "demo",
                 "user_id": f"auth0|user{i % 5000}", "body": body, "previous": previous, "status": "sending"}
        outcome = {"id": entry["id"], "time": "2026-12-04T16:16:20.638Z",
                   "outcome": {"result": "applied", "updated_at": "2026-12-04T16:16:20.638Z"}}
        out.write(json.dumps(entry, separators=(",", ":")) + "\n" + json.dumps(outcome, separators=(",", ":")) + "\n")
PY
echo "journal: $ENTRIES entries, $(du -h "$DIR/journal.jsonl" | cut -f1)"
measure() { /usr/bin/time -f "%e s wall, %M KiB peak" "$@"; }
echo "auth0-meta history 'auth0|user42' --all-tenants:"
AUTH0_META_STATE_DIR="$DIR" measure "$BIN" history 'auth0|user42' --all-tenants | wc -l
if command -v jq >/dev/null; then
  echo "jq -c 'select(.user_id == \"auth0|user42\")' over the same file:"
  measure jq -c 'select(.user_id == "auth0|user42")' "$DIR/journal.jsonl" | wc -l
fi
# A write must not slow down with the journal's length: the same `metadata set --yes`
# against the demo emulator, with this journal and with an empty state directory.
# (synced first: the generator's unwritten pages would otherwise be flushed by the
# write's own fsync and timed with it)
EMPTY="$(mktemp -d)"
trap 'rm -rf "$DIR" "$EMPTY"' EXIT
sync
for state in "$EMPTY" "$DIR" "$DIR"; do
  lines=0; [ -f "$state/journal.jsonl" ] && lines=$(wc -l <"$state/journal.jsonl")
  echo "metadata set --yes with $lines journal lines:"
  AUTH0_META_STATE_DIR="$state" measure "$BIN" --demo metadata set 'auth0|fab36728a78beb7e0787c0de' \
    user_metadata.bench 1 --yes >/dev/null
done
