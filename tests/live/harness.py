"""Drives a `carriersim serve` process for the live-mode tests (tests/live/test_*.py).

Each test starts the emulator on a free loopback port with a manual clock, so that simulated
time moves only when the test says, and talks to it with real clients: curl, Python's standard
library and the Twilio helper library. Nothing here waits on wall-clock time for an outcome:
waits are bounded, and only for a process or a socket to answer.
"""
import gc
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request

STARTUP_SECONDS = 30


class Emulator:
    """One `carriersim serve` process on a scenario; stopped by shutdown() or on exit."""

    def __init__(self, binary, scenario_text, clock="manual", extra_args=()):
        self.workdir = tempfile.mkdtemp(prefix="carriersim-live-")
        self.scenario = os.path.join(self.workdir, "scenario.yaml")
        with open(self.scenario, "w") as f:
            f.write(scenario_text)
        self.out_dir = os.path.join(self.workdir, "out")
        self.binary = binary
        self.process = subprocess.Popen(
            [binary, "serve", self.scenario, "--listen", "127.0.0.1:0", "--clock", clock,
             "--out", self.out_dir, *extra_args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=self.workdir)
        self.banner = self._read_banner()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", self.banner)
        assert match, "no 'listening on' line:\n" + self.banner
        self.base = match.group(1)
        key = re.search(r"Authorization: Bearer (\S+)\)", self.banner)
        self.control_key = key.group(1)

    def _read_banner(self):
        lines = []
        timer = threading.Timer(STARTUP_SECONDS, self.process.kill)
        timer.start()
        try:
            for line in self.process.stdout:
                lines.append(line)
                if line.startswith("listening on"):
                    break
        finally:
            timer.cancel()
        if not lines or not lines[-1].startswith("listening on"):
            raise AssertionError("carriersim serve did not start:\n" + "".join(lines) +
                                 self.process.stderr.read())
        return "".join(lines)

    def request(self, method, path, body=None, headers=None):
        """(status, headers, text) of one HTTP request; `body` is bytes, str or a JSON value."""
        headers = dict(headers or {})
        data = None
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            data = body.encode()
        elif body is not None:
            data = body
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, resp.headers, resp.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def control(self, method, path, body=None):
        status, _, text = self.request(method, "/_carriersim/" + path, body,
                                       {"Authorization": "Bearer " + self.control_key})
        assert status == 200, f"control {method} {path}: {status} {text}"
        return json.loads(text) if text[:1] in ("{", "[") else text

    def advance(self, duration):
        return self.control("POST", "clock", {"advance": duration})

    def shutdown(self):
        """Stops the emulator (POST /_carriersim/shutdown) and returns (exit code, stdout)."""
        self.control("POST", "shutdown")
        out, err = self.process.communicate(timeout=60)
        return self.process.returncode, out + err

    def reports(self):
        return os.path.join(self.out_dir)

    def run(self, *args):
        """`carriersim ARGS...` in the emulator's folder: (exit code, output)."""
        done = subprocess.run([self.binary, *args], cwd=self.workdir, capture_output=True,
                              text=True, timeout=300)
        return done.returncode, done.stdout + done.stderr

    def __del__(self):
        if getattr(self, "process", None) and self.process.poll() is None:
            self.process.kill()


class WebhookReceiver:
    """A tiny HTTP server on loopback that records every request it gets, answering 200 (or the
    status a test asks for)."""

    def __init__(self, status=200):
        self.requests = []
        self.status = status
        self.arrived = threading.Condition()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode() if length else ""
                with receiver.arrived:
                    receiver.requests.append(
                        {"method": self.command, "path": self.path,
                         "headers": dict(self.headers), "body": body})
                    receiver.arrived.notify_all()
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_GET = do_PUT = _record

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, timeout=30):
        """The requests, once at least `count` arrived (bounded wait)."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.requests) >= count, timeout=timeout)
            return list(self.requests)


class ModemLine:
    """A client of one virtual modem's serial line: its pseudo-terminal (a path) or its TCP port
    ("host:port"), in raw mode. Reads are bounded waits for what the modem writes."""

    def __init__(self, where):
        import select  # noqa: F401  (used by the methods)
        self.sock = None
        self.fd = None
        if "/" in where:
            import tty
            self.fd = os.open(where, os.O_RDWR | os.O_NOCTTY)
            tty.setraw(self.fd)
        else:
            import socket
            host, port = where.rsplit(":", 1)
            self.sock = socket.create_connection((host, int(port)), timeout=10)
        self.buffer = b""

    def write(self, data):
        data = data.encode() if isinstance(data, str) else data
        if self.sock:
            self.sock.sendall(data)
        else:
            os.write(self.fd, data)

    def _read(self, timeout):
        import select
        handle = self.sock if self.sock else self.fd
        ready, _, _ = select.select([handle], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = self.sock.recv(4096) if self.sock else os.read(self.fd, 4096)
        except OSError:
            return b""
        return chunk

    def wait_for(self, pattern, timeout=20):
        """The text up to and including the first match of `pattern` (a regex on bytes decoded
        as Latin-1), consumed; AssertionError after `timeout` seconds without one."""
        import time
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            text = self.buffer.decode("latin-1")
            match = regex.search(text)
            if match:
                self.buffer = self.buffer[len(text[:match.end()].encode("latin-1")):]
                return text[:match.end()]
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {pattern!r} from the modem within {timeout} s; got "
                                     f"{text!r}")
            self.buffer += self._read(min(left, 0.5))

    def command(self, line, timeout=20):
        """Sends an AT command line and returns what came back up to its final result code."""
        self.write(line + "\r")
        return self.wait_for(r"\r\n(OK|ERROR|\+CME ERROR: [^\r]*|\+CMS ERROR: [^\r]*)\r\n",
                             timeout)

    def close(self):
        if self.sock:
            self.sock.close()
        elif self.fd is not None:
            os.close(self.fd)
        self.sock = self.fd = None


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main(test):
    """Runs test(binary) and exits 0, or prints the failure and exits 1. Every folder the test
    makes (scenario, reports, journal) is inside one temporary folder, removed at the end."""
    with tempfile.TemporaryDirectory(prefix="carriersim-live-") as root:
        tempfile.tempdir = root
        try:
            test(sys.argv[1])
        except AssertionError as e:
            import traceback
            where = traceback.extract_tb(e.__traceback__)
            print("FAILED:", e)
            print("  at " + " <- ".join(f"{os.path.basename(f.filename)}:{f.lineno} {f.name}"
                                       for f in reversed(where) if "harness" not in f.filename))
            sys.exit(1)
        finally:
            tempfile.tempdir = None
            gc.collect()  # emulators still running are killed before their folders go
    print("passed")
