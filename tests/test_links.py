"""Link liveness (--check-links) against a local HTTP server on 127.0.0.1 only."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pairkit.links import LinkChecker, check_url
from tests.pathways import make_pathway
from tests.test_cli import run as run_cli


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()
    lock = threading.Lock()

    def _answer(self, body: bool) -> None:
        path = self.path
        with self.lock:
            self.hits[(self.command, path)] += 1
            count = self.hits[(self.command, path)]
        if path == "/ok" or path == "/new":
            status, headers = 200, {}
        elif path == "/dead":
            status, headers = 404, {}
        elif path == "/gone":
            status, headers = 410, {}
        elif path == "/moved":
            status, headers = 301, {"Location": "/new"}
        elif path == "/temporary":
            status, headers = 302, {"Location": "/ok"}
        elif path == "/no-head":
            status, headers = (405 if self.command == "HEAD" else 200), {}
        elif path == "/flaky":  # busy once, then fine: a retry gets through
            status, headers = (503 if count == 1 else 200), {}
        elif path == "/to-file":
            status, headers = 302, {"Location": "file:///etc/passwd"}
        elif path == "/slow":
            time.sleep(1.0)
            status, headers = 200, {}
        else:
            status, headers = 404, {}
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(True)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_statuses(server):
    Handler.hits.clear()
    assert check_url(f"{server}/ok").status == 200
    moved = check_url(f"{server}/moved")
    assert moved.redirected and moved.final_url == f"{server}/new"
    assert moved.first_redirect_status == 301
    assert check_url(f"{server}/dead").dead and check_url(f"{server}/gone").status == 410
    no_head = check_url(f"{server}/no-head")
    assert no_head.status == 200 and not no_head.dead
    assert check_url(f"{server}/flaky", backoff=0.01).status == 200
    to_file = check_url(f"{server}/to-file")
    assert to_file.dead and "not a web address" in to_file.error
    slow = check_url(f"{server}/slow", timeout=0.2, retries=0)
    assert slow.dead and slow.error == "no answer in time"


def test_each_url_is_requested_once_with_bounded_concurrency(server):
    Handler.hits.clear()
    checker = LinkChecker(workers=3, backoff=0.01)
    urls = [f"{server}/ok", f"{server}/dead", f"{server}/ok", f"{server}/moved"]
    first = checker.check(urls)
    again = checker.check(urls)
    assert again is first and len(first) == 3
    assert Handler.hits[("HEAD", "/ok")] == 1 and Handler.hits[("HEAD", "/moved")] == 1


def test_validate_check_links_reports_exactly_the_dead_and_redirected(server, tmp_path):
    Handler.hits.clear()
    pathway = make_pathway()
    services = pathway["section_c"]["levels"][0]["services"]
    services[0]["url"] = f"{server}/dead"
    services[1]["url"] = f"{server}/moved"
    levels = pathway["section_c"]["levels"]
    levels[1]["services"][0]["url"] = f"{server}/gone"
    levels[2]["services"][0]["url"] = f"{server}/temporary"
    levels[3]["services"][0]["url"] = f"{server}/no-head"
    levels[4]["services"][0]["url"] = f"{server}/ok"
    pathway["section_c"]["what_else"]["links"][0]["url"] = f"{server}/ok"
    # Every other address points at the local server too, at pages that work.
    pathway["section_b"]["specialists"][0]["url"] = f"{server}/new"
    for step in pathway["section_b"]["steps"]:
        for item in step["items"]:
            item["url"] = f"{server}/ok"
    for lv in levels:
        for s in lv["services"]:
            if not s["url"].startswith(server):
                s["url"] = f"{server}/ok"
    for link in pathway["section_c"]["what_else"]["links"]:
        link["url"] = link["url"] if link["url"].startswith(server) else f"{server}/new"
    pathway["introduction"] = ["For everyone working with babies in Testshire."]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(pathway), encoding="utf-8")

    r = run_cli("validate", str(path), "--check-links", "-f", "json", "--today", "2026-11-26")
    report = json.loads(r.stdout)
    found = sorted((f["rule"], f["pointer"]) for res in report["files"]
                   for f in res["findings"] if f["rule"].startswith("link-"))
    assert found == [
        ("link-dead", "/section_c/levels/0/services/0/url"),
        ("link-dead", "/section_c/levels/1/services/0/url"),
        ("link-redirected", "/section_c/levels/0/services/1/url"),
        ("link-redirected", "/section_c/levels/2/services/0/url"),
    ], r.stdout
    assert r.returncode == 1  # link-dead is an error

    quiet = run_cli("validate", str(path), "-f", "json", "--today", "2026-11-26")
    assert "link-" not in quiet.stdout  # off by default: nothing is fetched
