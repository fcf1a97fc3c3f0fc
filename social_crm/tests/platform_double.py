"""A scriptable fake platform server: real HTTP on 127.0.0.1, no mocks.

Plain Python (no Odoo import): the Odoo tests import it from this package and
the top-level pytest suite loads it as ``platform_doubles``.

Each test scripts the routes it needs (status, headers, body, delay) and then
asserts on the requests the server recorded::

    with FakePlatform() as server:
        server.route("GET", "/2/tweets/search/recent", json_reply(payload))
        connector = XConnector(base_url=server.url, ...)
        ...
        assert server.last("/2/tweets/search/recent").param("since_id") == "42"
"""

import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# The platforms' documented example responses live in shared/ beside the repo.
PAYLOADS = Path(
    os.environ.get("SOCIAL_CRM_PAYLOADS")
    or Path(__file__).resolve().parents[2] / ".." / "shared" / "api-payloads"
)


def payload_path(name):
    return PAYLOADS / name


def load_json(name):
    """A documented example body, e.g. ``load_json("x/search_recent.json")``."""
    return json.loads(payload_path(name).read_text(encoding="utf-8"))


def load_bytes(name):
    return payload_path(name).read_bytes()


@dataclass
class Reply:
    """One scripted answer; ``body`` may be bytes, str or JSON-able data."""

    status: int = 200
    body: object = None
    headers: dict = field(default_factory=dict)
    delay: float = 0.0

    def encoded(self):
        if self.body is None:
            return b"", None
        if isinstance(self.body, bytes):
            return self.body, None
        if isinstance(self.body, str):
            return self.body.encode("utf-8"), "text/plain; charset=utf-8"
        return json.dumps(self.body).encode("utf-8"), "application/json; charset=utf-8"


def json_reply(body, status=200, headers=None, delay=0.0):
    return Reply(status=status, body=body, headers=dict(headers or {}), delay=delay)


@dataclass
class Recorded:
    """A request as the server received it."""

    method: str
    path: str
    query: dict
    headers: dict  # lower-cased names
    body: bytes

    def param(self, name):
        values = self.query.get(name)
        return values[0] if values else None

    def header(self, name):
        return self.headers.get(name.lower())

    @property
    def json(self):
        return json.loads(self.body)

    @property
    def form(self):
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}


class FakePlatform:
    """ThreadingHTTPServer on an ephemeral port with per-route reply queues.

    Replies of a route are served in order; the last one repeats. An unknown
    route answers 404 with ``{"error": "no route ..."}``.
    """

    def __init__(self):
        self.routes = {}
        self.requests = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.01},
            daemon=True,
        )

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._server.shutdown()
        self._server.server_close()

    def reset(self):
        """Forget the scripted routes and the recorded requests."""
        with self._lock:
            self.routes.clear()
            self.requests.clear()

    def route(self, method, path, *replies):
        self.routes[(method.upper(), path)] = list(replies) or [Reply()]

    def requests_to(self, path, method=None):
        return [
            request
            for request in self.requests
            if request.path == path and (method is None or request.method == method)
        ]

    def last(self, path, method=None):
        found = self.requests_to(path, method)
        assert found, f"no request to {path}; got {[r.path for r in self.requests]}"
        return found[-1]

    def _next_reply(self, method, path):
        with self._lock:
            queue = self.routes.get((method, path))
            if not queue:
                return json_reply({"error": f"no route for {method} {path}"}, 404)
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def _handler_class(self):
        platform = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                recorded = Recorded(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    headers={
                        name.lower(): value for name, value in self.headers.items()
                    },
                    body=body,
                )
                with platform._lock:
                    platform.requests.append(recorded)
                reply = platform._next_reply(self.command, parts.path)
                if reply.delay:
                    time.sleep(reply.delay)
                content, content_type = reply.encoded()
                try:
                    self.send_response(reply.status)
                    headers = {
                        name.lower(): value for name, value in reply.headers.items()
                    }
                    if content_type and "content-type" not in headers:
                        self.send_header("Content-Type", content_type)
                    for name, value in reply.headers.items():
                        self.send_header(name, str(value))
                    self.send_header("Content-Length", str(len(content)))
                    self.end_headers()
                    self.wfile.write(content)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up (timeout tests)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, format, *args):  # noqa: A002 - stdlib signature
                """Keep test output quiet."""

        return Handler
