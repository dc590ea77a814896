#!/usr/bin/python3
"""A SimPy twin of carriersim's `outage` fleet benchmark (carriersim bench fleet --workload outage).

usage: python3 tests/bench/outage_simpy.py --devices N [--seed S]

It needs SimPy 2.3.1 as Debian packages it (apt-get install python3-simpy; the old API:
`from SimPy.Simulation import *`), nothing from pip. When `python3` is another interpreter that
cannot see Debian's package (pyenv, a venv), the script runs itself again with /usr/bin/python3.

The model, written as carriersim has it (file names relative to the repository root):

  Fleet and cells (simulator/bench/fleet_bench.cc, the kOutage template; devices/devices.cc)
    N always-on devices; ceil(N / 2000) cells; device i camps on cell i % cells.
    The run lasts 4 h. Time is kept in integer milliseconds, as carriersim's SimTime is, and
    every "a..b" range is drawn as a uniform integer in [a, b] ms (devices/device_state.h Draw).

  Power-on (devices/modem.cc PowerOn)
    Every device is switched on at 0 and makes its first attach attempt after `boot: 0s..60s`.
    This start-up is itself a load of ~33 attaches/s per cell, so a few devices already get #22.

  An attach attempt (simulator/network/attach.cc Network::AttachRequest; devices/modem.cc SendAttach)
    The answer comes at once: the template sets no attach-time (ModemSpec.attach_time 0..0).
    - Cell down: no answer from any cell ("no cell"); not counted against the cell's capacity.
    - Cell up: the cell's capacity check (simulator/network/cells.h Cells::Admit). "50 per
      second" is 50 *admitted* requests per fixed one-second window, windows aligned on whole
      seconds of simulated time (index now // 1000 ms); the count restarts at every new window;
      rejected requests do not use up capacity. Over capacity: reject #22 (congestion).
    - Otherwise accepted (the SIM goes ready -> active; nothing here depends on it).

  After a failure (devices/firmware.cc NextAttempt, RetryWait with the default `modem` policy)
    - #22: T3346 is drawn uniformly from 5..15 min; the next attempt is when it expires; the
      attempt counter restarts at 0.
    - no cell: the attempt counter goes up; below 5 the next attempt is T3411 = 10 s later; at
      the 5th failure the counter restarts and the next attempt is T3402 = 12 min later.
    - Either way the attempt is never before a running T3346 expires, nor less than 1 ms later.
    carriersim skips the attempts a device makes into a dead cell without simulating them one
    event each (firmware.cc SkipDeadAir; same rules, same outcome). This twin simulates every
    one of them, as a SimPy model naturally would, so it handles ~9x more events for the same
    answer: compare wall times, not event counts.

  Accepted (devices/modem.cc Receive)
    The device is registered: its attempt counter restarts, and if it was hit by the outage it is
    counted back in service now. A registered device sleeps (passivate) until it loses service.

  The outage (simulator/world/timeline.cc StartOutage, devices/modem.cc LoseService)
    At 1 h every cell goes down until 2 h. Only devices that are registered at 1 h are affected
    (a device waiting for its next attempt is not); each one notices the loss after a uniform
    0..60 s (`loss-detection`) and then attaches, meeting a dead cell until 2 h.

  What is reported (simulator/observers/recovery.h MassEvent::BackBy; fleet_bench.cc;
  simulator/cli/bench_command.cc)
    back_p50_s, back_p95_s, back_p100_s: when 50, 95 and 100 % of the affected devices were back
    in service, in seconds counted from the END of the outage (the restore at 2 h, not its
    start), by nearest rank (the ceil(affected * p / 100)-th device back); "never" if that many
    never came back within the 4 h.

What to expect: nothing tells a device that its cell is back; it attaches when its timer says.
The devices all noticed the loss within the same minute, so their retry cycles (4 x T3411 + T3402
= 760 s) stay in step: the 1 h outage is 4 cycles + 560 s, and everyone's next attempt falls
200 s + 0..60 s after the restore, about 33 a second per cell, under the 50/s capacity. Hence
back_p50_s ~ 230 and back_p95_s ~ 257 (200 + 0.95 x 60), whatever the seed; back_p100_s is the
last of the few devices (about 5 to 45 in 100,000) that still got #22, back when their T3346 runs
out: ~1,000-1,150 s, noisy; ~260 s in runs where nobody got #22 (common below 50,000 devices).

Equal-time events: carriersim runs the timeline before devices at the same millisecond (entity 0,
simulator/world/world.h). Here the timeline process is activated first and posts its 1 h and 2 h
wake-ups before any device posts one for those instants (every device is registered, i.e. passive,
at 1 h), and SimPy 2 runs equal times first come first served: the same order. Events are handled
while their time is < 4 h, as carriersim's World::RunUntil (simulator/world/world.cc) does.

Output: one line in the style of `carriersim bench fleet`:
  workload=outage-simpy devices=N sim_days=D events=E seconds=S events_per_s=R seed=S
  affected=A back_p50_s=... back_p95_s=... back_p100_s=...
`seconds` is the wall time of building the model and simulating it (carriersim's covers building
its world, simulating and summing the fees), not Python's start-up.
"""

import argparse
import os
import random
import sys
import time

try:
    from SimPy.Simulation import (Process, activate, hold, initialize, now, passivate,
                                  reactivate, simulate)
except ImportError:
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
            os.path.exists("/usr/lib/python3/dist-packages/SimPy/Simulation.py"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("outage_simpy.py: SimPy 2 is missing: apt-get install python3-simpy")

# Units: milliseconds, as carriersim's SimTime.
MS, SECOND, MINUTE, HOUR = 1, 1000, 60 * 1000, 3600 * 1000

# The kOutage template of simulator/bench/fleet_bench.cc.
DURATION = 4 * HOUR
DEVICES_PER_CELL = 2000
BOOT = (0, 60 * SECOND)
T3411 = 10 * SECOND
T3402 = 12 * MINUTE
ATTEMPTS_BEFORE_T3402 = 5
LOSS_DETECTION = (0, 60 * SECOND)
CAPACITY = 50               # admitted attach requests per window
WINDOW = 1 * SECOND         # "50/s": fixed windows of one second
T3346 = (5 * MINUTE, 15 * MINUTE)
OUTAGE_AT = 1 * HOUR
OUTAGE_FOR = 1 * HOUR
MIN_WAIT = 1 * MS           # firmware.cc kMinWait

ACCEPTED, NO_CELL, CONGESTION = "accepted", "no cell", "#22"


class Stats:
    events = 0  # process wake-ups handled: SimPy keeps no count of its own


class Cell:
    """A radio cell: up or down, and its attach capacity as cells.h Cells::Admit counts it."""

    def __init__(self):
        self.down = False
        self.window = -1    # index of the capacity window in progress
        self.admitted = 0   # requests admitted in it
        self.devices = []

    def admit(self, t):
        w = t // WINDOW
        if w != self.window:
            self.window = w
            self.admitted = 0
        if self.admitted >= CAPACITY:
            return False
        self.admitted += 1
        return True


class Recovery:
    """recovery.h MassEvent: who the outage hit, and when each came back, after `start`."""

    def __init__(self):
        self.start = None
        self.affected = 0
        self.back = []  # ms after `start`, in time order

    def back_by(self, percent):
        rank = (self.affected * percent + 99) // 100
        if rank == 0 or rank > len(self.back):
            return None
        return self.back[rank - 1]


class Device(Process):
    def __init__(self, cell, rng, recovery):
        Process.__init__(self)
        self.cell = cell
        self.rng = rng
        self.recovery = recovery
        self.failed_attempts = 0  # TS 24.301 5.5.1.2.6 attempt counter
        self.t3346_until = 0
        self.registered = False
        self.recovering = False

    def draw(self, span):
        return self.rng.randint(span[0], span[1])

    def attach(self, t):
        if self.cell.down:
            return NO_CELL
        return ACCEPTED if self.cell.admit(t) else CONGESTION

    def next_attempt(self, t, outcome):
        """firmware.cc NextAttempt with the modem's 3GPP timers: when to try again."""
        if outcome == CONGESTION:
            self.t3346_until = t + self.draw(T3346)
            self.failed_attempts = 0
            wait = 0  # T3346 alone decides
        else:
            self.failed_attempts += 1
            if self.failed_attempts < ATTEMPTS_BEFORE_T3402:
                wait = T3411
            else:
                self.failed_attempts = 0
                wait = T3402
        return max(t + max(wait, MIN_WAIT), self.t3346_until)

    def life(self):
        yield hold, self, self.draw(BOOT)  # power-on at 0; t3346_until is 0 yet
        while True:
            Stats.events += 1
            t = now()
            outcome = self.attach(t)
            if outcome == ACCEPTED:
                self.registered = True
                self.failed_attempts = 0
                if self.recovering:
                    self.recovery.back.append(t - self.recovery.start)
                    self.recovering = False
                # Registered until the outage wakes it, after its loss-detection delay.
                yield passivate, self
            else:
                yield hold, self, self.next_attempt(t, outcome) - t


class Timeline(Process):
    """The scenario's timeline: every cell down from 1 h, back at 2 h (timeline.cc)."""

    def run(self, cells, recovery, rng):
        yield hold, self, OUTAGE_AT
        Stats.events += 1
        recovery.start = OUTAGE_AT + OUTAGE_FOR  # recovery counts from the restore
        for cell in cells:
            cell.down = True
        for cell in cells:
            for device in cell.devices:
                if device.registered:  # modem.cc LoseService: registered devices only
                    device.registered = False
                    device.recovering = True
                    recovery.affected += 1
                    reactivate(device, delay=rng.randint(*LOSS_DETECTION))
        yield hold, self, OUTAGE_FOR
        Stats.events += 1
        for cell in cells:
            cell.down = False


def run(devices, seed):
    rng = random.Random(seed)
    initialize()
    Stats.events = 0
    cells = [Cell() for _ in range((devices + DEVICES_PER_CELL - 1) // DEVICES_PER_CELL)]
    recovery = Recovery()
    timeline = Timeline()
    activate(timeline, timeline.run(cells, recovery, rng))
    for i in range(devices):
        cell = cells[i % len(cells)]
        device = Device(cell, rng, recovery)
        cell.devices.append(device)
        activate(device, device.life())
    simulate(until=DURATION - 1)  # SimPy runs events at `until` too; carriersim stops before
    return recovery


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devices", type=int, required=True, help="fleet size")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    if args.devices < 1:
        parser.error("--devices must be at least 1")
    start = time.perf_counter()
    recovery = run(args.devices, args.seed)
    seconds = time.perf_counter() - start

    def back(percent):
        ms = recovery.back_by(percent)
        return "never" if ms is None else "%.1f" % (ms / SECOND)

    print("workload=outage-simpy devices=%d sim_days=%g events=%d seconds=%.3f events_per_s=%.0f "
          "seed=%d affected=%d back_p50_s=%s back_p95_s=%s back_p100_s=%s"
          % (args.devices, DURATION / (24 * HOUR), Stats.events, seconds, Stats.events / seconds,
             args.seed, recovery.affected, back(50), back(95), back(100)))


if __name__ == "__main__":
    main()
