#!/usr/bin/env python3
"""Runs the kiosk as systemd would, on its own Xvfb, and checks what systemd relies on.

  session_probe.py --kiosk BIN --config INI [--windowed] [--signal TERM|INT]
                   [--watchdog-ms N --min-pings K] [--stop-within S]
                   [--hang-port-file F] [--state-dir D]

NOTIFY_SOCKET points at a datagram socket of this script (as systemd's would), with
WATCHDOG_USEC set. Checks, each printed as PASS or FAIL:
  - READY=1 arrives (after the first frame);
  - with --watchdog-ms, at least K WATCHDOG=1 pings arrive in 4 watchdog intervals while
    the kiosk is idle (nothing on screen changes, so only the watchdog wakes the loop);
  - after the signal the kiosk exits with status 0 within --stop-within seconds, after
    STOPPING=1;
  - with --state-dir, the outbox was closed cleanly (SQLite removes outbox.db-wal on the
    last close; a killed process leaves it);
  - with --hang-port-file, a TLS server that accepts and never answers writes its port
    to that file first (for the config), and the kiosk's delivery worker must have
    connected to it before the signal: the stop then also ends a transfer in flight.
Exit status: 0 when every check passed.
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

failures = 0


def check(ok, what):
    global failures
    print(("PASS: " if ok else "FAIL: ") + what, flush=True)
    if not ok:
        failures += 1


def start_xvfb():
    r, w = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    display = b""
    with os.fdopen(r, "rb") as f:
        while not display.endswith(b"\n"):
            chunk = f.read(1)
            if not chunk:
                break
            display += chunk
    if not display.strip():
        xvfb.kill()
        sys.exit("Xvfb did not start (scripts/setup-deps.sh installs xvfb)")
    return xvfb, ":" + display.decode().strip()


class HangServer:
    """Accepts TCP connections and never says a word: a TLS handshake that never ends."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.connected = threading.Event()
        self.conns = []
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(c)
            self.connected.set()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosk", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--windowed", action="store_true")
    ap.add_argument("--signal", default="TERM", choices=["TERM", "INT"])
    ap.add_argument("--watchdog-ms", type=int, default=0)
    ap.add_argument("--min-pings", type=int, default=0)
    ap.add_argument("--stop-within", type=float, default=2.0)
    ap.add_argument("--ready-within", type=float, default=60.0)
    ap.add_argument("--state-dir")
    ap.add_argument("--hang-port-file")
    ap.add_argument("--config-template",
                    help="with --hang-port-file: this file with @PORT@ replaced becomes --config")
    a = ap.parse_args()

    hang = None
    if a.hang_port_file:
        hang = HangServer()
        with open(a.config_template, encoding="utf-8") as f:
            text = f.read().replace("@PORT@", str(hang.port))
        with open(a.config, "w", encoding="utf-8") as f:
            f.write(text)

    tmp = tempfile.mkdtemp()
    sock_path = os.path.join(tmp, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sock_path)
    sock.settimeout(0.1)

    xvfb, display = start_xvfb()
    env = dict(os.environ)
    for k in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY", "WATCHDOG_PID"):
        env.pop(k, None)
    env.update(DISPLAY=display, NOTIFY_SOCKET=sock_path)
    if a.watchdog_ms:
        env["WATCHDOG_USEC"] = str(a.watchdog_ms * 1000)
    args = [a.kiosk, "--config", a.config, "--size", "1280x720"]
    if a.windowed:
        args.append("--windowed")
    err_path = os.path.join(tmp, "stderr")
    err = open(err_path, "wb")
    kiosk = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=err)
    mode = "windowed" if a.windowed else "full screen"

    messages = []  # (time, text)

    def receive(until, stop_when=None):
        while time.monotonic() < until:
            try:
                data = sock.recv(4096)
            except socket.timeout:
                if kiosk.poll() is not None:
                    return False
                continue
            messages.append((time.monotonic(), data.decode(errors="replace")))
            if stop_when and stop_when(messages[-1][1]):
                return True
        return False

    try:
        ready = receive(time.monotonic() + a.ready_within, lambda m: "READY=1" in m.split("\n"))
        check(ready, f"{mode}: READY=1 reached NOTIFY_SOCKET after the first frame")
        if not ready:
            return
        if a.watchdog_ms:
            t0 = time.monotonic()
            window = 4 * a.watchdog_ms / 1000.0
            receive(t0 + window)
            pings = sum(1 for t, m in messages if t >= t0 and "WATCHDOG=1" in m.split("\n"))
            check(pings >= a.min_pings,
                  f"{mode}: {pings} WATCHDOG=1 pings in {window:.1f} s idle "
                  f"(WatchdogSec {a.watchdog_ms} ms; at least {a.min_pings} expected)")
        if hang:
            got = hang.connected.wait(30)
            check(got, "the delivery worker is connected to a server that never answers")
            time.sleep(0.3)  # well inside the transfer
        sent = time.monotonic()
        kiosk.send_signal(getattr(signal, "SIG" + a.signal))
        try:
            rc = kiosk.wait(timeout=a.stop_within + 5)
        except subprocess.TimeoutExpired:
            rc = None
        took = time.monotonic() - sent
        check(rc == 0 and took <= a.stop_within,
              f"{mode}: SIG{a.signal} -> exit status {rc} after {took:.2f} s "
              f"(0 within {a.stop_within} s expected)")
        receive(time.monotonic() + 0.2)
        check(any("STOPPING=1" in m.split("\n") for _, m in messages),
              f"{mode}: STOPPING=1 sent before exit")
        if a.state_dir:
            db = os.path.join(a.state_dir, "outbox.db")
            check(os.path.exists(db) and not os.path.exists(db + "-wal"),
                  f"{mode}: outbox closed cleanly ({db} present, no -wal left)")
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        xvfb.terminate()
        xvfb.wait()
        err.close()
        if failures:
            sys.stdout.write(open(err_path, encoding="utf-8", errors="replace").read())
        for _, m in messages[:3]:
            print("notify: " + m.replace("\n", " | "))


if __name__ == "__main__":
    main()
    sys.exit(1 if failures else 0)
