"""A webhook receiver for modeltop's alert tests and for trying --webhook by hand.

    python3 scripts/alert-receiver.py --port 0 --log posts.jsonl [--status 500] [--hang]

Listens on 127.0.0.1, prints "listening PORT" once ready, and appends each POST body (one JSON
object per line, as received) to --log. --status answers with that HTTP status; --hang never
answers (the connection stays open until the client gives up). Standard library only.
"""
import argparse
import http.server
import sys
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", required=True)
    parser.add_argument("--status", type=int, default=200)
    parser.add_argument("--hang", action="store_true")
    args = parser.parse_args()
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8", "replace")
            with lock, open(args.log, "a", encoding="utf-8") as log:
                log.write(body.replace("\n", " ") + "\n")
            if args.hang:
                time.sleep(3600)
                return
            self.send_response(args.status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok\n" if args.status < 300 else b"failing on purpose\n")

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"listening {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
