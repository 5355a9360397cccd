#!/usr/bin/env bash
# Whole-process measurement of a 16 MB user (issue 11): the real binary, fetching the
# user from the emulator over HTTP and drawing it in a 200x50 tmux pane; peak memory from
# /proc (VmHWM) and the time from Enter to the first frame that shows the tree, polled.
# Side by side with jless on the same user_metadata where jless is installed.
#   bash benches/large_user.sh            (needs a release build, tmux and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$PWD/target/release/auth0-meta"
OUT="$(mktemp -d)"
trap 'tmux kill-session -t a0bench 2>/dev/null || true; kill "$EMU" 2>/dev/null || true; rm -rf "$OUT"' EXIT
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
kinds = ["login", "export", "share", "upgrade"]
events = [{"at": "2024-03-%02dT%02d:%02d:00.000Z" % (i % 28 + 1, i % 24, i % 60), "type": kinds[i % 4],
           "detail": {"ip": "198.51.%d.%d" % (i % 256, (i * 7) % 256),
                      "agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
                      "tags": ["web", "mfa"], "session": "sess_%016x%016x" % (i, i * 31), "note": "x" * 80},
           "n": i, "ok": i % 3 != 0} for i in range(44000)]
settings = {"widget_%04d" % k: {"visible": k % 2 == 0, "position": [k % 12, k // 12], "label": "Widget %d" % k} for k in range(2000)}
user = {"user_id": "auth0|legacy", "email": "legacy@example.com", "name": "Legacy",
        "identities": [{"connection": "Username-Password-Authentication", "user_id": "legacy", "provider": "auth0", "isSocial": False}],
        "created_at": "2020-01-01T00:00:00.000Z", "updated_at": "2020-01-01T00:00:00.000Z",
        "user_metadata": {"history": events, "dashboard": settings}, "app_metadata": {"plan": "enterprise"}}
json.dump([user], open(out + "/seed.json", "w"))
json.dump(user["user_metadata"], open(out + "/user_metadata.json", "w"))
PY
"$BIN" emulator --listen 127.0.0.1:0 --token bench --seed "$OUT/seed.json" >"$OUT/emu.txt" 2>&1 &
EMU=$!
for _ in $(seq 200); do grep -q listening "$OUT/emu.txt" 2>/dev/null && break; sleep 0.05; done
BASE="$(head -1 "$OUT/emu.txt" | sed 's/listening on //')"
now_ms() { date +%s%3N; }
wait_for() { # text, timeout in polls of 5 ms
  for _ in $(seq 4000); do tmux capture-pane -t a0bench -p | grep -qF "$1" && return 0; sleep 0.005; done
  echo "timed out waiting for $1" >&2; return 1
}
tmux new-session -d -s a0bench -x 200 -y 50 \
  "AUTH0_META_STATE_DIR=$OUT/state AUTH0_API_TOKEN=bench $BIN --base-url $BASE --no-mouse"
wait_for "legacy@example.com"
start=$(now_ms)
tmux send-keys -t a0bench Enter
wait_for "history: [44000]"
took=$(( $(now_ms) - start ))
PID=$(pgrep -f "^$BIN --base-url $BASE" | head -1)
echo "auth0-meta: Enter to first full frame ${took} ms (polled every 5 ms); peak memory $(grep VmHWM /proc/$PID/status | awk '{print $2/1024 " MiB"}')"
tmux send-keys -t a0bench q; tmux send-keys -t a0bench q
if command -v jless >/dev/null; then
  tmux kill-session -t a0bench 2>/dev/null || true
  tmux new-session -d -s a0bench -x 200 -y 50 "jless $OUT/user_metadata.json"
  start=$(now_ms)
  wait_for "history"
  took=$(( $(now_ms) - start ))
  PID=$(pgrep -f "^jless $OUT/user_metadata.json" | head -1)
  echo "jless: start to first frame ${took} ms; peak memory $(grep VmHWM /proc/$PID/status | awk '{print $2/1024 " MiB"}')"
else
  echo "jless is not installed here: install it (cargo install jless) to measure side by side"
fi
