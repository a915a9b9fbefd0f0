#!/usr/bin/env python3
"""Prints the benchmark tables from what bench/run.sh recorded in bench/out/ (re-runnable)."""

import argparse
import json
import os
import re
import statistics

TOOLS = [
    ("kort-full", "Kortompedia full build (2 audiences + search)"),
    ("kort-public", "Kortompedia --only public (reference)"),
    ("kort-rebuild", "Kortompedia full build again over its output"),
    ("kort-incremental", "Kortompedia --incremental, one body edited"),
    ("hugo", "Hugo (1 audience, no search)"),
    ("hugo-rebuild", "Hugo again over its output"),
    ("cmark", "cmark floor (all bodies, 1 process)"),
    ("copy", "copying Hugo's output (cp -r)"),
    ("pagefind-hugo", "Pagefind over Hugo's output"),
    ("pagefind-kort", "Pagefind over Kortompedia public/"),
]
# The figures of issue 6, measured at 10,000 articles: (wall s, peak GB)
ANCHORS = {"hugo": (11.1, 1.9), "pagefind-hugo": (36.6, 3.8), "cmark": (1.1, 0.34), "copy": (0.9, None)}
ANCHOR_SIZE = 10000


def load_results(out):
    rows = {}
    path = os.path.join(out, "results.tsv")
    if not os.path.exists(path):
        return rows
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 7:
                continue
            size, tool, _run, wall, user, sys_, rss = parts[:7]
            other = float(parts[7]) if len(parts) > 7 else 0.0
            rows.setdefault((int(size), tool), []).append(
                {"wall": float(wall), "cpu": float(user) + float(sys_), "rss": int(rss) / 1024, "other": other})
    return rows


def load_extra(out, size):
    extra = {}
    path = os.path.join(out, "extra-%d.txt" % size)
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if parts:
                    extra[parts[0]] = parts[1:]
    return extra


def verbose_rows(out, size, pattern, convert):
    """The lines of `build --verbose` (saved as stages-N.txt) that match `pattern`, converted."""
    path = os.path.join(out, "stages-%d.txt" % size)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [convert(m) for m in (re.match(pattern, line) for line in f) if m]


def load_stages(out, size):
    """The stages of `build --verbose`: (name, seconds)."""
    return verbose_rows(out, size, r"^\s+(.+?)\s+([0-9.]+) s\s*$", lambda m: (m.group(1), float(m.group(2))))


def load_templates(out, size):
    """The template table of `build --verbose`: (name, renders, CPU seconds, µs per render)."""
    return verbose_rows(
        out, size, r"^\s+(.+?)\s+(\d+)\s+([0-9.]+) s\s+(\d+) µs\s+[0-9.]+ kB\s*$",
        lambda m: (m.group(1), int(m.group(2)), float(m.group(3)), int(m.group(4))))


def load_json(out, name):
    path = os.path.join(out, name)
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return None


def load_query(out, name, size):
    return load_json(out, "firstquery-%s-%d.json" % (name, size))


def med(values):
    return statistics.median(values) if values else float("nan")


def mb(n):
    return "%.1f MB" % (n / 1e6)


def verdict(ok):
    return "PASS" if ok else "FAIL"


def report(out, sizes):
    rows = load_results(out)
    meta = open(os.path.join(out, "meta.txt")).read().strip() if os.path.exists(os.path.join(out, "meta.txt")) else ""
    print("Kortompedia benchmark")
    if meta:
        # The runs count is per size (in each table's heading): drop the one of the last invocation.
        meta = re.sub(r"runs: \d+, ", "", meta)
        print("\n".join("  " + line for line in meta.splitlines()))
    medians = {}
    for size in sizes:
        extra = load_extra(out, size)
        runs = max((len(rows.get((size, t), [])) for t, _ in TOOLS), default=0)
        if not runs:
            continue
        md = extra.get("markdown_bytes", ["0", "0"])
        print()
        print("== %s articles + 100 blog posts (%s of Markdown, %s of bodies); median of %d runs"
              % ("{:,}".format(size), mb(int(md[1])) if len(md) > 1 else "?", mb(int(md[0])), runs))
        if "load_before" in extra:
            print("   load average (1/5/15 min) before %s, after %s; 'other CPU' = what the rest of the machine"
                  " used meanwhile, in cores" % ("/".join(extra["load_before"]), "/".join(extra.get("load_after", ["?"]))))
        anchors = size == ANCHOR_SIZE
        header = "   %-46s %8s %8s %9s %12s %10s" % ("", "wall", "CPU", "peak mem", "wall min-max", "other CPU")
        if anchors:
            header += "   | issue @10k: wall   peak"
        print(header)
        searched = "index_kort_public" in extra or "index_kort_members" in extra
        for tool, label in TOOLS:
            if tool == "kort-full" and not searched:
                label = "Kortompedia full build (2 audiences, NO search)"
            data = rows.get((size, tool))
            if not data:
                continue
            wall = med([d["wall"] for d in data])
            cpu = med([d["cpu"] for d in data])
            rss = med([d["rss"] for d in data])
            other = med([d["other"] / d["wall"] if d["wall"] > 0 else 0 for d in data])
            medians[(size, tool)] = (wall, cpu, rss)
            walls = [d["wall"] for d in data]
            line = "   %-46s %6.2f s %6.2f s %6.0f MB %5.2f-%5.2f s %6.2f" % (
                label, wall, cpu, rss, min(walls), max(walls), other)
            if anchors and tool in ANCHORS:
                aw, ap = ANCHORS[tool]
                line += "   | %14.1f s %s" % (aw, ("%5.2f GB" % ap) if ap else "")
            print(line)

        k = medians.get((size, "kort-full"))
        h = medians.get((size, "hugo"))
        c = medians.get((size, "cmark"))
        if k and h and c:
            print("   Targets (issue 6), Kortompedia full build:")
            r1, r2, r3 = k[0] / h[0], k[0] / c[0], k[2] / h[2]
            print("     wall <= 1/3 of Hugo's wall      %6.2f s / %6.2f s = %5.2f  (<= 0.33)  %s" % (k[0], h[0], r1, verdict(r1 <= 1 / 3)))
            print("     wall <= 3 x the cmark floor     %6.2f s / %6.2f s = %5.2f  (<= 3.00)  %s" % (k[0], c[0], r2, verdict(r2 <= 3)))
            print("     peak memory <= 1/2 of Hugo's    %6.0f MB / %4.0f MB = %5.2f  (<= 0.50)  %s" % (k[2], h[2], r3, verdict(r3 <= 0.5)))
            print("     (CPU time, for reference: %.2f of Hugo's, %.2f x cmark's)" % (k[1] / h[1], k[1] / c[1]))
            kr, hr = medians.get((size, "kort-rebuild")), medians.get((size, "hugo-rebuild"))
            if kr and hr:
                print("     (again over the previous output: %.2f s / %.2f s = %.2f of Hugo's wall)" % (kr[0], hr[0], kr[0] / hr[0]))
        if "incremental_files" in extra:
            files, written, parsed, kept = extra["incremental_files"]
            print("   --incremental after one body edit: %s of %s files written, %s page(s) parsed, %s pages not rendered again"
                  " (byte-identical to a full build: see IncrementalOutputTests)" % (written, files, parsed, kept))
        if "out_kort" in extra:
            print("   Output: Kortompedia %s in %s files (both audiences); Hugo %s in %s files"
                  % (mb(int(extra["out_kort"][0])), extra["out_kort"][1], mb(int(extra["out_hugo"][0])), extra["out_hugo"][1]))

        stages = load_stages(out, size)
        if stages:
            total = sum(s for _, s in stages)
            top = sorted(stages, key=lambda s: -s[1])[:3]
            print("   Kortompedia stages (--verbose, one more run, %.2f s in all): %s" % (
                total, ", ".join("%s %.2f s" % s for s in stages)))
            print("   Three most expensive: %s" % "; ".join(
                "%s %.2f s (%.0f%%)" % (name, t, 100 * t / total if total else 0) for name, t in top))

        templates = load_templates(out, size)
        if templates:
            print("   Templates (CPU on all threads, same run): %s" % "; ".join(
                "%s %d renders %.2f s (%d µs each)" % row for row in templates[:3] + [t for t in templates if t[0] == "all templates"]))

        profile = os.path.join(out, "perf-stages-%d.txt" % size)
        if os.path.exists(profile):
            with open(profile) as f:
                lines = [line.rstrip() for line in f if line.strip()]
            print("   perf profile of one full build (BENCH_PROFILE=1), CPU by stage:")
            for line in lines[2:]:
                if line.startswith("CPU by kind"):
                    break
                print("   " + line)

        serve = load_json(out, "serve-%d.json" % size)
        if serve and serve.get("median_ms") is not None:
            budget = 100 if size >= ANCHOR_SIZE else 1000
            print("   serve (members): one article's body saved %d times, 1 s apart; the new text was served"
                  " %.0f ms (median) / %.0f ms (max) after the save  (<= %d ms, issue %s)  %s"
                  % (len(serve["edits"]), serve["median_ms"], serve["max_ms"], budget,
                     "6 at 10,000" if budget == 100 else "5", verdict(serve["max_ms"] <= budget)))
            if serve.get("full_rebuild_s") is not None:
                print("     the full rebuild behind it (lists, backlinks, search): %.2f s; first build at start %.2f s"
                      % (serve["full_rebuild_s"], serve["first_build_s"]))

        # Search: index sizes and the first query.
        print("   Search, first query for one common word (a fresh browser; bytes as served / with gzip):")
        engines = [
            ("kort-public", "Kortompedia public/", "index_kort_public"),
            ("kort-members", "Kortompedia members/", "index_kort_members"),
            ("pagefind-kort", "Pagefind over Kortompedia public/", "index_pagefind_kort"),
            ("pagefind-hugo", "Pagefind over Hugo's output", "index_pagefind_hugo"),
        ]
        print("     %-36s %18s %6s %12s %12s %12s %8s" % ("", "index", "files", "fetched", "gzip", "code+data", "results"))
        fetched = {}
        for name, label, index_key in engines:
            q = load_query(out, name, size)
            index = extra.get(index_key)
            index_text = ("%s/%s f" % (mb(int(index[0])), index[1])) if index else "n/a"
            if q:
                fetched[name] = q["search_bytes"], q["search_gzip"]
                print("     %-36s %18s %6d %9.1f kB %9.1f kB %5.0f+%-5.0f kB %8s" % (
                    label, index_text, q["search_files"], q["search_bytes"] / 1e3, q["search_gzip"] / 1e3,
                    q["code_bytes"] / 1e3, q["data_bytes"] / 1e3, q.get("results_shown", "-")))
            else:
                if index:
                    why = "not measured in this run (BENCH_FIRST_QUERY=0, or no browser)"
                else:
                    why = "n/a (no search index in the build yet)" if name.startswith("kort") else "n/a"
                print("     %-36s %18s %s" % (label, index_text, why))
        for tool, label in (("pagefind-hugo", "Hugo's output"), ("pagefind-kort", "Kortompedia public/")):
            if (size, tool) in medians:
                w, cpu, rss = medians[(size, tool)]
                print("     Pagefind indexing %s: %.2f s wall, %.2f s CPU, %.0f MB peak" % (label, w, cpu, rss))
        if "kort-public" in fetched and "pagefind-kort" in fetched:
            a, b = fetched["kort-public"], fetched["pagefind-kort"]
            print("     Target (issue 4): Kortompedia's first query <= Pagefind's on the same site: %.1f kB vs %.1f kB"
                  " (gzip %.1f vs %.1f)  %s" % (a[0] / 1e3, b[0] / 1e3, a[1] / 1e3, b[1] / 1e3, verdict(a[1] <= b[1])))
        elif extra.get("index_kort_public"):
            print("     Target (issue 4): Kortompedia's first query <= Pagefind's: not measured in this run")
        else:
            print("     Target (issue 4): Kortompedia's first query <= Pagefind's: n/a until the search index is built")

    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        factor = large / small
        lines = []
        for tool, label in TOOLS:
            a, b = medians.get((small, tool)), medians.get((large, tool))
            if a and b and a[0] > 0:
                lines.append("   %-46s wall x%5.1f  CPU x%5.1f  peak x%5.1f" % (label, b[0] / a[0], b[1] / a[1], b[2] / a[2]))
        if lines:
            print()
            print("== Growth from %s to %s articles (x%.0f the content; linear = x%.0f)"
                  % ("{:,}".format(small), "{:,}".format(large), factor, factor))
            print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    parser.add_argument("--sizes", help="sizes to show (default: every size in results.tsv)")
    args = parser.parse_args()
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split()]
    else:
        sizes = sorted({size for size, _ in load_results(args.out)})
    report(args.out, sizes)


if __name__ == "__main__":
    main()
