#!/usr/bin/env python3
"""Where a Kortompedia build spends its CPU, from a `perf record -g` profile, by stage and by kind.

    perf record -e cpu-clock -F 499 -g -o perf.data -- kortompedia build --root SITE --output OUT
    python3 bench/perfstages.py perf.data

Each sample is attributed to a stage by the outermost stage function on its stack (the worker
threads of Parallel.map carry the closure of the stage that started them), and to a kind of work by
the first kind in a fixed order found anywhere on the stack (HTML escaping, template lookups, dynamic casts, cmark, YAML,
file I/O, allocation, reference counting). `perf`'s `swift-demangle` is used when it is installed.
"""

import collections
import shutil
import subprocess
import sys

# (label, substring of the demangled symbol); checked from the root of the stack down.
STAGES = [
    ("load (walk, read, YAML)", "SourceTreeLoader"),
    ("parse Markdown (PageCompiler.compile)", "PageCompiler.compile"),
    ("resolve (links, related, backlinks)", "SiteResolver"),
    ("audience view (Site.view)", "Site.view(for:)"),
    ("render pages (article/blog/teaser)", "closure #1 in SiteRenderer.render"),
    ("render list pages (home, themes, tags, indexes)", "SiteRenderer.listPages"),
    ("render feeds", "FeedWriter"),
    ("render redirects", "SiteRenderer.redirects"),
    ("search index", "SearchIndexWriter"),
    ("write files (SiteWriter)", "SiteWriter"),
    ("theme (template parsing)", "Theme.load"),
]
# (label, substrings); checked from the leaf of the stack up.
KINDS = [
    ("HTML escaping in templates (String.htmlEscape)", ("htmlEscape",)),
    ("template lookups (MustacheTemplate.getChild)", ("getChild(",)),
    ("dynamic casts (as?/Any)", ("swift_dynamicCast", "tryCast", "conformsToProtocol", "ConformanceCache")),
    ("cmark (C parser and renderer)", ("cmark_", "S_render", "S_parse", "S_process", "houdini")),
    ("YAML (Yams)", ("Yams", "yaml_")),
    ("Foundation string search (range(of:), contains)", ("CFStringFind", "NSString", "StringProtocol.range", "StringProtocol.contains")),
    ("file system (kernel)", ("do_sys", "fsync", "ext4_", "vfs_", "__x64_sys", "do_syscall_64")),
    ("allocation (malloc/free)", ("malloc", "_int_free", "cfree", "free@", "_int_malloc", "swift_allocObject", "swift_slowAlloc")),
    ("reference counting (retain/release)", ("swift_retain", "swift_release", "swift_bridgeObject", "RefCounts")),
    ("hashing and dictionaries", ("Hasher", "RawDictionaryStorage", "Dictionary")),
    ("string building and iteration", ("String", "_StringGuts", "Substring", "Character", "Unicode")),
]


def demangler():
    tool = shutil.which("swift-demangle")
    if not tool:
        return lambda names: {n: n for n in names}

    def run(names):
        names = list(names)
        out = subprocess.run([tool, "--simplified"], input="\n".join(names), capture_output=True, text=True).stdout
        lines = out.split("\n")
        return {n: (lines[i] if i < len(lines) else n) for i, n in enumerate(names)}
    return run


def samples(data):
    """Yields stacks (leaf first) of symbol names from `perf script`."""
    proc = subprocess.Popen(["perf", "script", "-i", data, "-F", "ip,sym", "--no-inline"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, errors="replace")
    stack = []
    for line in proc.stdout:
        line = line.strip()
        if not line:
            if stack:
                yield stack
                stack = []
            continue
        parts = line.split(None, 1)
        stack.append(parts[1] if len(parts) > 1 else "?")
    if stack:
        yield stack
    proc.wait()


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    data = sys.argv[1]
    stacks = []
    names = set()
    for stack in samples(data):
        stack = [s.split("+0x")[0] for s in stack]
        stacks.append(stack)
        names.update(stack)
    names_map = demangler()(names)
    total = len(stacks)
    by_stage = collections.Counter()
    by_kind = collections.Counter()
    by_stage_kind = collections.defaultdict(collections.Counter)
    for stack in stacks:
        demangled = [names_map.get(s, s) for s in stack]
        stage = "other (startup, exit)"
        for frame in reversed(demangled):
            hit = next((label for label, needle in STAGES if needle in frame), None)
            if hit:
                stage = hit
                break
        else:
            if any("BuildPipeline" in frame for frame in demangled):
                stage = "pipeline glue (between stages: copies, frees)"
        kind = "other"
        for label, needles in KINDS:
            if any(n in frame for frame in demangled for n in needles):
                kind = label
                break
        by_stage[stage] += 1
        by_kind[kind] += 1
        by_stage_kind[stage][kind] += 1
    print("%d samples" % total)
    print("\nCPU by stage:")
    for stage, n in by_stage.most_common():
        top = ", ".join("%s %.0f%%" % (k.split(" (")[0], 100 * c / n) for k, c in by_stage_kind[stage].most_common(3))
        print("  %5.1f%%  %-48s  [%s]" % (100 * n / total, stage, top))
    print("\nCPU by kind of work (first match on the stack, in the order listed in KINDS):")
    for kind, n in by_kind.most_common():
        print("  %5.1f%%  %s" % (100 * n / total, kind))


if __name__ == "__main__":
    main()
