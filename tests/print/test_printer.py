#!/usr/bin/env python3
"""A test receipt printer on a loopback TCP port (standard library only).

It decodes the ESC/POS the kiosk sends (ESC @, GS v 0 raster bands, ESC d feed, GS V cut,
DLE EOT status requests) and writes each cut slip as a black-and-white PNG, so tests can
compare what was "printed" with the slip preview and read its QR codes with zbarimg.

Modes (--mode) play the faults a kiosk meets in a waiting room:
  normal     answers status "paper present" and prints
  paper-out  answers status "paper out" (DLE EOT 4 -> bits 5 and 6 set)
  slow       takes --slow-bps bytes a second and answers status only in turn
  drop       closes the connection with a reset after --drop-after bytes

Usage: test_printer.py --port-file F --out-dir D [--mode M] [--connections N]
The port is written to F (atomically) once the printer listens. Each connection's outcome
is appended to D/log.txt as one line: "conn=N bytes=B slips=S status_requests=R error=E".
"""
import argparse
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import png1  # noqa: E402

STATUS_OK = 0x12          # fixed bits 1 and 4 set, nothing wrong
STATUS_PAPER_OUT = 0x72   # plus bits 5 and 6: paper end


class Decoder:
    """Incremental ESC/POS decoder: feed bytes, collect slips and status answers."""

    def __init__(self, paper_out):
        self.buf = b""
        self.rows = []
        self.width_bytes = None
        self.slips = []
        self.answers = b""
        self.status_requests = 0
        self.paper_out = paper_out
        self.error = ""

    def feed(self, data):
        self.buf += data
        while self.buf and not self.error:
            used = self._one()
            if used == 0:
                return  # need more bytes
            self.buf = self.buf[used:]

    def _one(self):
        b = self.buf
        if b[0] == 0x1B:                      # ESC
            if len(b) < 2:
                return 0
            if b[1] == ord("@"):
                self.rows, self.width_bytes = [], None
                return 2
            if b[1] == ord("d"):
                return 3 if len(b) >= 3 else 0
            self.error = f"unknown ESC {b[1]:#x}"
            return 0
        if b[0] == 0x1D:                      # GS
            if len(b) < 2:
                return 0
            if b[1] == ord("v"):
                if len(b) < 8:
                    return 0
                if b[2] != ord("0") or b[3] != 0:
                    self.error = "GS v other than GS v 0 m=0"
                    return 0
                xb, rows = struct.unpack("<HH", b[4:8])
                n = 8 + xb * rows
                if len(b) < n:
                    return 0
                if self.width_bytes not in (None, xb):
                    self.error = "band width changed inside a slip"
                    return 0
                self.width_bytes = xb
                data = b[8:n]
                self.rows += [data[i * xb:(i + 1) * xb] for i in range(rows)]
                return n
            if b[1] == ord("V"):
                if len(b) < 3:
                    return 0
                self.slips.append((self.width_bytes or 0, self.rows, b[2]))
                self.rows, self.width_bytes = [], None
                return 3
            self.error = f"unknown GS {b[1]:#x}"
            return 0
        if b[0] == 0x10:                      # DLE
            if len(b) < 3:
                return 0
            if b[1] != 0x04:
                self.error = "unknown DLE command"
                return 0
            self.status_requests += 1
            bad = self.paper_out and b[2] == 4
            self.answers += bytes([STATUS_PAPER_OUT if bad else STATUS_OK])
            return 3
        self.error = f"unexpected byte {b[0]:#x}"
        return 0


# One byte of raster (8 dots, top bit leftmost, 1 = black) as 8 grey pixels.
_EXPAND = [bytes(0 if (b >> (7 - i)) & 1 else 255 for i in range(8)) for b in range(256)]


def write_slip(path, width_bytes, rows):
    grey = [b"".join(_EXPAND[b] for b in r) for r in rows]
    png1.write_grey(path, width_bytes * 8, len(rows), grey)


def serve(conn, args, number, slip_counter):
    dec = Decoder(args.mode == "paper-out")
    total = 0
    chunk = 256 if args.mode == "slow" else 65536
    conn.settimeout(args.idle_timeout)
    try:
        while True:
            if args.mode == "drop" and total >= args.drop_after:
                # A reset, as when a printer is switched off mid-job.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                break
            want = chunk
            if args.mode == "drop":
                want = min(chunk, args.drop_after - total)
            data = conn.recv(want)
            if not data:
                break
            total += len(data)
            dec.feed(data)
            if dec.answers:
                conn.sendall(dec.answers)
                dec.answers = b""
            if args.mode == "slow":
                time.sleep(len(data) / args.slow_bps)
    except (socket.timeout, ConnectionError) as e:
        dec.error = dec.error or type(e).__name__
    if args.mode != "paper-out":
        for width_bytes, rows, cut in dec.slips:
            slip_counter[0] += 1
            write_slip(os.path.join(args.out_dir, f"slip-{slip_counter[0]}.png"), width_bytes, rows)
            with open(os.path.join(args.out_dir, f"slip-{slip_counter[0]}.cut"), "w") as f:
                f.write("partial\n" if cut in (1, 49) else "full\n")
    with open(os.path.join(args.out_dir, "log.txt"), "a") as f:
        f.write(f"conn={number} bytes={total} slips={len(dec.slips)} "
                f"status_requests={dec.status_requests} error={dec.error or 'none'}\n")
    conn.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--mode", choices=["normal", "paper-out", "slow", "drop"], default="normal")
    ap.add_argument("--connections", type=int, default=1)
    ap.add_argument("--drop-after", type=int, default=2000)
    ap.add_argument("--slow-bps", type=int, default=2000)
    ap.add_argument("--idle-timeout", type=float, default=30.0)
    args = ap.parse_args()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    srv.settimeout(args.idle_timeout)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.getsockname()[1]))
    os.rename(tmp, args.port_file)
    slip_counter = [0]
    for number in range(1, args.connections + 1):
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            break
        serve(conn, args, number, slip_counter)
    srv.close()


if __name__ == "__main__":
    main()
