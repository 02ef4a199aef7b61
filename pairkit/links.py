"""Is each link alive? Opt-in (``pairkit validate --check-links``): it uses the network.

Each http(s) address is requested once per run (a cache shared by every file checked),
with HEAD first and GET when a server refuses HEAD; a bounded pool of threads makes at
most ``workers`` connections at once; a time-out bounds each request; connection
failures, time-outs, 429 and 5xx answers are retried with a short back-off; redirects
are followed by hand (at most ``max_redirects``) so the first one is reported as it
is. Only http and https are ever opened, redirects included. Standard library only.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from ipaddress import ip_address
from typing import Any
from urllib.parse import urljoin, urlsplit

from pairkit import __version__
from pairkit import pointer as jp

USER_AGENT = f"pairkit/{__version__} (link check; +https://pypi.org/project/pairkit/)"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_HEAD_REFUSED = {400, 403, 405, 406, 501}


@dataclass(frozen=True)
class LinkStatus:
    """What became of a request to `url`."""

    url: str
    status: int | None  # the final HTTP status, None when there was no answer
    final_url: str  # where redirects ended ('' when there was no answer)
    redirects: tuple[str, ...] = ()  # each Location followed, in order
    error: str | None = None  # why there was no answer (time-out, refused, ...)
    first_redirect_status: int | None = None

    @property
    def dead(self) -> bool:
        return self.status is None or self.status >= 400

    @property
    def redirected(self) -> bool:
        return bool(self.redirects) and not self.dead


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _opener(url: str) -> urllib.request.OpenerDirector:
    """Direct for loopback addresses; otherwise the environment's proxies apply."""
    host = urlsplit(url).hostname or ""
    handlers: list[Any] = [_NoRedirect()]
    if _is_loopback(host):
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def _request(url: str, method: str, timeout: float) -> tuple[int, str | None]:
    """(status, Location) for one request; raises OSError when there is no answer."""
    req = urllib.request.Request(url, method=method, headers={
        "User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _opener(url).open(req, timeout=timeout) as resp:
            if method == "GET":
                resp.read(1024)
            return resp.status, resp.headers.get("Location")
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.headers.get("Location") if e.headers else None


def _answer(url: str, timeout: float, retries: int, backoff: float) -> tuple[int, str | None]:
    """HEAD, else GET, with retries on no answer, 429 and 5xx."""
    attempt = 0
    while True:
        try:
            status, location = _request(url, "HEAD", timeout)
            if status in _HEAD_REFUSED or status >= 500:
                status, location = _request(url, "GET", timeout)
        except (OSError, ValueError, urllib.error.URLError):
            if attempt >= retries:
                raise
        else:
            if status not in _RETRY_STATUS or attempt >= retries:
                return status, location
        attempt += 1
        time.sleep(backoff * attempt)


def check_url(url: str, *, timeout: float = 10.0, retries: int = 2, backoff: float = 0.5,
              max_redirects: int = 10) -> LinkStatus:
    """Follow `url` to its final answer."""
    current = url
    hops: list[str] = []
    first_status: int | None = None
    for _ in range(max_redirects + 1):
        if urlsplit(current).scheme.lower() not in ("http", "https"):
            return LinkStatus(url, None, "", tuple(hops), f"it redirects to {current}, which is "
                              "not a web address", first_status)
        try:
            status, location = _answer(current, timeout, retries, backoff)
        except (OSError, ValueError, urllib.error.URLError) as e:
            return LinkStatus(url, None, "", tuple(hops), _reason(e), first_status)
        if 300 <= status < 400 and location:
            first_status = first_status or status
            current = urljoin(current, location)
            hops.append(current)
            continue
        return LinkStatus(url, status, current, tuple(hops), None, first_status)
    return LinkStatus(url, None, "", tuple(hops), f"more than {max_redirects} redirects",
                      first_status)


def _reason(e: BaseException) -> str:
    inner = getattr(e, "reason", None) or e
    if isinstance(inner, TimeoutError):
        return "no answer in time"
    if isinstance(inner, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(inner, socket.gaierror):
        return "the website name is not found"
    return str(inner) or type(inner).__name__


class LinkChecker:
    """Checks URLs concurrently, each once (the cache lives as long as the checker)."""

    def __init__(self, *, timeout: float = 10.0, workers: int = 8, retries: int = 2,
                 backoff: float = 0.5) -> None:
        self.timeout = timeout
        self.workers = max(1, workers)
        self.retries = retries
        self.backoff = backoff
        self.cache: dict[str, LinkStatus] = {}

    def check(self, urls: Iterable[str]) -> dict[str, LinkStatus]:
        wanted = [u for u in dict.fromkeys(urls) if u not in self.cache]
        if wanted:
            with ThreadPoolExecutor(max_workers=min(self.workers, len(wanted))) as pool:
                results = pool.map(lambda u: check_url(
                    u, timeout=self.timeout, retries=self.retries, backoff=self.backoff), wanted)
                for status in results:
                    self.cache[status.url] = status
        return self.cache


def web_links(pathway: Any) -> Iterator[tuple[str, str]]:
    """(pointer, url) for every http(s) address in a pathway: links, decoded QR codes and
    addresses written in the introduction."""
    from pairkit.rules.links import urls_in

    if not isinstance(pathway, dict):
        return
    for pointer, value in jp.walk_strings(pathway):
        tokens = jp.split(pointer)
        if not tokens:
            continue
        if tokens[-1] in ("url", "decoded_url"):
            if urlsplit(value.strip()).scheme.lower() in ("http", "https"):
                yield pointer, value.strip()
        elif tokens[0] == "introduction":
            for url in urls_in(value):
                if url.lower().startswith("http"):
                    yield pointer, url
