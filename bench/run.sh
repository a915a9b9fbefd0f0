#!/usr/bin/env bash
# The Kortompedia benchmark (`make bench`): Kortompedia's full build against Hugo, the cmark
# floor and Pagefind on generated sites, medians of several runs, one table per size.
# Not part of the test suite. Everything it writes goes to bench/out/ (git-ignored).
#
# Settings (environment):
#   BENCH_SIZES="1000 10000"  article counts (each site also gets 100 blog posts)
#   BENCH_RUNS=3              timed runs per tool and size (the median is reported)
#   BENCH_THREADS=            --threads for Kortompedia (default: its own, all cores)
#   BENCH_QUERY=communicatie  the word of the first-query measurement
#   BENCH_SCRATCH=.build      SwiftPM scratch path for the release build
#   BENCH_KORTOMPEDIA=        use this kortompedia binary instead of building one
#   BENCH_PAGEFIND=1          0 skips Pagefind (the slowest part)
#   BENCH_FIRST_QUERY=1       0 skips the headless-Chromium first-query measurement
#   BENCH_SERVE=1             0 skips the `kortompedia serve` edit-to-served measurement
#   BENCH_INCREMENTAL=1       0 skips timing `build --incremental` after one article's edit
#   BENCH_PROFILE=0           1 also records a perf profile of one full build per size
#                             (bench/out/perf-N.data, CPU by stage in bench/out/perf-stages-N.txt)
#   KORT_SEARCH_DIR=zoeken    where Kortompedia's search index lives in an audience folder
#   KORT_SEARCH_PAGE=/zoeken/ Kortompedia's search page
#   KORT_RESULT_SELECTOR="#search-results > li"  what counts as one result shown on it
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$(pwd)
OUT="$REPO/bench/out"
LOGS="$OUT/logs"
BENCH_SIZES=${BENCH_SIZES:-"1000 10000"}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_THREADS=${BENCH_THREADS:-}
BENCH_QUERY=${BENCH_QUERY:-communicatie}
BENCH_SCRATCH=${BENCH_SCRATCH:-.build}
BENCH_PAGEFIND=${BENCH_PAGEFIND:-1}
BENCH_FIRST_QUERY=${BENCH_FIRST_QUERY:-1}
BENCH_SERVE=${BENCH_SERVE:-1}
BENCH_INCREMENTAL=${BENCH_INCREMENTAL:-1}
BENCH_PROFILE=${BENCH_PROFILE:-0}
KORT_SEARCH_DIR=${KORT_SEARCH_DIR:-zoeken}
KORT_SEARCH_PAGE=${KORT_SEARCH_PAGE:-/zoeken/}
KORT_RESULT_SELECTOR=${KORT_RESULT_SELECTOR:-"#search-results > li"}
mkdir -p "$OUT" "$LOGS"

say() { printf '\n== %s\n' "$*" >&2; }

# Outputs of earlier runs are moved aside, not deleted, until every timed run is done. On ext4
# without a journal (as on this project's bench machine) creating files is several times slower
# for minutes after many were deleted: the allocator skips recently deleted inodes one by one
# (`recently_deleted` in fs/ext4/ialloc.c). Deleting 60,000 files and then timing a build that
# creates 60,000 measured that penalty, for every tool, rather than the build: a deployment
# builds on a machine that has not just deleted a site. `set_aside` keeps the timed builds clear
# of it; the heap is deleted at the end.
TRASH="$OUT/.set-aside"
set_aside() { # set_aside PATH...
    local path
    mkdir -p "$TRASH"
    for path in "$@"; do
        [ -e "$path" ] || continue
        mv "$path" "$(mktemp -d "$TRASH/XXXXXXXX")/"
    done
}
rm -rf "$TRASH"

# --- tools ----------------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {
    if ! command -v apt-get >/dev/null; then
        echo "bench: cannot install $* (no apt-get): install it by hand" >&2
        return 1
    fi
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if [ "$APT_UPDATED" = 0 ]; then $sudo apt-get update -qq >&2 || true; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >&2
}
need() { # need COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 || { say "installing $2"; apt_install "$2"; }
}
need hugo hugo
need cmark cmark
if [ "$BENCH_PROFILE" = 1 ]; then need perf linux-perf || BENCH_PROFILE=0; fi
[ -x /usr/bin/time ] || { say "installing time"; apt_install time; }
PYTHON=${PYTHON:-python3}
pagefind_path() { "$PYTHON" -c 'import os, pagefind_bin; print(os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind"))' 2>/dev/null; }
PAGEFIND=""
if [ "$BENCH_PAGEFIND" = 1 ]; then
    if ! PAGEFIND=$(pagefind_path) || [ ! -x "$PAGEFIND" ]; then
        say "installing pagefind_bin (PyPI)"
        "$PYTHON" -m pip install --quiet pagefind_bin >&2
        PAGEFIND=$(pagefind_path)
    fi
fi
if [ "$BENCH_FIRST_QUERY" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
    say "installing chromium (for the first-query measurement)"
    apt_install chromium || { echo "bench: no chromium: first-query bytes are skipped" >&2; BENCH_FIRST_QUERY=0; }
fi

# --- Kortompedia, release -------------------------------------------------------------------
if [ -n "${BENCH_KORTOMPEDIA:-}" ]; then
    KORT_SRC=$BENCH_KORTOMPEDIA
    KORT_VERSION="binary $BENCH_KORTOMPEDIA"
else
    KORT_VERSION="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' + uncommitted changes')"
    say "building kortompedia (release, $BENCH_SCRATCH)"
    [ -x scripts/install-deps.sh ] && scripts/install-deps.sh build
    swift build -c release --product kortompedia --scratch-path "$BENCH_SCRATCH" >&2
    KORT_SRC="$BENCH_SCRATCH/release/kortompedia"
fi
# A private copy, so that a rebuild by someone else during the run does not change what we time.
mkdir -p "$OUT/bin"
cp "$KORT_SRC" "$OUT/bin/kortompedia"
KORT="$OUT/bin/kortompedia"
THREAD_ARGS=()
[ -n "$BENCH_THREADS" ] && THREAD_ARGS=(--threads "$BENCH_THREADS")

RESULTS="$OUT/results.tsv"
# Keep the results of sizes not run now (so that sizes can be run in separate invocations).
touch "$RESULTS"
awk -F'\t' -v sizes=" $BENCH_SIZES " 'index(sizes, " " $1 " ") == 0' "$RESULTS" > "$RESULTS.keep" && mv "$RESULTS.keep" "$RESULTS"
{
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
    echo "tools: $(hugo version | cut -d' ' -f1-2), $(cmark --version | head -1), pagefind $([ -n "$PAGEFIND" ] && "$PAGEFIND" --version | cut -d' ' -f2 || echo -), kortompedia $KORT_VERSION"
    echo "runs: $BENCH_RUNS, threads: ${BENCH_THREADS:-default}, query: $BENCH_QUERY, started $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$OUT/meta.txt"

# busy CPU seconds of the whole machine (all processes), from /proc/stat
busy_seconds() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print ($2+$3+$4+$7+$8+$9)/hz; exit}' /proc/stat; }

# measure SIZE TOOL RUN COMMAND...: wall, user, sys, max RSS and the machine's other CPU use
measure() {
    local size=$1 tool=$2 run=$3
    shift 3
    local timing log before after
    timing=$(mktemp)
    log="$LOGS/$tool-$size-$run.log"
    before=$(busy_seconds)
    if ! /usr/bin/time -f "%e %U %S %M" -o "$timing" "$@" > "$log" 2>&1; then
        echo "bench: $tool failed on the $size-article site (run $run); see $log:" >&2
        tail -20 "$log" >&2
        exit 1
    fi
    after=$(busy_seconds)
    read -r wall user sys rss < <(tail -1 "$timing")
    rm -f "$timing"
    local other
    other=$(awk -v a="$after" -v b="$before" -v u="$user" -v s="$sys" 'BEGIN { o = a - b - u - s; if (o < 0) o = 0; printf "%.2f", o }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$run" "$wall" "$user" "$sys" "$rss" "$other" >> "$RESULTS"
    printf '   %-14s run %d: %6.2f s wall, %6.2f s cpu, %5d MB\n' "$tool" "$run" "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" "$((rss / 1024))" >&2
}

pagefind_page() { # a search page with Pagefind's default UI, written after indexing
    mkdir -p "$1/pagefind-zoeken"
    cat > "$1/pagefind-zoeken/index.html" <<'EOF'
<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Zoeken</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script>
</head>
<body>
<div id="search"></div>
<script>
window.addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({ element: "#search", showSubResults: true });
  const q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
});
</script>
</body>
</html>
EOF
}

dir_bytes() { find "$@" -type f -printf '%s\n' 2>/dev/null | awk '{s += $1} END {print s + 0}'; }
dir_files() { find "$@" -type f 2>/dev/null | wc -l; }

for size in $BENCH_SIZES; do
    SITE="$OUT/site-$size"
    HUGO="$OUT/hugo-$size"
    BODIES="$OUT/cmark-$size/bodies.md"
    KOUT="$OUT/kort-$size"
    KPUB="$OUT/kort-$size-public"
    EXTRA="$OUT/extra-$size.txt"
    : > "$EXTRA"
    # Figures of earlier runs must not pass for this one's: what this run skips is not shown.
    rm -f "$OUT/stages-$size.txt" "$OUT/perf-stages-$size.txt" "$OUT/perf-$size.txt" "$OUT"/firstquery-*-"$size".json "$OUT/serve-$size.json"

    # Generate only when the generator, the theme or the size changed.
    stamp=$(cksum < bench/generate.py | cut -d' ' -f1)
    if [ "$(cat "$SITE/.bench-stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$BODIES" ]; then
        say "generating $size articles"
        "$PYTHON" bench/generate.py --articles "$size" --out "$SITE" --hugo "$HUGO" --bodies "$BODIES"
        echo "$stamp" > "$SITE/.bench-stamp"
    else
        "$PYTHON" bench/generate.py --articles "$size" --out "$SITE" --hugo "$HUGO" --hugo-config-only
        rm -rf "$SITE/theme" && cp -r theme "$SITE/theme"   # the repository's current theme
    fi
    echo "markdown_bytes $(cat "$BODIES" | wc -c) $(dir_bytes "$SITE/articles" "$SITE/blogs")" >> "$EXTRA"
    echo "load_before $(cut -d' ' -f1-3 /proc/loadavg)" >> "$EXTRA"

    # The page cache is warmed by generation and by the first round; rounds interleave the
    # tools so that a change in the machine's load hits all of them alike.
    say "size $size: $BENCH_RUNS rounds"
    for run in $(seq 1 "$BENCH_RUNS"); do
        set_aside "$KOUT"
        measure "$size" kort-full "$run" "$KORT" build --root "$SITE" --output "$KOUT" --quiet ${THREAD_ARGS[@]+"${THREAD_ARGS[@]}"}
        # The everyday case: a full build again over the output of earlier ones. The first
        # build over an output keeps the replaced one as its spare; from the next one on, builds
        # write into the spare (see SiteWriter): that steady state is what is timed.
        "$KORT" build --root "$SITE" --output "$KOUT" --quiet ${THREAD_ARGS[@]+"${THREAD_ARGS[@]}"}
        measure "$size" kort-rebuild "$run" "$KORT" build --root "$SITE" --output "$KOUT" --quiet ${THREAD_ARGS[@]+"${THREAD_ARGS[@]}"}
        set_aside "$KPUB"
        measure "$size" kort-public "$run" "$KORT" build --root "$SITE" --output "$KPUB" --only public --quiet ${THREAD_ARGS[@]+"${THREAD_ARGS[@]}"}
        set_aside "$HUGO/public" "$HUGO/resources"
        measure "$size" hugo "$run" hugo --quiet --source "$HUGO" --destination "$HUGO/public"
        measure "$size" hugo-rebuild "$run" hugo --quiet --source "$HUGO" --destination "$HUGO/public"
        measure "$size" cmark "$run" sh -c 'exec cmark "$1" > /dev/null' cmark "$BODIES"
        set_aside "$OUT/copy-$size"
        measure "$size" copy "$run" cp -r "$HUGO/public" "$OUT/copy-$size"
        set_aside "$OUT/copy-$size"
        if [ "$BENCH_PAGEFIND" = 1 ]; then
            set_aside "$HUGO/public/pagefind"
            measure "$size" pagefind-hugo "$run" "$PAGEFIND" --site "$HUGO/public" --quiet
            set_aside "$KOUT/public/pagefind"
            measure "$size" pagefind-kort "$run" "$PAGEFIND" --site "$KOUT/public" --quiet
        fi
    done
    echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$EXTRA"

    # Output sizes, search index sizes.
    echo "out_kort $(dir_bytes "$KOUT/members" "$KOUT/public" ) $(dir_files "$KOUT/members" "$KOUT/public")" >> "$EXTRA"
    echo "out_hugo $(dir_bytes "$HUGO/public" ) $(dir_files "$HUGO/public")" >> "$EXTRA"
    if [ "$BENCH_PAGEFIND" = 1 ]; then
        echo "index_pagefind_hugo $(dir_bytes "$HUGO/public/pagefind") $(dir_files "$HUGO/public/pagefind")" >> "$EXTRA"
        echo "index_pagefind_kort $(dir_bytes "$KOUT/public/pagefind") $(dir_files "$KOUT/public/pagefind")" >> "$EXTRA"
    fi
    KORT_SEARCH_READY=0
    for audience in public members; do
        idx="$KOUT/$audience/$KORT_SEARCH_DIR"
        if [ -d "$idx" ] && [ -n "$(find "$idx" -type f ! -path "$idx/index.html" | head -1)" ]; then
            KORT_SEARCH_READY=1
            echo "index_kort_$audience $(find "$idx" -type f ! -path "$idx/index.html" -printf '%s\n' | awk '{s+=$1} END {print s+0}') $(find "$idx" -type f ! -path "$idx/index.html" | wc -l)" >> "$EXTRA"
        fi
    done

    # Where the time goes: one more full build with --verbose (stage timings on stderr).
    set_aside "$KOUT.verbose"
    "$KORT" build --root "$SITE" --output "$KOUT.verbose" --quiet --verbose ${THREAD_ARGS[@]+"${THREAD_ARGS[@]}"} 2> "$OUT/stages-$size.txt" > /dev/null
    set_aside "$KOUT.verbose"

    if [ "$BENCH_PROFILE" = 1 ] && command -v perf >/dev/null; then
        say "perf profile of one full build ($size)"
        set_aside "$KOUT.perf"
        perf record -e cpu-clock -F 999 -g -o "$OUT/perf-$size.data" -- "$KORT" build --root "$SITE" --output "$KOUT.perf" --quiet ${THREAD_ARGS[@]+"${THREAD_ARGS[@]}"} > /dev/null 2>&1 || true
        set_aside "$KOUT.perf"
        perf report -i "$OUT/perf-$size.data" --no-children --sort symbol --stdio 2>/dev/null \
            | { command -v swift-demangle >/dev/null && swift-demangle --simplified || cat; } > "$OUT/perf-$size.txt" || true
        "$PYTHON" bench/perfstages.py "$OUT/perf-$size.data" > "$OUT/perf-stages-$size.txt" 2>/dev/null || true
    fi

    # First query: what a browser downloads to show results for one common word.
    if [ "$BENCH_FIRST_QUERY" = 1 ]; then
        say "first query for '$BENCH_QUERY' ($size)"
        if [ "$BENCH_PAGEFIND" = 1 ]; then
            pagefind_page "$HUGO/public"
            "$PYTHON" bench/firstquery.py --site "$HUGO/public" --page /pagefind-zoeken/ --query "$BENCH_QUERY" \
                --count .pagefind-ui__result --json "$OUT/firstquery-pagefind-hugo-$size.json" > /dev/null || true
            pagefind_page "$KOUT/public"
            "$PYTHON" bench/firstquery.py --site "$KOUT/public" --page /pagefind-zoeken/ --query "$BENCH_QUERY" \
                --count .pagefind-ui__result --json "$OUT/firstquery-pagefind-kort-$size.json" > /dev/null || true
        fi
        rm -f "$OUT/firstquery-kort-public-$size.json" "$OUT/firstquery-kort-members-$size.json"
        if [ "$KORT_SEARCH_READY" = 1 ]; then
            for audience in public members; do
                "$PYTHON" bench/firstquery.py --site "$KOUT/$audience" --page "$KORT_SEARCH_PAGE" --query "$BENCH_QUERY" \
                    --count "$KORT_RESULT_SELECTOR" --json "$OUT/firstquery-kort-$audience-$size.json" > /dev/null || true
            done
        fi
    fi

    # build --incremental: a first run parses and writes everything, its manifests and its
    # parsed pages; the one timed follows an edit to one article's body (put back afterwards).
    if [ "$BENCH_INCREMENTAL" = 1 ]; then
        say "build --incremental after one edit ($size)"
        set_aside "$KOUT.incremental"
        "$KORT" build --root "$SITE" --output "$KOUT.incremental" --incremental --quiet ${THREAD_ARGS[@]+"${THREAD_ARGS[@]}"}
        article="$SITE/$(cd "$SITE" && find articles -name '*.md' | LC_ALL=C sort | sed -n 1p)"
        cp "$article" "$OUT/edited-article.md"
        printf '\nEen alinea die de meting toevoegt.\n' >> "$article"
        measure "$size" kort-incremental 1 "$KORT" build --root "$SITE" --output "$KOUT.incremental" --incremental ${THREAD_ARGS[@]+"${THREAD_ARGS[@]}"}
        cp "$OUT/edited-article.md" "$article"
        grep -o '([0-9]* files, [0-9]* written, [0-9]* parsed, [0-9]* pages not rendered again)' "$LOGS/kort-incremental-$size-1.log" \
            | tr -d '(),' | awk '{print "incremental_files", $1, $3, $5, $7}' >> "$EXTRA" || true
        set_aside "$KOUT.incremental"
    fi

    # serve: how soon after a save an editor sees the edit, and how long the full rebuild
    # behind it takes (the article is put back afterwards).
    if [ "$BENCH_SERVE" = 1 ]; then
        say "serve: twenty edits of one article ($size)"
        article=$(cd "$SITE" && find articles -name '*.md' | LC_ALL=C sort | sed -n 1p)
        "$PYTHON" bench/servelatency.py --kortompedia "$KORT" --site "$SITE" --article "$article" \
            --edits 20 --log "$LOGS/serve-$size.log" --json "$OUT/serve-$size.json" > /dev/null \
            || echo "bench: the serve measurement failed; see $LOGS/serve-$size.log" >&2
    fi
done

say "deleting the outputs set aside"
rm -rf "$TRASH"

"$PYTHON" bench/report.py --out "$OUT" | tee "$OUT/report.txt"
