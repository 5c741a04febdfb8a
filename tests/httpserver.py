"""A real HTTP server on 127.0.0.1 for tests: scripted replies per path, every request counted.

Replies can be slow (before the headers, or a body that trickles), huge, redirects, errors with
Retry-After, and conditional (ETag / Last-Modified answered with 304).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """One scripted response. ``body`` may be bytes or a callable giving the chunks to send."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 when If-None-Match matches
    last_modified: str | None = None  # answer 304 when If-Modified-Since equals it
    delay: float = 0.0  # seconds before the status line
    drip: float = 0.0  # seconds between 1 KiB chunks of the body
    send_length: bool = True  # Content-Length header (else the body ends when the connection closes)


class LocalServer:
    """Serves scripted replies; ``serve(path, *replies)`` uses them in order, repeating the last."""

    def __init__(self) -> None:
        self._routes: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.request_headers: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._handle(self)

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, *replies: Reply) -> str:
        """Script ``path``; return its URL."""
        with self._lock:
            self._routes[path] = list(replies)
        return self.url(path)

    def total(self) -> int:
        return sum(self.hits.values())

    def _next(self, path: str) -> Reply | None:
        with self._lock:
            self.hits[path] += 1
            replies = self._routes.get(path)
            if not replies:
                return None
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            self.request_headers.append((path, {k.lower(): v for k, v in handler.headers.items()}))
        reply = self._next(path)
        if reply is None:
            reply = Reply(status=404, body=b"not found", content_type="text/plain")
        if reply.delay:
            time.sleep(reply.delay)
        conditional = (reply.etag is not None and handler.headers.get("If-None-Match") == reply.etag) or (
            reply.last_modified is not None and handler.headers.get("If-Modified-Since") == reply.last_modified
        )
        try:
            handler.send_response(304 if conditional else reply.status)
            if reply.etag:
                handler.send_header("ETag", reply.etag)
            if reply.last_modified:
                handler.send_header("Last-Modified", reply.last_modified)
            for key, value in reply.headers.items():
                handler.send_header(key, value)
            if conditional:
                handler.end_headers()
                return
            if reply.content_type:
                handler.send_header("Content-Type", reply.content_type)
            if reply.send_length:
                handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            for start in range(0, len(reply.body), 1024 if reply.drip else 1 << 16):
                handler.wfile.write(reply.body[start : start + (1024 if reply.drip else 1 << 16)])
                if reply.drip:
                    handler.wfile.flush()
                    time.sleep(reply.drip)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (size or time limit): expected


def rss(items: list[dict[str, str]], title: str = "Example Wire", encoding: str = "utf-8") -> str:
    """An RSS 2.0 document; each item's keys become elements (title, link, guid, pubDate, description).

    A key may carry attributes: ``'guid isPermaLink="false"'``.
    """
    body = "".join(
        "<item>" + "".join(f"<{k}>{v}</{k.split()[0]}>" for k, v in item.items()) + "</item>" for item in items
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.invalid/</link><description>test</description>{body}</channel></rss>"
    )


def article_html(title: str, paragraphs: list[str]) -> str:
    """An article page that trafilatura extracts: navigation, the article, a footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Example</footer></body></html>"
    )
