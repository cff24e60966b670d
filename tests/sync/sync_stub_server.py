"""A scripted HTTP server on 127.0.0.1 that answers what a test tells it to (broken platforms)."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    delay_s: float = 0.0


class StubPlatform:
    """Answers are queued per path; the last one of a path repeats. An answer may also be a
    function of the request headers (e.g. to answer each Idempotency-Key its own way)."""

    def __init__(self) -> None:
        self.answers: dict[str, list[Answer]] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.url = ""

    def on(self, path: str, *answers: Answer) -> None:
        self.answers[path] = list(answers)

    def take(self, path: str) -> Answer:
        queue = self.answers.get(path)
        if not queue:
            return Answer(404, b'{"error":"not_found","message":"no answer scripted"}')
        return queue.pop(0) if len(queue) > 1 else queue[0]


@contextmanager
def stub_platform(tls: ssl.SSLContext | None = None) -> Iterator[StubPlatform]:
    """The stub on a free port; with ``tls`` it speaks HTTPS (``stub.url`` stays http://...)."""
    stub = StubPlatform()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            path = self.path.split("?", 1)[0]
            stub.requests.append((self.command, self.path, dict(self.headers)))
            answer = stub.take(path)
            if callable(answer):
                answer = answer(dict(self.headers))
            if answer.delay_s:
                time.sleep(answer.delay_s)
            self.send_response_only(answer.status)  # no automatic Date: tests script it
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
