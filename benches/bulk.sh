#!/usr/bin/env bash
# Bulk changes against an emulator like a real tenant: USERS generated users, a budget of
# 50 requests/s with a burst of 10, and 50 ms added to every answer.
#  1. a clean batch: time and the request rate achieved against the budget;
#  2. 2% of PATCHes answered 503 after being applied and 1% cut: every outcome checked
#     against what the server holds (none reported failed that landed);
#  3. killed with SIGKILL at three random moments and resumed: one applied journal entry
#     per user, the server holding the right value;
#  4. revert --batch of run 3's batch, a user changed since skipped and listed;
#  5. beside it, the script an admin writes today (one request at a time, sleep on 429)
#     under the faults of run 2: its rate, and what it reports wrongly.
#   bash benches/bulk.sh [USERS]      (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
USERS="${1:-1000}"
BIN="$PWD/target/release/auth0-meta"
DIR="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
echo '[]' > "$DIR/seed.json"
"$BIN" emulator --listen 127.0.0.1:0 --token bench --seed "$DIR/seed.json" --synthetic-users "$USERS" \
  --rate-limit 50 --burst 10 --latency-ms 50 --faults >"$DIR/emulator.out" 2>/dev/null &
PID=$!
until grep -q "listening on" "$DIR/emulator.out" 2>/dev/null; do sleep 0.1; done
URL="$(head -1 "$DIR/emulator.out" | sed 's/listening on //')"
export AUTH0_API_TOKEN=bench AUTH0_META_STATE_DIR="$DIR/state"
python3 -c "
for n in range($USERS): print(f'auth0|synth{n:019}')" > "$DIR/ids"
meta() { "$BIN" --base-url "$URL" "$@"; }
faults() { curl -s -o /dev/null -X POST -H 'content-type: application/json' -d "$1" "$URL/__emulator/faults"; }
# Every user's app_metadata.KEY, from an export job (no rate budget spent per user).
values() {
  rm -f "$DIR/values.ndjson"
  meta users export --fields "user_id,app_metadata.$1" --out "$DIR/values.ndjson" 2>/dev/null
  python3 - "$DIR/values.ndjson" "$1" <<'PY'
import json, sys, collections
counts = collections.Counter()
for line in open(sys.argv[1]):
    user = json.loads(line)
    counts[json.dumps(user.get("app_metadata." + sys.argv[2]))] += 1
print(dict(counts))
PY
}
batch_of() { grep -m1 '^batch ' "$1" | cut -d' ' -f2; }
journal_check() {
  python3 - "$DIR/state/journal.jsonl" "$1" <<'PY'
import json, sys, collections
batch, applied, entries = sys.argv[2], collections.Counter(), {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("batch") == batch:
        entries[e["id"]] = e["user_id"]
    elif e.get("outcome", {}).get("result") == "applied" and e.get("id") in entries:
        applied[entries[e["id"]]] += 1
print(f"users with one applied entry: {sum(1 for n in applied.values() if n == 1)}, with more: {sum(1 for n in applied.values() if n > 1)}")
PY
}

echo "emulator: $USERS users, 50 req/s (burst 10), +50 ms per answer"
echo "== 1. a clean batch (default parallelism)"
START=$(date +%s.%N)
meta bulk set app_metadata.run 1 --ids "$DIR/ids" --yes >"$DIR/run1.out" 2>"$DIR/run1.err"
END=$(date +%s.%N)
tail -1 "$DIR/run1.out" | head -c 300; echo
python3 -c "t=$END-$START; r=2*$USERS; print(f'{t:.1f} s, >= {r} requests: {r/t:.1f} req/s of the 50 req/s budget ({100*r/t/50:.0f}%)')"
values run

echo "== 2. 2% of PATCHes 503 after applied, 1% cut"
faults '[{"method":"PATCH","after":"unavailable","every":50,"count":100000},{"method":"PATCH","after":"cut","every":100,"count":100000}]'
meta bulk set app_metadata.run 2 --ids "$DIR/ids" --yes >"$DIR/run2.out" 2>"$DIR/run2.err" || true
grep 'users settled' "$DIR/run2.out"
faults '[]'
values run

echo "== 3. SIGKILL at three random moments, resumed each time"
# The binary itself in the background (not a shell function), so the kill reaches it.
# Each kill comes after a random number of users (up to a tenth of them) more are
# recorded: a resume first waits out the 5 s in which a killed run's last writes may
# still land (apply/resolve.rs), so a kill by the clock could stop it before it starts.
recorded() { cat "$DIR/state/batches/"*/"$BATCH"/progress.jsonl 2>/dev/null | wc -l; }
"$BIN" --base-url "$URL" bulk set app_metadata.run 3 --ids "$DIR/ids" --yes >/dev/null 2>"$DIR/run3.err" &
KPID=$!
until BATCH="$(batch_of "$DIR/run3.err" 2>/dev/null)" && [ -n "$BATCH" ]; do sleep 0.1; done
for i in 1 2 3; do
  target=$(( $(recorded) + $(python3 -c "import random; print(random.randint(20, max(21, $USERS // 10)))") ))
  while [ "$(recorded)" -lt "$target" ] && kill -0 "$KPID" 2>/dev/null; do sleep 0.05; done
  kill -9 "$KPID" 2>/dev/null || true; wait "$KPID" 2>/dev/null || true
  echo "killed ($i) after $(recorded) users recorded; resuming"
  "$BIN" --base-url "$URL" bulk resume "$BATCH" >/dev/null 2>&1 &
  KPID=$!
done
wait "$KPID" || true
meta bulk status "$BATCH"
journal_check "$BATCH"
values run

echo "== 4. revert --batch of run 3 (the last to write the key), one user changed since by a colleague"
curl -s -o /dev/null -X PATCH -H "Authorization: Bearer bench" -H 'content-type: application/json' \
  -d '{"app_metadata":{"run":"colleague"}}' "$URL/api/v2/users/auth0%7Csynth0000000000000000007"
meta revert --batch "$BATCH" --yes 2>/dev/null | grep -E 'users settled|changed_since' | cut -c1-160 || true
values run

echo "== 5. the script an admin writes today, under run 2's faults"
faults '[{"method":"PATCH","after":"unavailable","every":50,"count":100000},{"method":"PATCH","after":"cut","every":100,"count":100000}]'
python3 - "$URL" "$DIR/ids" <<'PY'
import json, sys, time, urllib.request, urllib.error
url, ids = sys.argv[1], [l.strip() for l in open(sys.argv[2])]
headers = {"Authorization": "Bearer bench", "Content-Type": "application/json"}
def call(method, path, body=None):
    while True:
        req = urllib.request.Request(url + path, method=method, headers=headers, data=json.dumps(body).encode() if body else None)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            if e.code == 429:
                time.sleep(1); continue
            return e.code, b""
        except Exception:
            return 0, b""
start, reported_failed, requests = time.time(), [], 0
for uid in ids:
    path = "/api/v2/users/" + urllib.request.quote(uid, safe="")
    status, body = call("GET", path); requests += 1
    status, _ = call("PATCH", path, {"app_metadata": {"naive": 1}}); requests += 1
    if status != 200:
        reported_failed.append(uid)
took = time.time() - start
wrong = 0
for uid in reported_failed:
    status, body = call("GET", "/api/v2/users/" + urllib.request.quote(uid, safe=""))
    if status == 200 and json.loads(body).get("app_metadata", {}).get("naive") == 1:
        wrong += 1
print(f"naive script: {took:.1f} s, {requests} requests: {requests/took:.1f} req/s; reported {len(reported_failed)} failed, of which {wrong} had landed")
PY
faults '[]'
pkill -TERM -P "$PID" 2>/dev/null || true
