#!/usr/bin/env python3
"""Compares Kortompedia's search with Pagefind on one built audience folder.

    python3 bench/search/compare.py [--make-html] [--verbose] SITE_DIR [QUERY ...]

SITE_DIR is an audience root as Kortompedia writes it (zoeken/index/, assets/search.js,
assets/stemmer-nl.js, the HTML pages). When it has no HTML pages (an index written by the
benchmark test alone), --make-html writes a plain page per indexed page from the index
fragments, and a search page with the markup of the theme, so both engines index the same text.

For each query it prints, side by side, the bytes the browser fetches for the first query
(headless Chromium on a local http.server, resource timing: every script, index file and
fragment, without HTTP headers) and the result count; then the index sizes, and Kortompedia's
query time after loading (Node, median of 20 runs). Pagefind is run through `pagefind_bin`
(pip install pagefind_bin) and queried through its JS API, loading the first 5 results' data
(what its default UI shows first).
"""
import argparse
import html
import json
import os
import shutil
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

SEARCH_PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Zoeken</title></head><body>
<form role="search" class="search-form" action="./" method="get" id="search-form">
<label for="search-input">Zoek in Kortompedia</label>
<input type="search" id="search-input" name="q" autocomplete="off">
<fieldset id="search-filters">%s</fieldset>
<button type="submit">Zoeken</button>
</form>
<p id="search-status" role="status" aria-live="polite"></p>
<ol id="search-results"></ol>
<script src="../assets/stemmer-nl.js" defer></script>
<script src="../assets/search.js" defer data-index="index/"></script>
%s
</body></html>
"""

MEASURE_OURS = """<pre id="bench-out"></pre><script>
(function wait() {
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!status.textContent || (list.children.length === 0 && !/^Geen/.test(status.textContent))) { setTimeout(wait, 20); return; }
  var bytes = 0, files = [];
  performance.getEntriesByType('resource').forEach(function (e) { bytes += e.encodedBodySize; files.push(e.name.replace(location.origin, '') + ' ' + e.encodedBodySize); });
  document.getElementById('bench-out').textContent = JSON.stringify({ status: status.textContent, bytes: bytes, files: files });
})();
</script>"""

MEASURE_PAGEFIND = """<!doctype html><html><head><meta charset="utf-8"></head><body><pre id="bench-out"></pre>
<script type="module">
const q = new URLSearchParams(location.search).get('q');
const pagefind = await import('/pagefind/pagefind.js');
await pagefind.init();
const search = await pagefind.search(q);
await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
let bytes = 0; const files = [];
for (const e of performance.getEntriesByType('resource')) { bytes += e.encodedBodySize; files.push(e.name.replace(location.origin, '') + ' ' + e.encodedBodySize); }
document.getElementById('bench-out').textContent = JSON.stringify({ count: search.results.length, bytes, files });
</script></body></html>
"""


def make_html(site):
    index = os.path.join(site, "zoeken", "index")
    manifest = json.load(open(os.path.join(index, "manifest.json"), encoding="utf-8"))
    for page_id in range(manifest["pageCount"]):
        page = json.load(open(os.path.join(index, "p", "%d.json" % page_id), encoding="utf-8"))
        parts = ["<h1>%s</h1>" % html.escape(page["title"])]
        if page["summary"]:
            parts.append("<p>%s</p>" % html.escape(page["summary"]))
        for anchor, heading, text in page["sections"]:
            if heading:
                parts.append('<h2 id="%s">%s</h2>' % (html.escape(anchor), html.escape(heading)))
            parts += ["<p>%s</p>" % html.escape(p) for p in text.split("\n") if p.strip()]
        folder = os.path.join(site, page["url"])
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as f:
            f.write('<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>%s</title></head>'
                    "<body><main data-pagefind-body>%s</main></body></html>" % (html.escape(page["title"]), "".join(parts)))
    boxes = "".join('<label><input type="checkbox" name="thema" value="%s"> %s</label>' % (t["slug"], html.escape(t["title"]))
                    for t in manifest["themes"])
    boxes += '<label><input type="checkbox" name="type" value="article"> Artikels</label>'
    boxes += '<label><input type="checkbox" name="type" value="blog"> Blog</label>'
    with open(os.path.join(site, "zoeken", "index.html"), "w", encoding="utf-8") as f:
        f.write(SEARCH_PAGE % (boxes, ""))


def folder_size(path):
    total = 0
    for folder, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, name)) for name in files)
    return total


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium(url):
    out = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--virtual-time-budget=20000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120).stdout
    start = out.find('<pre id="bench-out">')
    if start < 0:
        return None
    text = html.unescape(out[start + len('<pre id="bench-out">'):out.find("</pre>", start)])
    return json.loads(text) if text else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("queries", nargs="*", default=["communicatie", "opleiding", "gemeentelijke website", "crisis", "nieuwsbrief"])
    parser.add_argument("--make-html", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    site = os.path.abspath(args.site)
    if args.make_html:
        make_html(site)
    # Measurement copies of the search page.
    search_page = open(os.path.join(site, "zoeken", "index.html"), encoding="utf-8").read()
    os.makedirs(os.path.join(site, "zoeken-bench"), exist_ok=True)
    with open(os.path.join(site, "zoeken-bench", "index.html"), "w", encoding="utf-8") as f:
        f.write(search_page.replace('data-index="index/"', 'data-index="../zoeken/index/"').replace("</body>", MEASURE_OURS + "</body>"))
    with open(os.path.join(site, "pagefind-bench.html"), "w", encoding="utf-8") as f:
        f.write(MEASURE_PAGEFIND)
    if not os.path.isdir(os.path.join(site, "pagefind")):
        started = time.time()
        subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", site], check=True, capture_output=True)
        print("pagefind indexing: %.1f s" % (time.time() - started))

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", site],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        base = "http://127.0.0.1:%d/" % port
        print("%-28s %14s %14s   %s" % ("query", "kortompedia B", "pagefind B", "results (kortompedia / pagefind)"))
        for q in args.queries:
            from urllib.parse import quote
            ours = chromium(base + "zoeken-bench/?q=" + quote(q))
            theirs = chromium(base + "pagefind-bench.html?q=" + quote(q))
            print("%-28s %14s %14s   %s / %s" % (q, ours and ours["bytes"], theirs and theirs["bytes"],
                                                 ours and ours["status"], theirs and theirs["count"]))
            if args.verbose:
                print("  ours:", *(ours or {}).get("files", []), sep="\n    ")
                print("  pagefind:", *(theirs or {}).get("files", []), sep="\n    ")
    finally:
        server.terminate()
        server.wait()

    ours_index = folder_size(os.path.join(site, "zoeken", "index"))
    print("index size: kortompedia %d bytes (zoeken/index), pagefind %d bytes (pagefind/)" % (ours_index, folder_size(os.path.join(site, "pagefind"))))
    timing = subprocess.run(["node", os.path.join(HERE, "query_time.js"), os.path.join(site, "zoeken", "index")] + args.queries,
                            capture_output=True, text=True)
    print(timing.stdout.strip() or timing.stderr.strip())


if __name__ == "__main__":
    main()
