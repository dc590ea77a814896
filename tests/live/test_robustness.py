"""Live mode under bad input, many clients and signals: bytes that are not HTTP, a body far
past the limit and a malformed path leave the emulator serving; 64 clients at once are all
answered; the real clock runs on by itself; SIGTERM ends the session with its reports."""
import json
import os
import signal
import socket
import threading
import time

from harness import Emulator, check, main

SCENARIO = """
name: live-robust
start: 2026-01-01T00:00:00Z
duration: 30d
seed: 9
carriers:
  hologram: { profile: hologram }
devices:
  tracker:
    boot: 5s..30s
    traffic: { every: 1h, uplink: 1KB }
fleet:
  - { group: fleet, count: 20, carrier: hologram, plan: flexible, device: tracker }
live:
  control-key: ctl-robust
  users:
    - { carrier: hologram, name: ops, secret: key-ops, role: owner }
"""

KEY = {"Authorization": "Basic " + __import__("base64").b64encode(b"apikey:key-ops").decode()}


def raw(emu, data):
    """Sends bytes on a fresh connection: what came back before it closed (bounded wait)."""
    port = int(emu.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(data)
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks):
                    break
        except (socket.timeout, ConnectionResetError):
            pass
    return b"".join(chunks)


def bad_input(emu):
    # Not HTTP at all, or a Content-Length that is not a number: the HTTP library (RESTinio)
    # closes the connection without an answer. What matters: the emulator serves on.
    for data in (b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                 b"POST /api/1/devices HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n"
                 + b"x" * 1000):
        raw(emu, data)
    answer = raw(emu, b"GET /api/1/%zz HTTP/1.1\r\nHost: x\r\n\r\n")
    check(answer.startswith(b"HTTP/1.1 400 "), f"a path that does not decode: {answer[:200]}")
    status, _, text = emu.request("POST", "/api/1/devices/state", "x" * (100 * 1024), KEY)
    check(status == 413 and json.loads(text)["success"] is False, f"a 100 KiB body: {status} {text}")
    check(emu.request("GET", "/api/1/devices?limit=1", headers=KEY)[0] == 200, "still serving")


def many_clients(emu):
    results = []
    lock = threading.Lock()

    def client():
        for _ in range(20):
            status = emu.request("GET", "/api/1/devices?limit=5", headers=KEY)[0]
            with lock:
                results.append(status)

    threads = [threading.Thread(target=client) for _ in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    check(len(results) == 64 * 20 and set(results) == {200},
          f"64 clients x 20 requests all answered 200: {len(results)}, {set(results)}")


def sigterm(binary):
    emu = Emulator(binary, SCENARIO, clock="real", extra_args=("--speed", "100000"))
    # The real clock runs by itself: simulated time moves on while the test only waits.
    deadline = time.monotonic() + 30
    t = 0
    while t == 0 and time.monotonic() < deadline:
        t = emu.control("GET", "clock")["t"]
    check(t > 0, "the real clock did not move")
    emu.process.send_signal(signal.SIGTERM)
    out, err = emu.process.communicate(timeout=60)
    check(emu.process.returncode == 0 and "SIGTERM" in out, f"SIGTERM: {emu.process.returncode} {out} {err}")
    with open(os.path.join(emu.out_dir, "requests.jsonl")) as f:
        end = json.loads(f.read().splitlines()[-1])["end"]
    with open(os.path.join(emu.out_dir, "summary.json")) as f:
        summary = json.load(f)
    check(end >= t and summary["scenario"]["duration_ms"] == end,
          f"the reports end where the session did: journal {end}, summary {summary['scenario']}")


def test(binary):
    emu = Emulator(binary, SCENARIO)
    bad_input(emu)
    many_clients(emu)
    code, output = emu.shutdown()
    check(code == 0, f"serve exited {code}: {output}")
    sigterm(binary)


if __name__ == "__main__":
    main(test)
