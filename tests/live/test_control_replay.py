"""Live mode: the control API, /metrics, and the replay of a session's journal.

A session with API verbs, power actions and a cell outage at several simulated times is shut
down; `carriersim run --replay requests.jsonl` must then write the same reports byte for byte.
"""
import json
import os

from harness import Emulator, check, main

SCENARIO = """
name: live-replay
start: 2026-01-01T00:00:00Z
duration: 30d
seed: 7
currency: JPY
carriers:
  soracom: { profile: soracom }
devices:
  tracker:
    boot: 5s..30s
    traffic: { every: 1h, uplink: 1KB }
network:
  cells:
    - { name: metro-1 }
    - { name: metro-2 }
fleet:
  - { group: trackers, count: 6, carrier: soracom, plan: plan-D, device: tracker, status: active }
live:
  control-key: ctl-test
  users:
    - { carrier: soracom, name: keyId-ops, secret: secret-ops, role: owner }
"""

REPORTS = ["summary.json", "ledger.csv", "history.csv", "sessions.csv", "sims.csv",
           "timeseries.csv", "junit.xml", "report.html"]


def soracom_login(emu):
    status, _, text = emu.request("POST", "/v1/auth",
                                  {"authKeyId": "keyId-ops", "authKey": "secret-ops"})
    check(status == 200, f"auth: {status} {text}")
    auth = json.loads(text)
    return {"X-Soracom-API-Key": auth["apiKey"], "X-Soracom-Token": auth["token"]}


def control_errors(emu):
    status, _, text = emu.request("GET", "/_carriersim/health")
    check(status == 401 and "error" in json.loads(text), f"no key: {status} {text}")
    key = {"Authorization": "Bearer " + emu.control_key}
    status, _, _ = emu.request("POST", "/_carriersim/clock", "{not json", key)
    check(status == 400, f"bad JSON: {status}")
    emu.advance("1h")
    status, _, _ = emu.request("POST", "/_carriersim/clock", {"to": "30m"}, key)
    check(status == 409, f"the clock went back: {status}")
    status, _, _ = emu.request("POST", "/_carriersim/devices/power",
                               {"sim": "trackers#99", "action": "off"}, key)
    check(status == 404, f"unknown SIM: {status}")
    status, _, _ = emu.request("POST", "/_carriersim/outages", {"cells": "metro-9", "for": "1h"}, key)
    check(status == 404, f"unknown cell: {status}")
    status, _, _ = emu.request("GET", "/nowhere")
    check(status == 404, f"unknown path: {status}")


def metric(text, name):
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    raise AssertionError(f"no metric {name} in:\n{text}")


def session(emu):
    headers = soracom_login(emu)
    sims = json.loads(emu.request("GET", "/v1/sims", headers=headers)[2])
    check(len(sims) == 6, f"6 SIMs listed, got {len(sims)}")
    first = sims[0]["simId"]
    emu.advance("2h")
    status, _, text = emu.request("POST", f"/v1/sims/{first}/suspend", headers=headers)
    check(status == 200 and json.loads(text)["status"] == "suspended", f"suspend: {status} {text}")
    emu.control("POST", "devices/power", {"sim": "trackers#2", "action": "cycle"})
    emu.control("POST", "outages", {"cells": "metro-2", "for": "3h"})
    emu.advance("1d")
    status, _, text = emu.request("POST", f"/v1/sims/{first}/activate", headers=headers)
    check(status == 200, f"activate: {status} {text}")
    emu.control("POST", "devices/power", {"sim": "trackers#4", "action": "off"})
    emu.advance("3d 5h")
    metrics = emu.control("GET", "metrics")
    check(metric(metrics, 'carriersim_sims{carrier="soracom",status="active"}') == 6,
          "6 active SIMs in /metrics")
    check(metric(metrics, "carriersim_requests_journaled_total") == 6,
          "6 requests journaled: suspend, cycle, outage, its end, activate, power-off")
    check(metric(metrics, "carriersim_attach_attempts_total") >= 6, "attaches counted")
    snapshot = emu.control("POST", "snapshot")
    check(snapshot["written"], "snapshot written")
    with open(os.path.join(emu.out_dir, "requests.jsonl")) as f:
        lines = f.read().splitlines()
    check(len(lines) == 7 and json.loads(lines[-1])["end"] == 4 * 86400000 + 8 * 3600000,
          f"the snapshot journal: 6 requests and the end line, got {lines}")
    emu.advance("2d")


def test(binary):
    emu = Emulator(binary, SCENARIO)
    control_errors(emu)
    session(emu)
    code, output = emu.shutdown()
    check(code == 0, f"serve exited {code}: {output}")
    journal = os.path.join(emu.out_dir, "requests.jsonl")
    code, output = emu.run("run", emu.scenario, "--replay", journal, "--out", "replayed",
                           "--no-progress")
    check(code == 0, f"run --replay exited {code}: {output}")
    for name in REPORTS:
        with open(os.path.join(emu.out_dir, name), "rb") as a, \
             open(os.path.join(emu.workdir, "replayed", name), "rb") as b:
            check(a.read() == b.read(), f"{name} differs between the session and its replay")
    # A journal that does not belong to the scenario is refused with its line.
    bad = os.path.join(emu.workdir, "bad.jsonl")
    with open(journal) as f, open(bad, "w") as g:
        g.write(f.read().replace("trackers#", "nobody#", 1))
    code, output = emu.run("run", emu.scenario, "--replay", bad, "--out", "bad", "--no-progress")
    check(code == 3 and "bad.jsonl:1:1: error: no group 'nobody'" in output,
          f"a journal of another scenario: {code} {output}")


if __name__ == "__main__":
    main(test)
