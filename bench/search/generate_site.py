#!/usr/bin/env python3
"""Generates a Kortompedia site of N articles (~8 KB of Dutch-like text each) for search
benchmarks: site.json and themes from the example site, words drawn with a Zipf-like
distribution from the example articles and the Snowball Dutch vocabulary, headings every few
paragraphs, a third of the articles public. Deterministic for a given N and seed.

    python3 bench/search/generate_site.py 10000 /tmp/site-10k
"""
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def vocabulary():
    words = []
    for folder, _, files in os.walk(os.path.join(ROOT, "articles")):
        for name in sorted(files):
            if name.endswith(".md"):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                words += re.findall(r"[a-zà-ÿ]{3,}", text.lower())
    common = sorted(set(words), key=lambda w: (-words.count(w), w))
    voc = os.path.join(ROOT, "Tests", "Fixtures", "snowball-dutch", "voc.txt")
    extra = [w for w in open(voc, encoding="utf-8").read().split() if len(w) >= 4]
    return common, extra


def main():
    count = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    rng = random.Random(seed)
    common, extra = vocabulary()
    config = json.load(open(os.path.join(ROOT, "site.json"), encoding="utf-8"))
    themes = [t["slug"] for t in config["themes"]]
    os.makedirs(os.path.join(out, "articles"), exist_ok=True)
    json.dump(config, open(os.path.join(out, "site.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=2)
    # Zipf-like weights over common words, then a long tail from the big vocabulary.
    pool = common + rng.sample(extra, min(len(extra), 20000))
    weights = [1.0 / (rank + 8) for rank in range(len(pool))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def word():
        x = rng.random() * total
        lo, hi = 0, len(cumulative) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cumulative[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return pool[lo]

    def sentence():
        words = [word() for _ in range(rng.randint(6, 18))]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    for i in range(count):
        title = " ".join(word() for _ in range(rng.randint(3, 7))).capitalize()
        body = []
        size = 0
        paragraph = 0
        while size < 8000:
            if paragraph % 3 == 2:
                heading = "## " + " ".join(word() for _ in range(rng.randint(2, 5))).capitalize()
                body.append(heading)
                size += len(heading)
            text = " ".join(sentence() for _ in range(rng.randint(3, 6)))
            body.append(text)
            size += len(text)
            paragraph += 1
        year = 2015 + rng.randint(0, 10)
        date = "%04d-%02d-%02d" % (year, rng.randint(1, 12), rng.randint(1, 28))
        access = "public" if i % 3 == 0 else "members"
        picked = sorted(set(rng.sample(themes, rng.randint(1, 2))))
        front = [
            "---",
            "title: " + json.dumps(title, ensure_ascii=False),
            "summary: " + json.dumps(sentence(), ensure_ascii=False),
            "themes: [" + ", ".join(picked) + "]",
            "access: " + access,
            "date: " + date,
            "---",
            "",
        ]
        path = os.path.join(out, "articles", "artikel-%05d.md" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(front) + "\n\n".join(body) + "\n")


if __name__ == "__main__":
    main()
