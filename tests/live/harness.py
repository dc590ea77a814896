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
        return json.loads(text) if text.startswith("{") else text

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
            print("FAILED:", e)
            sys.exit(1)
        finally:
            tempfile.tempdir = None
            gc.collect()  # emulators still running are killed before their folders go
    print("passed")
