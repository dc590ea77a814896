"""Live mode, the Soracom-shaped API driven with curl: auth, list with paging, a SIM, suspend
(the device's next attach is rejected for good, SOR-6), the event handler's webhook received,
reactivation, the status history, and every error shape ({code, message})."""
import csv
import json
import os
import subprocess

from harness import Emulator, WebhookReceiver, check, main

SCENARIO = """
name: live-soracom-curl
start: 2026-01-01T00:00:00Z
duration: 30d
seed: 5
currency: JPY
carriers:
  soracom:
    profile: soracom
    overrides: {{ verbs: {{ terminate: {{ roles: [owner] }} }} }}
  other: {{ profile: soracom }}
devices:
  tracker:
    boot: 5s..30s
    traffic: {{ every: 1h, uplink: 2KB }}
fleet:
  - {{ group: trackers, count: 3, carrier: soracom, plan: plan-KM1, device: tracker, status: active }}
  - {{ group: japan, count: 1, carrier: soracom, plan: plan-D, device: tracker, status: active }}
  - {{ group: theirs, count: 1, carrier: other, plan: plan-KM1, device: tracker, status: active }}
live:
  control-key: ctl-curl
  users:
    - {{ carrier: soracom, name: keyId-ops, secret: secret-ops, role: owner }}
    - {{ carrier: soracom, name: viewer, secret: pw-viewer, role: viewer }}
    - {{ carrier: other, name: keyId-other, secret: secret-other }}
  event-handlers:
    - name: on-suspend
      carrier: soracom
      rule: {{ type: status-change, to: suspended }}
      actions:
        - webhook: {{ url: '{hook}/suspended', body: '{{"sim":"${{simId}}","status":"${{status}}"}}' }}
"""


class Curl:
    """curl against the emulator: (status, headers text, parsed JSON body or text)."""

    def __init__(self, base):
        self.base = base
        self.headers = []

    def __call__(self, method, path, body=None, headers=None):
        args = ["curl", "-s", "-i", "-X", method, self.base + path]
        for h in (headers if headers is not None else self.headers):
            args += ["-H", h]
        if body is not None:
            args += ["-H", "Content-Type: application/json", "--data-binary", body]
        out = subprocess.run(args, capture_output=True, text=True, timeout=60).stdout
        head, _, text = out.replace("\r\n", "\n").partition("\n\n")
        status = int(head.split()[1])
        try:
            return status, head.lower(), json.loads(text)
        except ValueError:
            return status, head.lower(), text


def login(curl, key_id, secret):
    status, _, auth = curl("POST", "/v1/auth", json.dumps({"authKeyId": key_id, "authKey": secret}), [])
    check(status == 200 and auth["apiKey"] and auth["token"], f"auth {key_id}: {status} {auth}")
    return [f"X-Soracom-API-Key: {auth['apiKey']}", f"X-Soracom-Token: {auth['token']}"]


def check_error(result, status, what):
    code, _, body = result
    check(code == status and isinstance(body, dict) and body.get("code") and body.get("message"),
          f"{what}: expected {status} with {{code, message}}, got {code} {body}")
    return body


def errors(curl, emu, sim_id, other_sim_id):
    check_error(curl("GET", "/v1/sims", headers=[]), 401, "no token")
    check_error(curl("POST", "/v1/auth", '{"authKeyId": "keyId-ops", "authKey": "wrong"}', []),
                401, "wrong key")
    check_error(curl("POST", "/v1/auth", "{not json", []), 400, "malformed JSON")
    check_error(curl("GET", "/v1/sims/8900000000000000000"), 404, "unknown SIM")
    check_error(curl("GET", f"/v1/sims/{other_sim_id}"), 404, "another carrier's SIM")
    check_error(curl("GET", "/v1/sims?limit=abc"), 400, "bad limit")
    check_error(curl("DELETE", f"/v1/sims/{sim_id}"), 405, "wrong method")
    viewer = login(curl, "viewer", "pw-viewer")
    check_error(curl("POST", f"/v1/sims/{sim_id}/terminate", headers=viewer), 403, "viewer terminates")
    other = login(curl, "keyId-other", "secret-other")
    check_error(curl("POST", f"/v1/sims/{sim_id}/suspend", headers=other), 404,
                "a key of another carrier")
    status, _, _ = curl("POST", "/v1/auth", "x" * (65 * 1024), [])
    check(status == 413, f"an oversized body: {status}")


def story(emu, curl, hook):
    status, head, page = curl("GET", "/v1/sims?limit=2")
    check(status == 200 and len(page) == 2 and "x-soracom-next-key:" in head, f"page 1: {head}")
    next_key = head.split("x-soracom-next-key:")[1].split()[0]
    status, head, rest = curl("GET", f"/v1/sims?limit=2&last_evaluated_key={next_key}")
    check(len(rest) == 2 and "x-soracom-next-key" not in head, f"page 2: {rest}")
    sims = page + rest
    check(all(s["status"] == "active" for s in sims), "all active")
    emu.advance("1h")
    sim_id = sims[0]["simId"]
    status, _, sim = curl("GET", f"/v1/sims/{sim_id}")
    check(sim["sessionStatus"]["online"] is True, f"online after an hour: {sim}")
    status, _, sim = curl("POST", f"/v1/sims/{sim_id}/suspend")
    check(status == 200 and sim["status"] == "suspended", f"suspend: {status} {sim}")
    hooks = hook.wait_for(1)
    check(hooks and hooks[0]["path"] == "/suspended" and
          json.loads(hooks[0]["body"]) == {"sim": sim_id, "status": "suspended"},
          f"the event handler's webhook: {hooks}")
    # SOR-6: the device comes back after a power cycle and is rejected for good (#7).
    emu.control("POST", "devices/power", {"sim": "trackers#0", "action": "cycle"})
    emu.advance("10m")
    metrics = emu.control("GET", "metrics")
    check('carriersim_attach_rejects_total{cause="7"} 1' in metrics, f"one #7 reject:\n{metrics}")
    plan_d = sims[3]["simId"]
    check_error(curl("POST", f"/v1/sims/{plan_d}/set_to_standby"), 400, "SOR-5 standby on plan-D")
    emu.advance("1d")
    status, _, sim = curl("POST", f"/v1/sims/{sim_id}/activate")
    check(status == 200 and sim["status"] == "active", f"activate: {sim}")
    status, _, history = curl("GET", f"/v1/sims/{sim_id}/statuses/history")
    statuses = [h["status"] for h in history]
    check(statuses[:2] == ["active", "suspended"], f"SOR-9 history, newest first: {history}")
    return sims, sim_id


def test(binary):
    hook = WebhookReceiver()
    emu = Emulator(binary, SCENARIO.format(hook=hook.url))
    curl = Curl(emu.base)
    curl.headers = login(curl, "keyId-ops", "secret-ops")
    sims, sim_id = story(emu, curl, hook)
    status, _, other = curl("GET", "/v1/sims", headers=login(curl, "keyId-other", "secret-other"))
    errors(curl, emu, sim_id, other[0]["simId"])
    code, output = emu.shutdown()
    check(code == 0, f"serve exited {code}: {output}")
    with open(os.path.join(emu.out_dir, "history.csv")) as f:
        api = [(r["sim"], r["to"]) for r in csv.DictReader(f) if r["cause"] == "api"]
    check(api == [("trackers#0", "suspended"), ("trackers#0", "active")],
          f"each accepted verb once in history.csv: {api}")
    with open(os.path.join(emu.out_dir, "webhooks.csv")) as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == 1 and rows[0]["status"] == "200" and rows[0]["url"].endswith("/suspended"),
          f"webhooks.csv records the delivery: {rows}")


if __name__ == "__main__":
    main(test)
