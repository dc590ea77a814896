"""Virtual modems against real clients no one here wrote: gammu (`identify`, `networkinfo`) and
ppp's `chat`, on the pseudo-terminals of a `firmware: external` group. What they print must be
what the carrier API says of the same SIM (IMEI, IMSI) and what the network did to it (home
network; registration denied once the SIM is suspended)."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Emulator, ModemLine, check, main  # noqa: E402

SCENARIO = """
name: modem-clients
start: 2026-01-01T00:00:00Z
duration: 30d
carriers:
  soracom: { profile: soracom }
  kore: { profile: kore }
devices:
  board: { boot: 2s, modem: { attach-time: 1s } }
fleet:
  - { group: units, count: 2, carrier: soracom, plan: plan01s, device: board, status: active,
      firmware: external }
  - { group: meters, count: 1, carrier: kore, plan: standard, device: board, status: active,
      firmware: external }
live:
  users:
    - { name: ops, secret: s3cret, carrier: soracom, role: owner }
    - { name: ACtest, secret: token, carrier: kore, role: owner }
"""


def gammu(device, command):
    config = os.path.join(os.path.dirname(device), "..", "..", "gammurc-" + os.path.basename(device))
    with open(config, "w") as f:
        f.write(f"[gammu]\ndevice = {device}\nconnection = at\n")
    done = subprocess.run(["gammu", "-c", config, command], capture_output=True, text=True,
                          timeout=60)
    check(done.returncode == 0, f"gammu {command}: exit {done.returncode}\n{done.stdout}"
                                f"{done.stderr}")
    return done.stdout


def soracom(emu, method, path):
    status, _, text = emu.request("POST", "/v1/auth", {"authKeyId": "ops", "authKey": "s3cret"})
    check(status == 200, f"auth: {status} {text}")
    import json
    auth = json.loads(text)
    status, _, text = emu.request(method, "/v1" + path, None, {
        "X-Soracom-API-Key": auth["apiKey"], "X-Soracom-Token": auth["token"]})
    check(status == 200, f"{method} {path}: {status} {text}")
    return json.loads(text)


def test(binary):
    emu = Emulator(binary, SCENARIO)
    check("modem units-0: " in emu.banner and "modem units-1: " in emu.banner,
          "the banner lists the modems:\n" + emu.banner)
    emu.advance("1m")  # booted and registered
    modems = emu.control("GET", "modems")
    check([m["name"] for m in modems] == ["units-0", "units-1", "meters-0"], f"modems: {modems}")
    unit = modems[1]
    check(unit["modem"] == "registered" and unit["data_session"], f"units-1: {unit}")
    sim = soracom(emu, "GET", "/sims/" + unit["iccid"])
    check(sim["imsi"] == unit["imsi"], f"the API's IMSI {sim['imsi']} is the modem's {unit}")

    identify = gammu(unit["link"], "identify")
    check(re.search(r"IMEI\s*:\s*" + unit["imei"], identify), "gammu identify:\n" + identify)
    check(re.search(r"SIM IMSI\s*:\s*" + sim["imsi"], identify), "gammu identify:\n" + identify)
    check(re.search(r"Manufacturer\s*:\s*carriersim", identify), identify)

    info = gammu(unit["link"], "networkinfo")
    check(re.search(r"Network state\s*:\s*home network", info), "gammu networkinfo:\n" + info)
    check(re.search(r"Network\s*:\s*001 01", info), "gammu networkinfo:\n" + info)
    check(re.search(r"GPRS\s*:\s*attached", info), "gammu networkinfo:\n" + info)

    # Suspended (SOR-6), the device is detached and its re-attach meets reject #7 (NET-1).
    soracom(emu, "POST", f"/sims/{unit['iccid']}/suspend")
    emu.advance("1m")
    info = gammu(unit["link"], "networkinfo")
    check(re.search(r"Network state\s*:\s*registration to network denied", info),
          "gammu networkinfo after suspend:\n" + info)
    check(re.search(r"GPRS\s*:\s*detached", info), "gammu networkinfo after suspend:\n" + info)

    # ppp's chat script: expect-send pairs, exit 0 only if every expectation was met.
    with open(unit["link"], "r+b", buffering=0) as tty:
        subprocess.run(["stty", "raw", "-echo"], stdin=tty, check=True)
        done = subprocess.run(
            ["chat", "-t", "5", "-e", "", "AT+CMEE=2", "OK", "AT+CEREG=3", "OK", "AT+CEREG?",
             "+CEREG: 3,3,", "AT+CEER", "EPS services not allowed"],
            stdin=tty, stdout=tty, capture_output=False, stderr=subprocess.PIPE, text=True,
            timeout=60)
    check(done.returncode == 0, f"chat: exit {done.returncode}\n{done.stderr}")

    # An SMS command through the KORE-shaped API reaches the SIM's modem with its words.
    import base64
    basic = {"Authorization": "Basic " + base64.b64encode(b"ACtest:token").decode(),
             "Content-Type": "application/x-www-form-urlencoded"}
    meter = next(m for m in modems if m["name"] == "meters-0")
    line = ModemLine(meter["link"])
    line.command("AT+CMGF=1")
    status, _, text = emu.request("POST", "/v1/Commands", "Sim=meters-0&Command=reboot%20now",
                                  basic)
    check(status == 201 and '"direction":"to_sim"' in text.replace(" ", ""),
          f"POST /v1/Commands: {status} {text}")
    line.wait_for(r'\+CMTI: "SM",1\r\n')
    reply = line.command("AT+CMGR=1")
    check("reboot now" in reply, f"AT+CMGR=1: {reply!r}")
    status, _, text = emu.request("POST", "/v1/Commands", "Sim=meters-0&Command=" + "x" * 161,
                                  basic)
    check(status == 400, f"an overlong command is refused: {status} {text}")
    status, _, _ = emu.request("POST", "/v1/Commands", "Sim=units-0&Command=hi", basic)
    check(status == 404, "another carrier's SIM is not found")
    line.close()

    # The other modem was not touched by any of it.
    line = ModemLine(modems[0]["link"])
    reply = line.command("AT+CEREG?")
    check("+CEREG: 0,1" in reply, f"units-0: {reply!r}")
    line.close()
    code, out = emu.shutdown()
    check(code == 0, out)


if __name__ == "__main__":
    main(test)
