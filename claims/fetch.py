"""Fetching one web page for ingest: http(s) only, bounded in size and time, never the desk's own
network unless allowed. Every failure is a FetchError whose message is one plain line."""
from __future__ import annotations

import ipaddress
import os
import socket
import time
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urljoin, urlsplit

import requests

# A news page is ~100 KB of HTML; 2 MB is what an article file may be (claims.text.readers).
MAX_PAGE_BYTES = 2 * 1024 * 1024
TIMEOUT = 15.0  # seconds for the whole fetch, redirects included
MAX_REDIRECTS = 5
MAX_URL = 2000
HTML_TYPES = ("text/html", "application/xhtml+xml")
# The desk's server fetches what a reviewer types: by default never an address of its own
# network (a link to the database admin page, a cloud metadata endpoint). Set to 1 to allow.
ALLOW_PRIVATE_ENV = "CLAIMS_FETCH_PRIVATE"
USER_AGENT = "Claimdesk/0.1 (fact-checking desk; one page per request)"


class FetchError(ValueError):
    """A page that could not be fetched; str() says why in one line."""


@dataclass
class Page:
    url: str  # where the page was found, after redirects
    html: str


def check_url(url: str) -> str:
    """The URL stripped, if it is one the desk may fetch (http or https with a host)."""
    url = (url or "").strip()
    if not url:
        raise FetchError("no web address given")
    if len(url) > MAX_URL:
        raise FetchError(f"the web address is longer than {MAX_URL} characters")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http:// and https:// addresses can be fetched, not {parts.scheme or 'this'!r}")
    if not parts.hostname:
        raise FetchError("the web address has no host name")
    return url


def _private_allowed(allow_private: Optional[bool]) -> bool:
    return allow_private if allow_private is not None else os.environ.get(ALLOW_PRIVATE_ENV) == "1"


def _check_host(url: str, allow_private: bool) -> None:
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"the host {host!r} was not found") from exc
    if allow_private:
        return
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global:
            raise FetchError(f"{host} is an address of a private or local network; the desk does not fetch "
                             f"those (set {ALLOW_PRIVATE_ENV}=1 on the server to allow it)")


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_PAGE_BYTES,
          allow_private: Optional[bool] = None) -> Page:
    """GET one HTML page, following at most MAX_REDIRECTS redirects (each checked like the URL)."""
    allow = _private_allowed(allow_private)
    deadline = time.monotonic() + timeout
    current = check_url(url)
    with requests.Session() as session:
        session.headers["User-Agent"] = USER_AGENT
        for _hop in range(MAX_REDIRECTS + 1):
            _check_host(current, allow)
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(f"timed out after {timeout:g} s")
            try:
                resp = session.get(current, stream=True, allow_redirects=False, timeout=(min(left, 10.0), left))
            except requests.Timeout as exc:
                raise FetchError(f"timed out after {timeout:g} s") from exc
            except requests.ConnectionError as exc:
                raise FetchError(f"could not connect to {urlsplit(current).hostname}") from exc
            except requests.RequestException as exc:
                raise FetchError(f"could not fetch the page ({type(exc).__name__})") from exc
            with resp:
                if resp.is_redirect:
                    current = check_url(urljoin(current, resp.headers.get("location", "")))
                    continue
                return Page(current, _read(resp, timeout, deadline, max_bytes))
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _read(resp: requests.Response, timeout: float, deadline: float, max_bytes: int) -> str:
    if resp.status_code >= 400:
        raise FetchError(f"the server answered {resp.status_code} {resp.reason or ''}".rstrip())
    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and ctype not in HTML_TYPES:
        raise FetchError(f"not a web page but {ctype}")
    size = resp.headers.get("content-length", "")
    if size.isdigit() and int(size) > max_bytes:
        raise FetchError(f"the page is too large ({_mb(int(size))}; the limit is {_mb(max_bytes)})")
    chunks: list[bytes] = []
    got = 0
    try:
        for chunk in resp.iter_content(64 * 1024):
            got += len(chunk)
            if got > max_bytes:
                raise FetchError(f"the page is too large (over the limit of {_mb(max_bytes)})")
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {timeout:g} s")
            chunks.append(chunk)
    except requests.RequestException as exc:  # a read timeout, a dropped connection
        raise FetchError(f"timed out after {timeout:g} s" if "timed out" in str(exc).lower()
                         else f"the connection broke off ({type(exc).__name__})") from exc
    return _decode(b"".join(chunks), resp.encoding if "charset" in resp.headers.get("content-type", "").lower() else None)


def _mb(n: int) -> str:
    return f"{n / 2**20:.3g} MB"


def _decode(data: bytes, charset: Optional[str]) -> str:
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # the usual undeclared legacy page
