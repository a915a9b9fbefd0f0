#!/usr/bin/env python3
"""Times `kortompedia serve` as an editor meets it: starts the server on a site, saves an
edit to the body of one article several times, and measures how long after each save the
new text is served (the fast path), and how long the full rebuild that follows takes. The
article is put back as it was at the end. Writes a JSON summary; bench/report.py prints it
next to its anchors (issue 5: within a second; issue 6: within 100 ms at 10,000 articles).
"""

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, socket.timeout):
        return None, ""


def slug_of(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    front = text.split("\n---", 1)[0]
    m = re.search(r"^slug:\s*\"?([a-z0-9-]+)\"?\s*$", front, re.M)
    return m.group(1) if m else os.path.splitext(os.path.basename(path))[0]


def rebuilt_lines(log_path):
    with open(log_path, encoding="utf-8", errors="replace") as f:
        return [line for line in f if ": rebuilt " in line]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kortompedia", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--article", required=True, help="path of the article to edit, relative to --site")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between saves")
    parser.add_argument("--log", required=True)
    parser.add_argument("--json", required=True)
    args = parser.parse_args()

    article = os.path.join(args.site, args.article)
    with open(article, encoding="utf-8") as f:
        original = f.read()
    port = free_port()
    url = "http://127.0.0.1:%d/kortompedia/%s/" % (port, slug_of(article))
    log = open(args.log, "w")
    server = subprocess.Popen(
        [args.kortompedia, "serve", "--root", args.site, "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT)
    summary = {"edits": [], "first_build_s": None, "full_rebuild_s": None}
    try:
        start = time.monotonic()
        while True:
            status, _ = fetch(url)
            if status == 200:
                break
            if server.poll() is not None or time.monotonic() - start > 900:
                sys.exit("servelatency: the server did not serve %s (see %s)" % (url, args.log))
            time.sleep(0.05)
        summary["first_build_s"] = time.monotonic() - start

        rebuilds_before = len(rebuilt_lines(args.log))
        for i in range(args.edits):
            marker = "Bewerking %d voor de meting %d." % (i + 1, time.time_ns() % 1000000)
            with open(article, "w", encoding="utf-8") as f:
                f.write(original.rstrip("\n") + "\n\n" + marker + "\n")
            saved = time.monotonic()
            while True:
                status, body = fetch(url)
                if marker in body:
                    summary["edits"].append((time.monotonic() - saved) * 1000)
                    break
                if time.monotonic() - saved > 120:
                    sys.exit("servelatency: edit %d was not served within 120 s" % (i + 1))
                time.sleep(0.002)
            time.sleep(args.pause)

        # The full rebuild of the last save: lists, backlinks and search brought up to date.
        deadline = time.monotonic() + 600
        while len(rebuilt_lines(args.log)) <= rebuilds_before and time.monotonic() < deadline:
            time.sleep(0.1)
        lines = rebuilt_lines(args.log)
        times = [float(m.group(1)) / 1000 for m in (re.search(r"in (\d+) ms", l) for l in lines) if m]
        if times:
            summary["full_rebuild_s"] = statistics.median(times)
    finally:
        with open(article, "w", encoding="utf-8") as f:
            f.write(original)
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    edits = summary["edits"]
    summary["median_ms"] = statistics.median(edits) if edits else None
    summary["max_ms"] = max(edits) if edits else None
    with open(args.json, "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
