#!/usr/bin/env python3
"""Bytes a browser fetches for a first search query, measured, not guessed.

Serves a built site over HTTP on 127.0.0.1 (a fresh, logging server), opens the search page
with `?q=WORD` in headless Chromium (a fresh profile, so nothing is cached) and records every
file the page loads. Works for any engine: Pagefind's UI and Kortompedia's own search page
alike, so neither side's layout has to be modelled.

    python3 bench/firstquery.py --site bench/out/hugo-1000/public \
        --page /pagefind-zoeken/ --query communicatie --json out.json

Prints a summary; --json writes the request list. Bytes are counted twice: as served (the
file as it is on disk) and as it would travel with gzip on (files that are already compressed,
like Pagefind's, do not shrink and count as they are). "search bytes" leave out the page's own
HTML and its stylesheets: what the search costs on top of showing the page.
"""

import argparse
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse


class LoggingHandler(http.server.SimpleHTTPRequestHandler):
    log = None  # set per server

    def log_message(self, format, *args):  # quiet
        pass

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        local = self.translate_path(self.path)
        if os.path.isdir(local):
            local = os.path.join(local, "index.html")
        size = os.path.getsize(local) if os.path.isfile(local) else 0
        super().do_GET()
        self.server.requests.append({"path": path, "file": local if size else None, "bytes": size})


def gzip_size(path, raw):
    if not path:
        return 0
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        return raw
    return min(raw, len(gzip.compress(data, 6)))


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (no extra packages)."""

    def __init__(self, chromium, profile):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--disable-background-networking", "--disable-sync",
             "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=fds, close_fds=False)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next = 0

    def _read_message(self, timeout):
        import select
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_chrome], [], [], timeout)
            if not ready:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None, timeout=60):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read_message(timeout)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError("%s: %s" % (method, answer["error"]))
                return answer.get("result", {})

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


def measure(site, page, query, wait_ms=15000, count_selector=None, quiet_ms=2500):
    """Opens page?q=query; waits until the network has been quiet for quiet_ms (at most wait_ms)."""
    chromium = find_chromium()
    if not chromium:
        raise SystemExit("firstquery: no chromium found (apt-get install -y chromium)")
    handler = lambda *a, **k: LoggingHandler(*a, directory=site, **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requests = []
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    profile = tempfile.mkdtemp(prefix="firstquery-")
    url = "http://127.0.0.1:%d%s?q=%s" % (port, page, urllib.parse.quote(query))
    browser = Browser(chromium, profile)
    shown = None
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Page.enable", session=session)
        browser.call("Page.navigate", {"url": url}, session=session)
        start = time.monotonic()
        last_count, last_change = -1, start
        while time.monotonic() - start < wait_ms / 1000:
            time.sleep(0.1)
            count = len(server.requests)
            if count != last_count:
                last_count, last_change = count, time.monotonic()
            elif time.monotonic() - last_change > quiet_ms / 1000 and count > 1:
                break
        if count_selector:
            result = browser.call("Runtime.evaluate", {
                "expression": "document.querySelectorAll(%s).length" % json.dumps(count_selector),
                "returnByValue": True}, session=session)
            shown = result.get("result", {}).get("value")
    finally:
        browser.close()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    requests = server.requests
    for r in requests:
        r["gzip"] = gzip_size(r["file"], r["bytes"])
        r.pop("file")
    page_path = urllib.parse.urlsplit(url).path

    def is_shell(r):
        return r["path"] in (page_path, page_path + "index.html") or r["path"].endswith(".css") \
            or r["path"].endswith("favicon.ico")

    def is_code(r):
        return r["path"].endswith((".js", ".mjs", ".wasm", ".pagefind"))

    search = [r for r in requests if not is_shell(r)]
    summary = {
        "url": page + "?q=" + query,
        "requests": requests,
        "search_files": len(search),
        "search_bytes": sum(r["bytes"] for r in search),
        "search_gzip": sum(r["gzip"] for r in search),
        "code_bytes": sum(r["bytes"] for r in search if is_code(r)),
        "code_gzip": sum(r["gzip"] for r in search if is_code(r)),
        "data_bytes": sum(r["bytes"] for r in search if not is_code(r)),
        "data_gzip": sum(r["gzip"] for r in search if not is_code(r)),
        "total_bytes": sum(r["bytes"] for r in requests),
        "total_gzip": sum(r["gzip"] for r in requests),
    }
    if shown is not None:
        summary["results_shown"] = shown
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", required=True, help="folder to serve (the site root)")
    parser.add_argument("--page", required=True, help="path of the search page, e.g. /zoeken/")
    parser.add_argument("--query", default="communicatie")
    parser.add_argument("--wait-ms", type=int, default=20000, help="longest wait for the page to go quiet")
    parser.add_argument("--count", help="CSS selector counted in the final DOM (results shown)")
    parser.add_argument("--json", help="write the full measurement here")
    args = parser.parse_args()
    summary = measure(os.path.abspath(args.site), args.page, args.query, args.wait_ms, args.count)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1)
    for r in summary["requests"]:
        print("  %9d B  %9d B gz  %s" % (r["bytes"], r["gzip"], r["path"]))
    print("search: %d files, %d B (%d B with gzip): code %d B (%d B gz), index and results %d B (%d B gz); page total %d B"
          % (summary["search_files"], summary["search_bytes"], summary["search_gzip"], summary["code_bytes"],
             summary["code_gzip"], summary["data_bytes"], summary["data_gzip"], summary["total_bytes"]))
    if "results_shown" in summary:
        print("results shown: %d" % summary["results_shown"])


if __name__ == "__main__":
    main()
