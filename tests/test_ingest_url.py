"""Ingest a news page by its address: fetched over HTTP (pages served here from a local
http.server in a thread: there is no internet on CI), main text by trafilatura, bounded in size
and time, http(s) only, one plain line for every failure. Workflow and CLI."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from claims import fetch, ingest, sources
from claims.queue import ClaimFilter, list_claims
from db.engine import Database
from tests.test_cli import run

ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>Port deal questioned</title>
<meta property="og:site_name" content="Harbour Herald"></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Port deal questioned</h1>
<p>The harbour authority published its figures on Monday after weeks of pressure.</p>
<p>"Only four Askaran ships docked at Port Kestrel last year," said harbour master Ilse Brandt at the press conference.</p>
<p>Opposition leader Marek Voss said the port “handled more than forty foreign warships in 2025”.</p>
<p>The figures will be debated in parliament next week, officials said.</p>
</article><footer>© Harbour Herald. Subscribe now.</footer></body></html>"""


class _Pages(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/article.html":
            self._send(200, ARTICLE.encode("utf-8"), "text/html; charset=utf-8")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/big":  # no Content-Length: the limit holds while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>" + b"x" * 100_000 + b"</p>")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE.encode(), "text/html")
        elif self.path == "/report.pdf":
            self._send(200, b"%PDF-1.7", "application/pdf")
        elif self.path == "/empty.html":
            self._send(200, b"<html><head><title>Empty</title></head><body></body></html>", "text/html")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv(fetch.ALLOW_PRIVATE_ENV, "1")  # the test server is on this machine
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_is_fetched_and_ingested_once(db: Database, site: str) -> None:
    summary = ingest.ingest_url(db, f"{site}/moved")  # a redirect is followed
    assert summary.count("errors") == 0 and summary.count("added") == 1, summary.files[0].message
    src = sources.source_view(db, summary.files[0].articles[0].source_id)
    assert src is not None
    assert src["title"] == "Port deal questioned" and src["outlet"] == "Harbour Herald"
    assert src["url"] == f"{site}/article.html" and src["filename"] is None
    assert "Subscribe now" not in src["text"] and "Sport" not in src["text"]  # boilerplate dropped
    rows = list_claims(db, ClaimFilter(text="Askaran ships docked")).rows
    assert len(rows) == 1 and rows[0]["outlet"] == "Harbour Herald"
    again = ingest.ingest_url(db, f"{site}/article.html")
    assert again.count("duplicate") == 1 and again.count("added") == 0


@pytest.mark.parametrize("path, message", [
    ("/nothing", "the server answered 404 Not Found"),
    ("/report.pdf", "not a web page but application/pdf"),
    ("/big", "the page is too large (over the limit of 2 MB)"),
    ("/loop", "more than 5 redirects"),
    ("/to-file", "only http:// and https:// addresses can be fetched, not 'file'"),
    ("/empty.html", "no article text found in the HTML"),
])
def test_a_bad_page_is_one_plain_line_and_stores_nothing(db: Database, site: str, path: str, message: str) -> None:
    summary = ingest.ingest_url(db, site + path)
    assert [(f.status, f.message) for f in summary.files] == [("error", message)]
    assert ingest.source_count(db) == 0


def test_timeout_scheme_and_private_addresses(db: Database, site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    t0 = time.monotonic()
    slow = ingest.ingest_url(db, f"{site}/slow", timeout=1.0)
    assert slow.files[0].message == "timed out after 1 s" and time.monotonic() - t0 < 2.5
    for url, message in [("ftp://example.org/a", "only http:// and https:// addresses can be fetched, not 'ftp'"),
                         ("file:///etc/passwd", "only http:// and https:// addresses can be fetched, not 'file'"),
                         ("http://", "the web address has no host name"),
                         ("", "no web address given")]:
        assert ingest.ingest_url(db, url).files[0].message == message
    # By default the server never fetches its own network for a typed address.
    monkeypatch.delenv(fetch.ALLOW_PRIVATE_ENV)
    local = ingest.ingest_url(db, f"{site}/article.html").files[0]
    assert local.status == "error" and local.message.startswith("127.0.0.1 is an address of a private or local network")
    assert ingest.source_count(db) == 0


def test_cli_ingest_url(schema_url: str, db: Database, site: str) -> None:
    ok = run(schema_url, "ingest", f"{site}/article.html")
    assert "1 files, 1 sources added" in ok.stdout
    bad = run(schema_url, "ingest", f"{site}/report.pdf", ok=False)
    assert bad.returncode == 1
    assert bad.stderr.strip() == f"error: {site}/report.pdf: not a web page but application/pdf"
    assert ingest.source_count(db) == 1


def test_only_reviewers_and_above_add_articles(db: Database, site: str) -> None:
    """The UI passes the signed-in account: a viewer adds nothing, by address or by upload."""
    from claims import accounts

    with pytest.raises(accounts.AccountError, match="vic is a viewer and cannot add articles"):
        ingest.ingest_url(db, f"{site}/article.html", by="vic")
    with pytest.raises(accounts.AccountError, match="vic is a viewer and cannot add articles"):
        ingest.ingest_uploads(db, [("note.md", b"# A title\n\nThe mayor said the bridge reopens on Monday.")], by="vic")
    assert sources.list_sources(db, page=1, per_page=10, text="").total == 0
    assert ingest.ingest_url(db, f"{site}/article.html", by="rita").count("added") == 1
