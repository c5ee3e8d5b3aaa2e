#!/usr/bin/env python3
"""HTTPS test receiver that misbehaves on purpose (issue 4 delivery fault test).

Listens on 127.0.0.1 only, on a free port written to PORT_FILE. Every POST body is
saved to OUT_DIR/<n>.json *before* the server decides how to misbehave, so some
deliveries arrive twice (the kiosk retries after a lost answer) and the receiver must
de-duplicate by report id. The first requests go through every failure mode in turn,
then modes are drawn at random.

usage: tls_fault_server.py CERT KEY OUT_DIR PORT_FILE [SEED]
"""
import http.server
import itertools
import os
import random
import socket
import ssl
import sys
import threading
import time

CERT, KEY, OUT_DIR, PORT_FILE = sys.argv[1:5]
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else None)
counter = itertools.count()
lock = threading.Lock()
SCRIPTED = ["error_500", "store_then_drop", "store_then_stall", "drop_before_read", "ok"]
MODES = ["ok"] * 5 + ["error_500", "error_503", "store_then_drop", "store_then_stall",
                      "drop_before_read"] * 1
STALL_S = 3.0  # longer than the kiosk's timeout_s in the test


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("tls_fault_server: " + (fmt % args) + "\n")

    def _drop(self):
        # close without an HTTP answer: the client sees a dropped connection
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True

    def _answer(self, code):
        body = b"{}"
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        with lock:
            n = next(counter)
            mode = SCRIPTED[n] if n < len(SCRIPTED) else rng.choice(MODES)
        key = self.headers.get("Idempotency-Key", "")
        self.log_message("request %d mode %s key %s", n, mode, key)
        if mode == "drop_before_read":
            return self._drop()
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if mode in ("ok", "store_then_drop", "store_then_stall"):
            if not key:
                return self._answer(400)
            tmp = os.path.join(OUT_DIR, f".{n}.tmp")
            with open(tmp, "wb") as f:
                f.write(body)
            os.rename(tmp, os.path.join(OUT_DIR, f"{n:05d}.json"))
        if mode == "ok":
            return self._answer(201)
        if mode == "store_then_drop":
            return self._drop()
        if mode == "store_then_stall":
            time.sleep(STALL_S)
            return self._answer(200)
        return self._answer(500 if mode == "error_500" else 503)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def main():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(CERT, KEY)
    server = Server(("127.0.0.1", 0), Handler)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = PORT_FILE + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, PORT_FILE)
    server.serve_forever()


if __name__ == "__main__":
    main()
