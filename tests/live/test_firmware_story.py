"""The reference firmware (devices/examples/reconnect_firmware.c) through the suspend story, on
the wall clock as firmware lives (serve --clock real --speed 1), next to a modelled twin with the
same policy (the `modem` preset: respect a permanent reject):

  attach, data billed; suspend -> detached, +CEREG with cause 7, no further attempts;
  activate -> still silent; AT+CFUN=1,1 (the firmware's reset, SIGUSR1) -> registered again;

and the reports (history, sessions, ledger) tell the same story for both. Then the naive mode
(AT+CFUN=0/1 after every reject) drives another SIM into the storm rule (SOR-7), and the journal
replays into the same reports byte for byte.

Waits are bounded and only for something to happen; nothing asserts on how long it took."""
import csv
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from harness import Emulator, check, main  # noqa: E402

SCENARIO = """
name: firmware-story
start: 2026-01-01T00:00:00Z
duration: 30d
carriers:
  soracom:
    profile: soracom
    # SOR-7 within a test's patience: the 6th attempt within the hour while suspended.
    overrides: { rules: { storm: { reaches: 6 } } }
devices:
  board: { boot: 1s, modem: { attach-time: 500ms } }
  twin:
    boot: 1s
    modem: { attach-time: 500ms }
    firmware: { preset: modem }
    traffic: { every: 2s, uplink: 64B, downlink: 64B }
fleet:
  - { group: fw, count: 2, carrier: soracom, plan: plan01s, device: board, status: active,
      firmware: external }
  - { group: twin, count: 1, carrier: soracom, plan: plan01s, device: twin, status: active }
live:
  users:
    - { name: ops, secret: s3cret, carrier: soracom, role: owner }
"""

PERMANENT = "permanent reject #7"


class Firmware:
    """One reference firmware process on a modem's line, its log in a file."""

    def __init__(self, binary, link, workdir, *args):
        self.log_path = os.path.join(workdir, os.path.basename(link) + ".log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([binary, "--interval", "2", "--bytes", "64", *args, link],
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def text(self):
        with open(self.log_path) as f:
            return f.read()

    def wait_for(self, pattern, count=1, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(re.findall(pattern, self.text())) >= count:
                return
            check(self.process.poll() is None, f"the firmware exited:\n{self.text()}")
            time.sleep(0.2)
        raise AssertionError(f"no {count} x {pattern!r} in the firmware's log:\n{self.text()}")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()


class Soracom:
    def __init__(self, emu):
        self.emu = emu
        status, _, text = emu.request("POST", "/v1/auth", {"authKeyId": "ops", "authKey": "s3cret"})
        check(status == 200, text)
        auth = json.loads(text)
        self.headers = {"X-Soracom-API-Key": auth["apiKey"], "X-Soracom-Token": auth["token"]}

    def call(self, method, path):
        status, _, text = self.emu.request(method, "/v1" + path, None, self.headers)
        check(status == 200, f"{method} {path}: {status} {text}")
        return json.loads(text)


def modem(emu, name):
    return next(m for m in emu.control("GET", "modems") if m["name"] == name)


def wait_until(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def rows(emu, report, sim):
    with open(os.path.join(emu.out_dir, report)) as f:
        return [r for r in csv.DictReader(f) if r["sim"] == sim]


def respectful_story(emu, api, firmware_binary):
    fw = modem(emu, "fw-0")
    iccid = fw["iccid"]
    twin = api.call("GET", "/sims?limit=100")
    twin_iccid = next(s["iccid"] for s in twin if s["tags"]["name"] == "twin#0")
    firmware = Firmware(firmware_binary, fw["link"], emu.workdir)
    firmware.wait_for(r"<< SEND OK", count=2)  # attached, readings billed

    api.call("POST", f"/sims/{iccid}/suspend")
    api.call("POST", f"/sims/{twin_iccid}/suspend")
    firmware.wait_for(re.escape(PERMANENT))
    firmware.wait_for(r'\+CEREG: 3,"[0-9A-F]{4}","[0-9A-F]{8}",7,0,7')
    wait_until(lambda: modem(emu, "fw-0")["modem"] == "sim-invalid", "fw-0 to hold its SIM invalid")
    attempts = modem(emu, "fw-0")["attach_attempts"]

    api.call("POST", f"/sims/{iccid}/activate")
    api.call("POST", f"/sims/{twin_iccid}/activate")
    time.sleep(5)  # the firmware stays silent, and so does the modem
    after = modem(emu, "fw-0")
    check(after["modem"] == "sim-invalid" and after["attach_attempts"] == attempts,
          f"after the activation the modem stays silent: {after}, {attempts} attempts before")
    log = firmware.text()
    silent = log[log.index(PERMANENT):]
    check(not re.search(r">> AT\+(CFUN|COPS|CGATT)", silent),
          "the firmware sent nothing that attaches after the reject:\n" + silent)

    firmware.process.send_signal(signal.SIGUSR1)  # the reset button: AT+CFUN=1,1
    emu.control("POST", "devices/power", {"sim": "twin#0", "action": "cycle"})
    firmware.wait_for(r">> AT\+CFUN=1,1")
    firmware.wait_for(r"registered \(home\)", count=2)
    readings = len(re.findall(r"<< SEND OK", firmware.text()))
    firmware.wait_for(r"<< SEND OK", count=readings + 1)
    check(modem(emu, "fw-0")["attach_attempts"] > attempts, "the reset attached again")
    firmware.stop()
    return firmware.text()


def naive_storm(emu, api, firmware_binary):
    fw = modem(emu, "fw-1")
    firmware = Firmware(firmware_binary, fw["link"], emu.workdir, "--naive")
    firmware.wait_for(r"<< SEND OK")
    api.call("POST", f"/sims/{fw['iccid']}/suspend")
    wait_until(lambda: api.call("GET", f"/sims/{fw['iccid']}")["status"] == "active",
               "the storm rule to force fw#1 active", timeout=120)
    firmware.wait_for(r">> AT\+CFUN=0")
    firmware.stop()


def check_reports(emu):
    def path(sim):
        return [(r["from"], r["to"], r["cause"]) for r in rows(emu, "history.csv", sim)]

    check([p[:2] for p in path("fw#0")] == [("active", "suspended"), ("suspended", "active")],
          f"fw#0's history: {path('fw#0')}")
    check([p[:2] for p in path("fw#0")] == [p[:2] for p in path("twin#0")],
          f"fw#0 and its twin went through the same statuses: {path('fw#0')} {path('twin#0')}")
    storm = path("fw#1")
    check(storm[-1][1] == "active" and "storm" in storm[-1][2], f"fw#1's history: {storm}")

    for sim in ("fw#0", "twin#0"):
        sessions = rows(emu, "sessions.csv", sim)
        check(len(sessions) >= 2, f"{sim}: a session before the suspension and one after: "
                                  f"{sessions}")
        check(sessions[0]["end"] == "detached", f"{sim}: the suspension ended it: {sessions[0]}")
        check(int(sessions[0]["uplink_bytes"]) > 0 and
              sessions[0]["uplink_bytes"] == sessions[0]["downlink_bytes"],
              f"{sim}: the readings and their echo were billed in it: {sessions[0]}")
    categories = {sim: sorted({r["category"] for r in rows(emu, "ledger.csv", sim)})
                  for sim in ("fw#0", "twin#0")}
    check(categories["fw#0"] == categories["twin#0"], f"the same fees: {categories}")
    fw0 = rows(emu, "sims.csv", "fw#0")[0]
    check(fw0["modem"] == "registered" and int(fw0["attach_rejects"]) >= 1, f"sims.csv: {fw0}")


def test(binary):
    firmware_binary = sys.argv[2]
    emu = Emulator(binary, SCENARIO, clock="real")
    api = Soracom(emu)
    respectful_story(emu, api, firmware_binary)
    naive_storm(emu, api, firmware_binary)
    code, out = emu.shutdown()
    check(code == 0, out)
    check_reports(emu)
    journal = open(os.path.join(emu.out_dir, "requests.jsonl")).read()
    check('"api":"at"' in journal and '"action":"modem-reset"' in journal,
          "the AT side's actions are journaled:\n" + journal[:2000])

    code, out = emu.run("run", emu.scenario, "--replay", os.path.join(emu.out_dir, "requests.jsonl"),
                        "--out", "replayed")
    check(code == 0, f"replay: exit {code}\n{out}")
    for report in ("history.csv", "sessions.csv", "ledger.csv", "sims.csv", "summary.json"):
        live = open(os.path.join(emu.out_dir, report), "rb").read()
        replayed = open(os.path.join(emu.workdir, "replayed", report), "rb").read()
        check(live == replayed, f"{report} differs between the live session and its replay")


if __name__ == "__main__":
    main(test)
