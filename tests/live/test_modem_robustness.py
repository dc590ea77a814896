"""Bad input on a virtual modem's serial line (unknown commands, overlong lines, binary garbage,
a client that disconnects mid-command or mid-prompt and reconnects) gets ERROR or is dropped: it
never crashes the emulator or affects another device. The same over TCP (--modem-port), where a
second client is turned away as a serial port would. And a speed other than 1 is refused with
external firmware unless --force-speed."""
import os
import random
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Emulator, ModemLine, check, main  # noqa: E402

SCENARIO = """
name: modem-robustness
start: 2026-01-01T00:00:00Z
duration: 30d
carriers:
  soracom: { profile: soracom }
devices:
  board: { boot: 2s, modem: { attach-time: 1s } }
fleet:
  - { group: units, count: 2, carrier: soracom, plan: plan01s, device: board, status: active,
      firmware: external }
"""


def wait_disconnected(emu, name):
    import time
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if not next(m for m in emu.control("GET", "modems") if m["name"] == name)["connected"]:
            return
        time.sleep(0.05)
    raise AssertionError(f"{name} still shows a client")


def abuse(emu, open_line, other):
    """Throws bad input at units-0's line (open_line() opens it), checking `other` between the
    blows. A client that goes away is waited for until the emulator has seen it go: a serial
    line reopened at once cannot tell, and the next command merely meets the leftover (and
    gets ERROR, which is checked too)."""
    line = open_line()
    check("ERROR" in line.command("AT+NOSUCHCOMMAND"), "an unknown command gets ERROR")
    line.write("AT" + "X" * 5000 + "\r")
    check("ERROR" in line.wait_for(r"ERROR\r\n"), "an overlong line gets ERROR")
    rng = random.Random(14)
    garbage = bytes(rng.randrange(256) for _ in range(20000))
    line.write(garbage)
    line.write(b"\r\n\x1b\rAT\r")  # end whatever the garbage started; then a plain AT
    line.wait_for(r"\r\nOK\r\n")
    check("+CGSN" in other.command("AT+CGSN=1") or "OK" in other.command("AT"), "other line")

    line.write("AT+CGM")  # and gone, mid-command
    line.close()
    wait_disconnected(emu, "units-0")
    line = open_line()
    reply = line.command("AT")
    check(reply.endswith("OK\r\n"), f"a fresh line after a drop: {reply!r}")
    line.command('AT+QIOPEN=1,0,"TCP","echo",7,0,0')
    line.write("AT+QISEND=0,100\r")
    line.wait_for(r">")
    line.write("half a reading")  # and gone, mid-prompt
    line.close()
    wait_disconnected(emu, "units-0")
    line = open_line()
    check(line.command("AT").endswith("OK\r\n"), "the prompt died with its client")
    line.write("AT+CG")  # gone and back at once: the leftover meets the next command
    line.close()
    line = open_line()
    reply = line.command("AT")  # OK if the drop was seen in time, else ERROR for "AT+CGAT"
    check(reply.endswith(("OK\r\n", "ERROR\r\n")), f"answered, not silent: {reply!r}")
    check(line.command("AT").endswith("OK\r\n"), "and the line is clean again")
    line.close()


def test_pty(binary):
    emu = Emulator(binary, SCENARIO)
    emu.advance("1m")
    modems = emu.control("GET", "modems")
    other = ModemLine(modems[1]["link"])
    other.command("AT+CEREG=2")
    abuse(emu, lambda: ModemLine(modems[0]["link"]), other)
    emu.advance("1m")
    check("+CEREG: 2,1" in other.command("AT+CEREG?"), "the other device stayed registered")
    check(emu.control("GET", "health")["status"] == "ok", "the emulator is well")
    states = [m["modem"] for m in emu.control("GET", "modems")]
    check(states == ["registered", "registered"], f"no device was affected: {states}")
    other.close()
    code, out = emu.shutdown()
    check(code == 0, out)
    check(not os.path.exists(os.path.join(emu.out_dir, "modems")), "the links are gone with it")


def free_base(count):
    """A base port below the kernel's ephemeral range (where clients' own ports come from), with
    `count` ports free from it at the time of asking."""
    with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
        ephemeral_low = int(f.read().split()[0])
    for _ in range(50):
        base = random.randrange(10000, max(10001, ephemeral_low - count))
        sockets = []
        try:
            for i in range(count):
                s = socket.socket()
                s.bind(("127.0.0.1", base + i))
                sockets.append(s)
            return base
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise AssertionError("no free ports")


def start_on_free_ports(binary, count):
    """The emulator with its modems on `count` consecutive TCP ports. Another test running at the
    same time may take a port between our probe and the emulator's bind, so a start refused with
    'Address already in use' is tried again on other ports."""
    for attempt in range(5):
        base = free_base(count)
        try:
            return base, Emulator(binary, SCENARIO, extra_args=("--modem-port", str(base)))
        except AssertionError as error:
            if "Address already in use" not in str(error) or attempt == 4:
                raise


def test_tcp(binary):
    base, emu = start_on_free_ports(binary, 2)
    check(f"modem units-0: 127.0.0.1:{base}" in emu.banner, emu.banner)
    emu.advance("1m")
    other = ModemLine(f"127.0.0.1:{base + 1}")
    first = ModemLine(f"127.0.0.1:{base}")
    check(first.command("AT").endswith("OK\r\n"), "the TCP line answers")
    second = socket.create_connection(("127.0.0.1", base), timeout=10)
    check(second.recv(100) == b"", "a second client is turned away while the first is on")
    second.close()
    first.close()
    abuse(emu, lambda: ModemLine(f"127.0.0.1:{base}"), other)
    check("+CGSN: " in other.command("AT+CGSN=1"), "the other device answers")
    other.close()
    code, out = emu.shutdown()
    check(code == 0, out)


def test_speed(binary):
    emu = Emulator(binary, SCENARIO)  # only for its folder and scenario file
    done = subprocess.run([binary, "serve", emu.scenario, "--speed", "10", "--listen",
                           "127.0.0.1:0", "--out", os.path.join(emu.workdir, "fast")],
                          capture_output=True, text=True, timeout=60)
    check(done.returncode == 2 and "--force-speed" in done.stderr,
          f"a speed-up with external firmware is refused: {done.returncode} {done.stderr}")
    emu.shutdown()
    fast = Emulator(binary, SCENARIO, clock="real", extra_args=("--speed", "10", "--force-speed"))
    # On the real clock, what a command sets in motion happens by itself: the radio switched
    # on, the modem registers after its boot and attach times, and says so unasked.
    line = ModemLine(fast.control("GET", "modems")[0]["link"])
    line.command("AT+CEREG=1")
    line.command("AT+CFUN=0")
    line.command("AT+CFUN=1")
    line.wait_for(r"\+CEREG: 1\r\n")
    line.close()
    code, out = fast.shutdown()
    check(code == 0, out)


def test(binary):
    test_pty(binary)
    test_tcp(binary)
    test_speed(binary)


if __name__ == "__main__":
    main(test)
