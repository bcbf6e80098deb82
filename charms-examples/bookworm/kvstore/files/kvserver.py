#!/usr/bin/env python3
"""A tiny HTTP key-value server, run by the kvstore charm.

Everything it owns lives in one state directory (--state):

    greeting     the text GET / answers with; re-read on every request, so a
                 greeting change needs no restart
    data.json    the buckets and their keys, rewritten atomically on each change
    server.pid   this process's pid, written once the socket is bound
    port         the port actually bound, written once the socket is bound

API (values are raw bytes, stored as UTF-8 text):

    GET    /                 the greeting
    PUT    /BUCKET           create a bucket (idempotent)
    GET    /BUCKET           the bucket's keys, as a JSON list
    DELETE /BUCKET           drop a bucket and its keys
    PUT    /BUCKET/KEY       store the request body under KEY (the bucket must exist)
    GET    /BUCKET/KEY       the value
    DELETE /BUCKET/KEY       remove the key

Port choice: --port N binds N; --port 0 lets the kernel pick a free one;
--fallback-any tries N first and takes any free port when N is busy (used to
keep a port picked earlier across restarts).
"""

import argparse
import json
import os
import re
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")


class Store:
    """Buckets of keys, kept in memory and written through to a JSON file."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        try:
            with open(path, encoding="utf-8") as f:
                self.buckets = json.load(f)
        except FileNotFoundError:
            self.buckets = {}

    def _save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.buckets, f, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def create(self, bucket):
        with self.lock:
            created = bucket not in self.buckets
            if created:
                self.buckets[bucket] = {}
                self._save()
            return created

    def drop(self, bucket):
        with self.lock:
            if self.buckets.pop(bucket, None) is None:
                return False
            self._save()
            return True

    def keys(self, bucket):
        with self.lock:
            b = self.buckets.get(bucket)
            return None if b is None else sorted(b)

    def get(self, bucket, key):
        with self.lock:
            return self.buckets.get(bucket, {}).get(key)

    def put(self, bucket, key, value):
        with self.lock:
            if bucket not in self.buckets:
                return False
            self.buckets[bucket][key] = value
            self._save()
            return True

    def delete(self, bucket, key):
        with self.lock:
            if self.buckets.get(bucket, {}).pop(key, None) is None:
                return False
            self._save()
            return True


def make_handler(state_dir, store):
    greeting_file = os.path.join(state_dir, "greeting")

    class Handler(BaseHTTPRequestHandler):
        server_version = "kvstore/1"

        def _send(self, code, body, content_type="text/plain; charset=utf-8"):
            data = body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _path(self):
            """(bucket, key) from the URL; either may be None; False when malformed."""
            parts = [p for p in self.path.split("?", 1)[0].split("/") if p]
            if len(parts) > 2 or not all(NAME.match(p) for p in parts):
                return False
            return (parts + [None, None])[:2]

        def do_GET(self):
            parsed = self._path()
            if parsed is False:
                return self._send(400, "bad path\n")
            bucket, key = parsed
            if bucket is None:
                try:
                    with open(greeting_file, encoding="utf-8") as f:
                        greeting = f.read().rstrip("\n")
                except FileNotFoundError:
                    greeting = ""
                return self._send(200, greeting + "\n")
            if key is None:
                keys = store.keys(bucket)
                if keys is None:
                    return self._send(404, "no such bucket\n")
                return self._send(200, json.dumps(keys) + "\n", "application/json")
            value = store.get(bucket, key)
            if value is None:
                return self._send(404, "no such key\n")
            return self._send(200, value)

        do_HEAD = do_GET

        def do_PUT(self):
            parsed = self._path()
            if parsed is False or parsed[0] is None:
                return self._send(400, "bad path\n")
            bucket, key = parsed
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            if key is None:
                created = store.create(bucket)
                return self._send(201 if created else 200, "ok\n")
            if not store.put(bucket, key, body):
                return self._send(404, "no such bucket\n")
            return self._send(200, "ok\n")

        def do_DELETE(self):
            parsed = self._path()
            if parsed is False or parsed[0] is None:
                return self._send(400, "bad path\n")
            bucket, key = parsed
            found = store.drop(bucket) if key is None else store.delete(bucket, key)
            return self._send(200 if found else 404, "ok\n" if found else "not found\n")

    return Handler


def bind(handler, port, fallback_any):
    try:
        return ThreadingHTTPServer(("0.0.0.0", port), handler)
    except OSError as e:
        if not fallback_any or port == 0:
            raise
        print(f"port {port} unavailable ({e}); taking any free port", file=sys.stderr)
        return ThreadingHTTPServer(("0.0.0.0", 0), handler)


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state", required=True, help="the state directory")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 = any free port")
    parser.add_argument("--fallback-any", action="store_true",
                        help="take any free port when --port is busy")
    args = parser.parse_args()

    store = Store(os.path.join(args.state, "data.json"))
    server = bind(make_handler(args.state, store), args.port, args.fallback_any)
    port = server.server_address[1]
    # Announce only once the socket is bound: the start hook waits for the
    # pid file, so a client told about the port can connect right away.
    # The pid file comes last: once it exists, the port file is this run's.
    write_atomically(os.path.join(args.state, "port"), f"{port}\n")
    write_atomically(os.path.join(args.state, "server.pid"), f"{os.getpid()}\n")
    print(f"kvstore listening on port {port}", file=sys.stderr, flush=True)

    # SIGTERM (from the stop hook) ends serve_forever cleanly.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever()
    finally:
        server.server_close()
        print("kvstore stopped", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
