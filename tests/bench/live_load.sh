#!/usr/bin/env bash
# Load test of `carriersim serve` with wrk (Debian's wrk 4.1) on loopback: the throughput and
# latency percentiles of GET /v1/sims/{id} and of a verb (suspend/activate, alternating on 1,000
# SIMs), then a check that every verb the emulator accepted is in the status history exactly
# once. A benchmark, not a test: it prints figures and asserts nothing on time.
#
# usage: tests/bench/live_load.sh [BINARY] [SECONDS] [CONNECTIONS]
#        (default: build/carriersim, 10 s, 32 connections; one wrk thread)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
binary="${1:-$repo/build/carriersim}"
seconds="${2:-10}"
connections="${3:-32}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

cat >"$work/load.yaml" <<'YAML'
name: live-load
start: 2026-01-01T00:00:00Z
duration: 365d
seed: 3
currency: JPY
carriers:
  soracom: { profile: soracom }
devices:
  tracker:
    boot: 5s..30s
    traffic: { every: 1h, uplink: 1KB }
fleet:
  - { group: fleet, count: 1000, carrier: soracom, plan: plan-D, device: tracker, status: active }
live:
  control-key: ctl-load
  users:
    - { carrier: soracom, name: keyId-load, secret: secret-load, role: owner }
YAML

"$binary" serve "$work/load.yaml" --listen 127.0.0.1:0 --clock manual --out "$work/out" \
  >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "^listening on" "$work/serve.log" && break; sleep 0.1; done
base="$(sed -n 's/^listening on //p' "$work/serve.log")"
[ -n "$base" ] || { cat "$work/serve.log"; exit 1; }

auth="$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"authKeyId":"keyId-load","authKey":"secret-load"}' "$base/v1/auth")"
api_key="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])' <<<"$auth")"
token="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$auth")"
sims="$(curl -sf -H "X-Soracom-API-Key: $api_key" -H "X-Soracom-Token: $token" \
  "$base/v1/sims?limit=1000" | python3 -c 'import json,sys; print(" ".join(s["simId"] for s in json.load(sys.stdin)))')"

cat >"$work/get.lua" <<LUA
wrk.headers["X-Soracom-API-Key"] = "$api_key"
wrk.headers["X-Soracom-Token"] = "$token"
local sims = {}
for id in ("$sims"):gmatch("%S+") do sims[#sims + 1] = id end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/v1/sims/" .. sims[(n % #sims) + 1])
end
LUA
# Request k acts on SIM k mod 1000: suspend in even rounds, activate in odd ones, so that every
# request changes its SIM's status (requests of one round are 1,000 apart: never reordered).
cat >"$work/verb.lua" <<LUA
wrk.headers["X-Soracom-API-Key"] = "$api_key"
wrk.headers["X-Soracom-Token"] = "$token"
local sims = {}
for id in ("$sims"):gmatch("%S+") do sims[#sims + 1] = id end
local n = 0
request = function()
  local sim = sims[(n % #sims) + 1]
  local verb = (math.floor(n / #sims) % 2 == 0) and "suspend" or "activate"
  n = n + 1
  return wrk.format("POST", "/v1/sims/" .. sim .. "/" .. verb)
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
LUA

echo "== GET /v1/sims/{id}: ${seconds}s, $connections connections, 1 thread"
wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/get.lua" "$base" | sed -n '1,20p'
echo "== POST /v1/sims/{id}/suspend|activate: ${seconds}s, $connections connections, 1 thread"
wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/verb.lua" "$base" | sed -n '1,20p'

curl -sf -X POST -H "Authorization: Bearer ctl-load" "$base/_carriersim/shutdown" >/dev/null
wait "$server"
python3 - "$work/out" <<'PY'
import collections, csv, json, sys
out = sys.argv[1]
verbs = collections.Counter()
unchanged = 0
for line in open(f"{out}/requests.jsonl"):
    r = json.loads(line)
    if r.get("action") == "verb" and r["result"] == "unchanged":
        unchanged += 1  # accepted, the SIM already there: no status change to find
    elif r.get("action") == "verb":
        verbs[(r["sim"], r["time"], {"suspend": "suspended", "activate": "active"}[r["verb"]])] += 1
history = collections.Counter()
for row in csv.DictReader(open(f"{out}/history.csv")):
    if row["cause"] == "api":
        history[(row["sim"], row["time"], row["to"])] += 1
print(f"verbs accepted and journaled: {sum(verbs.values()) + unchanged} ({unchanged} unchanged: "
      f"the SIM was already there); status changes by the API in history.csv: "
      f"{sum(history.values())}")
if verbs != history:
    print("journaled, not in the history:", list((verbs - history).items())[:5])
    print("in the history, not journaled:", list((history - verbs).items())[:5])
    sys.exit("MISMATCH: a verb is missing from the history or in it twice")
print("every accepted verb that changed a status is in the status history exactly once")
PY
