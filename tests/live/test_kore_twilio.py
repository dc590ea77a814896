"""Live mode: the KORE-shaped API driven by the official Twilio helper library (python3-twilio).

A full story on one session: list (paged, filtered), fetch, suspend through `updating` with a
callback to a receiver, the device's permanent reject (EMM #7), reactivate, an OAuth2 bearer
token, KOR-5 `scheduled` during an upstream outage, every error shape; then the status history
after shutdown and the journal replayed by `run` into identical reports.
"""
import base64
import csv
import json
import os
import urllib.parse

from harness import Emulator, WebhookReceiver, check, main

try:
    from twilio.base.exceptions import TwilioRestException
    from twilio.rest import Client
except ImportError as e:  # the client under test: without it this test proves nothing
    raise SystemExit(f"FAILED: python3-twilio is not importable by this python3 ({e})")

SCENARIO = """
name: kore-twilio
start: 2026-01-01T00:00:00Z
duration: 30d
seed: 7
carriers:
  kore:
    profile: kore
    upstream-outages:
      - { from: 2d, to: 2d 6h }
  kore-b:
    profile: kore
devices:
  tracker:
    boot: 5s..30s
    traffic: { every: 1h, uplink: 1KB, downlink: 2KB }
fleet:
  - { group: trackers, count: 5, carrier: kore, plan: standard, device: tracker, status: active }
  - { group: spare, count: 2, carrier: kore, plan: standard, device: tracker, status: new, power: false }
  - { group: other, count: 1, carrier: kore-b, plan: standard, device: tracker, status: active }
live:
  users:
    - { carrier: kore, name: ACowner, secret: token-owner }
    - { carrier: kore-b, name: ACother, secret: token-other }
"""

REPLAYED = ["summary.json", "history.csv", "sims.csv", "ledger.csv", "sessions.csv",
            "timeseries.csv"]
REJECTS = 'carriersim_attach_rejects_total{cause="7"}'


def client(emu, sid="ACowner", token="token-owner"):
    c = Client(sid, token)
    c.wireless.base_url = emu.base
    return c


def metric(emu, name):
    for line in emu.control("GET", "metrics").splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    return 0.0  # a labelled counter is absent until its first sample


def twilio_error(call, status, code):
    try:
        call()
    except TwilioRestException as e:
        check(e.status == status and e.code == code,
              f"want {status}/{code}, got {e.status}/{e.code}: {e.msg}")
        return
    raise AssertionError(f"no TwilioRestException (want {status}/{code})")


def raw_error(emu, method, path, status, code, body=None, headers=None):
    """Twilio's error shape over urllib, where the helper library would hide the body."""
    got, _, text = emu.request(method, path, body, headers)
    err = json.loads(text)
    check(got == status and err.get("status") == status and err.get("code") == code and
          err.get("message") and err.get("more_info") ==
          f"https://www.twilio.com/docs/errors/{code}",
          f"{method} {path}: want {status}/{code}, got {got} {text}")


def listing(c):
    sims = c.wireless.v1.sims.list(page_size=2)  # 7 SIMs: the library follows 4 pages
    check([s.unique_name for s in sims] == [f"trackers-{i}" for i in range(5)] +
          ["spare-0", "spare-1"], f"listed: {[s.unique_name for s in sims]}")
    page = c.wireless.v1.sims.page(page_size=2)
    second = page.next_page()
    check(second is not None and [s.sid for s in second] == [s.sid for s in sims[2:4]],
          "page two by next_page_url")
    fresh = c.wireless.v1.sims.list(status="new", page_size=1)
    check(sorted(s.unique_name for s in fresh) == ["spare-0", "spare-1"], "Status=new filter")
    one = c.wireless.v1.sims("trackers-0").fetch()
    check(one.sid == sims[0].sid and one.friendly_name == "trackers#0" and
          one.status == "active" and one.iccid == sims[0].iccid, f"fetch: {one}")
    return {s.unique_name: s.sid for s in sims}


def suspend_with_callback(emu, c, sid):
    receiver = WebhookReceiver()
    emu.advance("2h")  # the devices booted and attached
    sim = c.wireless.v1.sims(sid).update(status="suspended", callback_url=receiver.url + "/kore")
    check(sim.status == "updating", f"KOR-5 updating right after, got {sim.status}")
    twilio_error(lambda: c.wireless.v1.sims(sid).update(status="active"), 409, 20409)
    check(not receiver.requests, "no callback before the change completes")
    emu.advance("1m")  # the profile's update takes 30 s
    check(c.wireless.v1.sims(sid).fetch().status == "suspended", "suspended after updating")
    got = receiver.wait_for(1)
    check(len(got) == 1 and got[0]["method"] == "POST" and got[0]["path"] == "/kore",
          f"one callback: {got}")
    fields = urllib.parse.parse_qs(got[0]["body"])
    check(fields.get("Sid") == [sid] and fields.get("Status") == ["suspended"] and
          fields.get("Iccid") == [sim.iccid] and fields.get("UniqueName") == ["trackers-0"] and
          fields.get("DateUpdated") == ["2026-01-01T02:00:30Z"],  # the completion's time
          f"callback fields: {fields}")
    # KOR-6: the device's next attach after a power cycle is refused with EMM #7 (permanent).
    # Counted from here: the suspension itself may already have cost the device an attach.
    rejects = metric(emu, REJECTS)
    emu.control("POST", "devices/power", {"sim": "trackers#0", "action": "cycle"})
    emu.advance("10m")
    check(metric(emu, REJECTS) > rejects, "the suspended SIM's attach rejected with cause 7")
    return receiver


def reactivate(emu, c, sid):
    sim = c.wireless.v1.sims(sid).update(status="active")
    check(sim.status == "updating", f"reactivation passes through updating: {sim.status}")
    emu.advance("1m")
    check(c.wireless.v1.sims(sid).fetch().status == "active", "active again")


def oauth(emu, sid):
    form = "grant_type=client_credentials&client_id=ACowner&client_secret=token-owner"
    status, _, text = emu.request("POST", "/v1/auth/token", form,
                                  {"Content-Type": "application/x-www-form-urlencoded"})
    token = json.loads(text)
    check(status == 200 and token["token_type"] == "Bearer" and token["expires_in"] == 3600,
          f"token: {status} {text}")
    status, _, text = emu.request("GET", "/v1/Sims/" + sid,
                                  headers={"Authorization": "Bearer " + token["access_token"]})
    check(status == 200 and json.loads(text)["sid"] == sid, f"bearer fetch: {status} {text}")
    raw_error(emu, "GET", "/v1/Sims/" + sid, 401, 20003,
              headers={"Authorization": "Bearer not-a-token"})
    raw_error(emu, "POST", "/v1/auth/token", 401, 20003,
              form.replace("token-owner", "wrong"),
              {"Content-Type": "application/x-www-form-urlencoded"})


def scheduled_during_outage(emu, c, sid):
    emu.control("POST", "clock", {"to": "2d 1h"})  # the scenario's outage: 2d to 2d 6h
    sim = c.wireless.v1.sims(sid).update(status="suspended")
    check(sim.status == "scheduled", f"KOR-5 scheduled during the outage: {sim.status}")
    emu.control("POST", "clock", {"to": "2d 5h"})
    check(c.wireless.v1.sims(sid).fetch().status == "scheduled", "still scheduled")
    emu.control("POST", "clock", {"to": "2d 7h"})
    check(c.wireless.v1.sims(sid).fetch().status == "suspended", "done once upstream is back")


def errors(emu, c, sids):
    sid = sids["trackers-2"]
    raw_error(emu, "GET", "/v1/Sims", 401, 20003)  # no credentials
    twilio_error(lambda: client(emu, token="wrong").wireless.v1.sims(sid).fetch(), 401, 20003)
    twilio_error(lambda: c.wireless.v1.sims("DE" + "f" * 32).fetch(), 404, 20404)
    other = client(emu, "ACother", "token-other")
    twilio_error(lambda: other.wireless.v1.sims(sid).fetch(), 404, 20404)
    twilio_error(lambda: other.wireless.v1.sims(sid).update(status="suspended"), 404, 20404)
    check([s.unique_name for s in other.wireless.v1.sims.list()] == ["other-0"],
          "the second carrier's user lists only its SIM")
    twilio_error(lambda: c.wireless.v1.sims(sid).update(status="sleeping"), 400, 20001)
    twilio_error(lambda: c.wireless.v1.sims(sid).delete(), 405, 20004)
    basic = {"Authorization": "Basic " + base64.b64encode(b"ACowner:token-owner").decode()}
    raw_error(emu, "GET", "/v1/Sims/" + "DE" + "f" * 32, 404, 20404, headers=basic)
    raw_error(emu, "POST", "/v1/Sims/" + sid, 400, 20001, "Status=sleeping",
              {**basic, "Content-Type": "application/x-www-form-urlencoded"})
    raw_error(emu, "DELETE", "/v1/Sims/" + sid, 405, 20004, headers=basic)
    check(c.wireless.v1.sims(sid).fetch().status == "active", "refused requests changed nothing")


def history(emu):
    with open(os.path.join(emu.out_dir, "history.csv")) as f:
        rows = [(r["sim"], r["from"], r["to"], r["cause"]) for r in csv.DictReader(f)]
    api = [r[:3] for r in rows if r[3] == "api"]
    check(api == [("trackers#0", "active", "updating"), ("trackers#0", "suspended", "updating"),
                  ("trackers#1", "active", "scheduled")],
          f"each accepted API change once, cause api: {rows}")
    moves = [r[2] for r in rows if r[0] == "trackers#0"]
    check(moves == ["updating", "suspended", "updating", "active"], f"trackers#0: {moves}")
    moves = [r[2] for r in rows if r[0] == "trackers#1"]
    check(moves == ["scheduled", "updating", "suspended"], f"trackers#1: {moves}")


def sims_report(emu):
    with open(os.path.join(emu.out_dir, "sims.csv")) as f:
        sims = {r["sim"]: r for r in csv.DictReader(f)}
    first = sims["trackers#0"]
    # EMM #7 is permanent: the modem holds the SIM invalid, even once the SIM is active again.
    check(first["status"] == "active" and int(first["attach_rejects"]) >= 1 and
          first["modem"] == "sim-invalid", f"trackers#0 in sims.csv: {first}")
    check(sims["trackers#1"]["status"] == "suspended", "trackers#1 suspended in sims.csv")


def callbacks(emu, receiver, sid):
    """The callback went out once, delivered (webhooks.csv), though the clock moved on."""
    with open(os.path.join(emu.out_dir, "webhooks.csv")) as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == 1 and rows[0]["url"] == receiver.url + "/kore" and
          rows[0]["reason"] == "callback of " + sid and rows[0]["status"] == "200",
          f"webhooks.csv: {rows}")
    check(len(receiver.requests) == 1, f"one callback received: {receiver.requests}")


def replay(emu):
    journal = os.path.join(emu.out_dir, "requests.jsonl")
    code, output = emu.run("run", emu.scenario, "--replay", journal, "--out", "replayed",
                           "--no-progress")
    check(code == 0, f"run --replay exited {code}: {output}")
    for name in REPLAYED:
        with open(os.path.join(emu.out_dir, name), "rb") as a, \
             open(os.path.join(emu.workdir, "replayed", name), "rb") as b:
            check(a.read() == b.read(), f"{name} differs between the session and its replay")


def test(binary):
    emu = Emulator(binary, SCENARIO)
    c = client(emu)
    sids = listing(c)
    receiver = suspend_with_callback(emu, c, sids["trackers-0"])
    reactivate(emu, c, sids["trackers-0"])
    oauth(emu, sids["trackers-0"])
    scheduled_during_outage(emu, c, sids["trackers-1"])
    errors(emu, c, sids)
    code, output = emu.shutdown()
    check(code == 0, f"serve exited {code}: {output}")
    history(emu)
    sims_report(emu)
    callbacks(emu, receiver, sids["trackers-0"])
    replay(emu)


if __name__ == "__main__":
    main(test)
