#!/usr/bin/env python3
"""Generate a realistic Kortompedia site of N articles (plus blog posts) for the benchmark.

Deterministic: the same seed and sizes give the same bytes. Python 3 standard library only.

    python3 bench/generate.py --articles 10000            # -> bench/out/site-10000/
    python3 bench/generate.py --articles 1000 --hugo bench/out/hugo-1000 \
        --bodies bench/out/cmark-1000/bodies.md

What it writes (all under bench/out/, which git ignores):

- site-N/            a Kortompedia site: site.json (12 themes), articles/<theme>/<sub>/*.md,
                     blogs/*.md, theme/ copied from the repository's theme/.
- hugo-N/ (--hugo)   a Hugo site whose content is *mounted* from site-N (same files, no copy):
                     hugo.yaml and the layouts of bench/hugo/.
- bodies.md (--bodies) every body with its front matter stripped, concatenated: the input of
                     the one-process `cmark` floor.

Articles have front matter as CONTRACT.md says (title, summary on most, themes, tags, access
with about 70% members-only, date, updated/review/rewritten on some, author), and bodies of
about 8 KB of Dutch-like Markdown: H2/H3 headings, paragraphs with emphasis, bullet and
numbered lists, a pipe table now and then, blockquotes, cross-links as relative links
(`[x](../dir/other.md)`), wiki links (`[[slug]]`, `[[slug|tekst]]`, `[[slug#kop]]` to a heading
that exists) and reference-style links. Every link resolves, so the site builds without errors.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# ---------------------------------------------------------------------------------------------
# Vocabulary

FUNCTION_WORDS = (
    "de de de de het het het een een een en en en van van van in in op op voor voor met met "
    "aan bij als dat dat die die is is zijn wordt worden je je we ze niet niet ook om te te "
    "tot naar door over maar of meer dan nog wel al kan moet hun deze dit er zo hoe wat wie "
    "waar waarom omdat zodat want dus toch echt vaak soms altijd eerst daarna samen elke veel "
    "weinig zelf iemand niemand alles iets hier daar nu straks"
).split()

NOUNS = (
    "communicatie gemeente burger inwoner organisatie beleid campagne website nieuwsbrief "
    "bericht doelgroep kanaal medewerker dienst project overheid verkiezing crisis participatie "
    "enquête coöperatie opleiding vergadering bestuur raad college school vereniging pers "
    "journalist woordvoerder tekst taal plan strategie evaluatie budget planning afspraak vraag "
    "antwoord klacht reactie zorg welzijn cliënt patiënt privacy toegankelijkheid media video "
    "foto affiche folder brochure magazine intranet netwerk partner wijk buurt straat stad "
    "provincie regio gezondheid veiligheid mobiliteit milieu energie klimaat afval onderwijs "
    "cultuur sport jeugd senior gezin kind ouder vrijwilliger werkgroep overleg rapport nota "
    "advies beslissing procedure reglement subsidie aanvraag formulier loket onthaal telefoon "
    "chat gesprek interview persbericht persconferentie boodschap kernboodschap draaiboek "
    "noodplan risico incident evacuatie informatie kennis ervaring methode aanpak stap fase "
    "doel resultaat effect gedrag verandering motivatie vertrouwen imago merk huisstijl logo "
    "beeld ideeën reünie café privé financiën België museum bibliotheek sportclub "
    "mandataris schepen burgemeester directeur coördinator team leidinggevende collega "
    "vorming workshop webinar handleiding checklist sjabloon stappenplan toolkit voorbeeld "
    "tijdlijn deadline prioriteit kwaliteit dienstverlening tevredenheid feedback"
).split()

ADJECTIVES = (
    "nieuwe belangrijke duidelijke lokale gemeentelijke digitale sociale financiële reële "
    "toegankelijke heldere eenvoudige concrete praktische goede sterke snelle externe interne "
    "politieke publieke efficiënte creatieve kritische geïnteresseerde kleine grote korte lange "
    "eerste laatste vaste jaarlijkse wekelijkse tijdelijke moeilijke gewone bijzondere "
    "inclusieve neutrale officiële persoonlijke gezamenlijke strategische operationele"
).split()

VERBS = (
    "maken schrijven kiezen bepalen communiceren informeren betrekken creëren beïnvloeden "
    "evalueren meten plannen organiseren versturen publiceren delen lezen begrijpen helpt zorgt "
    "werkt vraagt geeft biedt toont bereikt verandert versterkt ondersteunt bespreekt "
    "controleert verbetert vereenvoudigt herschrijft test voorziet reageert beslist coördineert "
    "overlegt ontvangt legt uit vat samen"
).split()

COMPOUND_HEADS = (
    "crisis communicatie gemeente burger nieuws pers web beleid campagne veiligheid gezondheid "
    "verkiezing participatie organisatie klant inwoner jeugd taal media informatie kwaliteit "
    "energie klimaat afval welzijn onderwijs cultuur sport buurt stads personeels"
).split()
COMPOUND_TAILS = (
    "communicatie plan beleid strategie campagne brief bericht dienst raad overleg team "
    "verslag kanaal aanpak moment traject budget folder pagina avond vergadering cel "
    "medewerker coördinator analyse rapport enquête netwerk partner"
).split()
LINKING_S = ("heid", "ing", "schap", "teit", "ling")

EXTERNAL = [
    ("Vlaamse overheid", "https://www.vlaanderen.be/"),
    ("Agentschap Binnenlands Bestuur", "https://www.vlaanderen.be/agentschap-binnenlands-bestuur"),
    ("Wablieft", "https://www.wablieft.be/"),
    ("Toegankelijk web", "https://www.vlaanderen.be/digitaal-vlaanderen/toegankelijkheid"),
    ("Gegevensbeschermingsautoriteit", "https://www.gegevensbeschermingsautoriteit.be/"),
    ("Kortom", "https://www.kortom.be/"),
]

AUTHORS = [
    "An Peeters", "Tom Goossens", "Sofie Janssens", "Pieter De Smet", "Lotte Maes",
    "Jeroen Claes", "Elif Yılmaz", "Marie Dubois", "Koen Vermeulen", "Nathalie Wouters",
    "Bram Willems", "Fatima El Amrani", "Ruben Mertens", "Hanne Jacobs", "Joëlle Lambrecht",
]

THEMES = [
    ("communicatiebeleid", "Communicatiebeleid", "beleid"),
    ("digitale-communicatie", "Digitale communicatie", "digitaal"),
    ("interne-communicatie", "Interne communicatie", "intern"),
    ("crisiscommunicatie", "Crisiscommunicatie", "crisis"),
    ("campagnes-en-gedragsverandering", "Campagnes en gedragsverandering", "campagnes"),
    ("woordvoerderschap-en-mediarelaties", "Woordvoerderschap en mediarelaties", "pers"),
    ("helder-en-inclusief-schrijven", "Helder en inclusief schrijven", "schrijven"),
    ("verkiezingen", "Verkiezingen", "verkiezingen"),
    ("participatie-en-burgerbetrokkenheid", "Participatie en burgerbetrokkenheid", "participatie"),
    ("huisstijl-en-beeld", "Huisstijl en beeld", "huisstijl"),
    ("evalueren-en-meten", "Evalueren en meten", "evaluatie"),
    ("lokale-besturen-en-welzijn", "Lokale besturen en welzijn", "lokaal"),
]
SUBFOLDERS = ["basis", "praktijk", "checklists", "cases"]


def fold(text):
    """Case and diacritic folding as KortompediaCore.TextFolding does for these letters."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.replace("ı", "i")


def slugify(text):
    """Slug(slugifying:): folded, runs of anything but [a-z0-9] become one dash, trimmed."""
    out = []
    pending = False
    for c in fold(text):
        if ("a" <= c <= "z") or ("0" <= c <= "9"):
            if pending and out:
                out.append("-")
            pending = False
            out.append(c)
        else:
            pending = True
    return "".join(out)


def build_compounds():
    rng = random.Random("kortompedia-compounds")
    compounds = []
    for head in COMPOUND_HEADS:
        for tail in rng.sample(COMPOUND_TAILS, 9):
            if head == tail:
                continue
            joint = "s" if head.endswith(LINKING_S) else ""
            compounds.append(head + joint + tail)
    return compounds


COMPOUNDS = build_compounds()
ALL_NOUNS = NOUNS + COMPOUNDS

TAGS = sorted(set(
    [n for n in NOUNS if len(n) > 4][:120]
    + COMPOUNDS[:200]
    + ["sociale media", "duidelijke taal", "lokaal bestuur", "enquête", "coöperatie",
       "AI", "toegankelijkheid", "privacy", "GDPR", "woordvoering"]
))


# ---------------------------------------------------------------------------------------------
# Text

class Writer:
    """Dutch-like prose from one random generator."""

    def __init__(self, rng):
        self.rng = rng

    def word(self):
        r = self.rng.random()
        if r < 0.44:
            return self.rng.choice(FUNCTION_WORDS)
        if r < 0.62:
            return self.rng.choice(NOUNS)
        if r < 0.72:
            return self.rng.choice(COMPOUNDS)
        if r < 0.84:
            return self.rng.choice(ADJECTIVES)
        return self.rng.choice(VERBS)

    def sentence(self, emphasis=True):
        rng = self.rng
        n = rng.randint(7, 19)
        words = [self.word() for _ in range(n)]
        if emphasis and rng.random() < 0.18:
            i = rng.randrange(1, n)
            words[i] = ("**%s**" if rng.random() < 0.6 else "*%s*") % words[i]
        if n > 10 and rng.random() < 0.5:
            words[rng.randrange(3, n - 3)] += ","
        first = words[0]
        words[0] = first[:1].upper() + first[1:]
        end = "?" if rng.random() < 0.08 else "."
        return " ".join(words) + end

    def paragraph(self, sentences=None):
        n = sentences or self.rng.randint(3, 6)
        return " ".join(self.sentence() for _ in range(n))

    def phrase(self, words=None):
        rng = self.rng
        n = words or rng.randint(2, 5)
        parts = []
        for i in range(n):
            if i == 0:
                parts.append(rng.choice(ADJECTIVES + ALL_NOUNS))
            else:
                parts.append(rng.choice(ALL_NOUNS if i == n - 1 else FUNCTION_WORDS + ADJECTIVES))
        text = " ".join(parts)
        return text[:1].upper() + text[1:]

    def title(self):
        rng = self.rng
        pattern = rng.randrange(5)
        noun = rng.choice(COMPOUNDS)
        other = rng.choice(NOUNS)
        adjective = rng.choice(ADJECTIVES)
        if pattern == 0:
            text = "Een %s %s voor de %s" % (adjective, noun, other)
        elif pattern == 1:
            text = "%s in de %s" % (noun, other)
        elif pattern == 2:
            text = "Hoe je een %s %s maakt" % (adjective, noun)
        elif pattern == 3:
            text = "%s en %s: %s aanpak" % (noun, other, adjective)
        else:
            text = "Stappenplan voor %s %s" % (adjective, noun)
        return text[:1].upper() + text[1:]


def summary_for(writer):
    rng = writer.rng
    text = writer.sentence(emphasis=False)
    while len(text) < 110:
        text += " " + writer.sentence(emphasis=False)
    return text[:190].rsplit(" ", 1)[0].rstrip(",") + "."


# ---------------------------------------------------------------------------------------------
# Site model

class Page:
    __slots__ = ("index", "kind", "path", "slug", "title", "headings", "heading_ids", "theme", "seed")

    def __init__(self, index, kind, path, slug, title, headings, theme, seed):
        self.index = index
        self.kind = kind
        self.path = path          # site-relative, e.g. articles/crisis/basis/x.md
        self.slug = slug
        self.title = title
        self.headings = headings  # [(level, text)]
        self.heading_ids = [slugify(text) for _, text in headings]
        self.theme = theme
        self.seed = seed


def plan_headings(writer, count):
    """Unique heading texts (so each id is its slug), H2 with some H3 below."""
    rng = writer.rng
    headings = []
    seen = set()
    step = 0
    while len([h for h in headings if h[0] == 2]) < count:
        step += 1
        if rng.random() < 0.25:
            text = "Stap %d: %s" % (step, writer.phrase(3).lower())
        else:
            text = writer.phrase()
        key = slugify(text)
        if not key or key in seen:
            continue
        seen.add(key)
        headings.append((2, text))
        if rng.random() < 0.35:
            for _ in range(rng.randint(1, 2)):
                sub = writer.phrase(rng.randint(2, 4))
                k = slugify(sub)
                if k and k not in seen:
                    seen.add(k)
                    headings.append((3, sub))
    return headings


def plan_site(n_articles, n_blogs, seed):
    pages = []
    used_slugs = set()

    def unique_slug(base):
        slug = base[:60].rstrip("-") or "pagina"
        candidate, k = slug, 2
        while candidate in used_slugs:
            candidate = "%s-%d" % (slug, k)
            k += 1
        used_slugs.add(candidate)
        return candidate

    for i in range(n_articles):
        rng = random.Random("%s-article-%d" % (seed, i))
        writer = Writer(rng)
        theme = i % len(THEMES)
        folder = THEMES[theme][2]
        sub = SUBFOLDERS[rng.randrange(len(SUBFOLDERS) + 1) % len(SUBFOLDERS)] if rng.random() < 0.8 else None
        title = writer.title()
        slug = unique_slug(slugify(title))
        directory = "articles/%s/%s" % (folder, sub) if sub else "articles/%s" % folder
        headings = plan_headings(writer, rng.randint(5, 7))
        pages.append(Page(i, "article", "%s/%s.md" % (directory, slug), slug, title, headings, theme, rng.random()))
    for j in range(n_blogs):
        rng = random.Random("%s-blog-%d" % (seed, j))
        writer = Writer(rng)
        title = "Blog: " + writer.title()
        slug = unique_slug("blog-" + slugify(title[6:]))
        headings = plan_headings(writer, rng.randint(2, 4))
        pages.append(Page(n_articles + j, "blog", "blogs/%s.md" % slug, slug, title, headings,
                          rng.randrange(len(THEMES)), rng.random()))
    return pages


def relative(from_path, to_path):
    return os.path.relpath(to_path, os.path.dirname(from_path)).replace(os.sep, "/")


def day(rng, start_year, end_year):
    start = datetime.date(start_year, 1, 1).toordinal()
    end = datetime.date(end_year, 12, 28).toordinal()
    return datetime.date.fromordinal(rng.randint(start, end))


def yaml_string(text):
    return json.dumps(text, ensure_ascii=False)


def front_matter(page, rng, writer, articles):
    lines = ["---", "title: " + yaml_string(page.title)]
    is_article = page.kind == "article"
    if is_article:
        members = rng.random() < 0.70
    else:
        members = False
    if rng.random() < (0.88 if is_article else 0.7):
        lines.append("summary: " + yaml_string(summary_for(writer)))
    themes = [THEMES[page.theme][0]]
    extra = rng.random()
    if extra < 0.35:
        themes.append(THEMES[rng.randrange(len(THEMES))][0])
    if extra < 0.08:
        themes.append(THEMES[rng.randrange(len(THEMES))][0])
    themes = list(dict.fromkeys(themes))
    if is_article or rng.random() < 0.6:
        lines.append("themes: [%s]" % ", ".join(themes))
    tags = list(dict.fromkeys(rng.sample(TAGS, rng.randint(1, 5))))
    lines.append("tags: [%s]" % ", ".join(yaml_string(t) for t in tags))
    if is_article:
        if members:
            if rng.random() < 0.5:
                lines.append("access: members")
        else:
            lines.append("access: public")
    date = day(rng, 2012, 2024)
    lines.append("date: %s" % date.isoformat())
    if rng.random() < 0.4:
        updated = date + datetime.timedelta(days=rng.randint(30, 900))
        lines.append("updated: %s" % min(updated, datetime.date(2025, 10, 31)).isoformat())
    if is_article and rng.random() < 0.06:
        rewritten = date + datetime.timedelta(days=rng.randint(60, 400))
        lines.append("rewritten: %s" % min(rewritten, datetime.date(2025, 10, 31)).isoformat())
    if is_article and rng.random() < 0.25:
        lines.append("review: %s" % day(rng, 2026, 2028).isoformat())
    if rng.random() < 0.85:
        if rng.random() < 0.15:
            lines.append("author: [%s]" % ", ".join(yaml_string(a) for a in rng.sample(AUTHORS, 2)))
        else:
            lines.append("author: " + yaml_string(rng.choice(AUTHORS)))
    lines.append("---")
    return "\n".join(lines) + "\n"


def pick_target(rng, page, articles, same_theme_bias=0.6):
    """A random other article; more often one of the same theme (themes go round-robin)."""
    n = len(articles)
    if n < 2:
        return None
    k = len(THEMES)
    for _ in range(8):
        if rng.random() < same_theme_bias and n > page.theme:
            target = articles[rng.randrange((n - 1 - page.theme) // k + 1) * k + page.theme]
        else:
            target = articles[rng.randrange(n)]
        if target is not page:
            return target
    return None


class BodyWriter:
    def __init__(self, page, pages, articles):
        self.page = page
        self.pages = pages
        self.articles = articles
        self.rng = random.Random("%s-body" % page.seed)
        self.writer = Writer(self.rng)
        self.refs = []           # (label, destination)

    def link(self):
        """One cross-link in one of the accepted forms."""
        rng = self.rng
        target = pick_target(rng, self.page, self.articles)
        if target is None:
            return self.writer.phrase(2).lower()
        form = rng.random()
        label = self.writer.phrase(rng.randint(1, 3)).lower()
        if form < 0.30:
            return "[%s](%s)" % (label, relative(self.page.path, target.path))
        if form < 0.40 and target.heading_ids:
            return "[%s](%s#%s)" % (label, relative(self.page.path, target.path), rng.choice(target.heading_ids))
        if form < 0.58:
            return "[[%s]]" % target.slug
        if form < 0.72:
            return "[[%s|%s]]" % (target.slug, label)
        if form < 0.86 and target.heading_ids:
            return "[[%s#%s]]" % (target.slug, rng.choice(target.heading_ids))
        ref = "ref-%d" % (len(self.refs) + 1)
        self.refs.append((ref, relative(self.page.path, target.path)))
        return "[%s][%s]" % (label, ref)

    def linked_paragraph(self, links):
        rng = self.rng
        sentences = [self.writer.sentence() for _ in range(rng.randint(3, 6))]
        for _ in range(links):
            i = rng.randrange(len(sentences))
            s = sentences[i]
            sentences[i] = s[:-1] + " (" + rng.choice(["zie ook", "lees meer in", "vergelijk met", "meer over"]) + " " + self.link() + ")" + s[-1]
        return " ".join(sentences)

    def bullet_list(self):
        rng = self.rng
        numbered = rng.random() < 0.35
        items = []
        for k in range(rng.randint(3, 6)):
            text = self.writer.sentence()[:-1].lower() if rng.random() < 0.7 else self.writer.phrase().lower()
            if rng.random() < 0.15:
                text += " (" + self.link() + ")"
            marker = "%d." % (k + 1) if numbered else "-"
            items.append("%s %s;" % (marker, text))
            if not numbered and rng.random() < 0.1:
                items.append("  - " + self.writer.phrase().lower())
        items[-1] = items[-1][:-1] + "."
        return "\n".join(items)

    def table(self):
        rng = self.rng
        columns = rng.randint(2, 4)
        header = [self.writer.phrase(rng.randint(1, 2)) for _ in range(columns)]
        rows = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        for _ in range(rng.randint(3, 6)):
            cells = [self.writer.phrase(rng.randint(1, 3)).lower() for _ in range(columns)]
            if rng.random() < 0.3:
                cells[-1] = "%d %%" % rng.randint(5, 95)
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def quote(self):
        return "> " + self.writer.paragraph(self.rng.randint(1, 3))

    def body(self, target_bytes):
        rng = self.rng
        page = self.page
        out = [self.linked_paragraph(1), self.writer.paragraph()]
        headings = page.headings
        # Spread the text over the sections so that the body lands near target_bytes.
        size = sum(len(x) for x in out)
        per_section = max(300, (target_bytes - size) // max(1, len(headings)))
        for level, text in headings:
            out.append("%s %s" % ("#" * level, text))
            written = 0
            while True:
                r = rng.random()
                if r < 0.50:
                    block = self.linked_paragraph(1 if rng.random() < 0.45 else 0)
                elif r < 0.68:
                    block = self.bullet_list()
                elif r < 0.76:
                    block = self.quote()
                elif r < 0.81:
                    block = self.table()
                else:
                    block = self.writer.paragraph()
                size = len(block.encode("utf-8"))
                if written and written + size // 2 > per_section:
                    break
                out.append(block)
                written += size
        if rng.random() < 0.5:
            label, url = rng.choice(EXTERNAL)
            out.append("Meer achtergrond vind je bij [%s][extern]." % label)
            self.refs.append(("extern", url))
        if self.refs:
            out.append("\n".join("[%s]: %s" % ref for ref in self.refs))
        return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Output

def write_site(out, pages, n_articles, seed, bodies_path, body_bytes):
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    site = {
        "title": "Kortompedia",
        "description": "Gegenereerde Kortompedia voor de benchmark: %d artikels." % n_articles,
        "baseURL": "https://www.kortom.be/kortompedia/",
        "language": "nl",
        "defaultAccess": "members",
        "themes": [
            {"slug": slug, "title": title, "description": "Artikels over %s." % title.lower()}
            for slug, title, _ in THEMES
        ],
        "membership": {"joinURL": "https://www.kortom.be/lid-worden", "loginURL": "https://www.kortom.be/login"},
    }
    with open(os.path.join(out, "site.json"), "w", encoding="utf-8") as f:
        json.dump(site, f, ensure_ascii=False, indent=2)
        f.write("\n")
    theme_src = os.path.join(REPO, "theme")
    shutil.copytree(theme_src, os.path.join(out, "theme"))

    articles = [p for p in pages if p.kind == "article"]
    made = set()
    total = 0
    bodies = open(bodies_path, "w", encoding="utf-8") if bodies_path else None
    try:
        for page in pages:
            fm_rng = random.Random("%s-fm" % page.seed)
            fm = front_matter(page, fm_rng, Writer(fm_rng), articles)
            target = body_bytes if page.kind == "article" else body_bytes // 2
            body = BodyWriter(page, pages, articles).body(target)
            path = os.path.join(out, page.path)
            directory = os.path.dirname(path)
            if directory not in made:
                os.makedirs(directory, exist_ok=True)
                made.add(directory)
            text = fm + "\n" + body
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            total += len(text.encode("utf-8"))
            if bodies:
                bodies.write(body)
                bodies.write("\n")
    finally:
        if bodies:
            bodies.close()
    return total


def write_hugo(hugo_dir, site_dir):
    """A Hugo site whose content is the generated site's articles and blogs, mounted."""
    os.makedirs(hugo_dir, exist_ok=True)
    with open(os.path.join(HERE, "hugo", "hugo.yaml"), encoding="utf-8") as f:
        config = f.read()
    site_dir = os.path.abspath(site_dir)
    layouts = os.path.join(HERE, "hugo", "layouts")
    config += "\n".join([
        "",
        "# Written by bench/generate.py: the content is the Kortompedia site's, mounted.",
        "module:",
        "  mounts:",
        "    - source: %s" % json.dumps(os.path.join(site_dir, "articles")),
        "      target: content/kortompedia",
        "    - source: %s" % json.dumps(os.path.join(site_dir, "blogs")),
        "      target: content/blog",
        "    - source: %s" % json.dumps(os.path.join(HERE, "hugo", "content")),
        "      target: content",
        "    - source: %s" % json.dumps(layouts),
        "      target: layouts",
        "    - source: %s" % json.dumps(os.path.join(site_dir, "theme", "assets")),
        "      target: static/assets",
        "",
    ])
    with open(os.path.join(hugo_dir, "hugo.yaml"), "w", encoding="utf-8") as f:
        f.write(config)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", "-n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--blogs", type=int, default=100, help="number of blog posts (default 100)")
    parser.add_argument("--seed", default="kortompedia-bench-1", help="random seed (any text)")
    parser.add_argument("--body-bytes", type=int, default=7150, help="target size of an article body in bytes (the file, front matter included, comes out near 8 KB)")
    parser.add_argument("--out", help="site folder (default bench/out/site-N)")
    parser.add_argument("--hugo", help="also write a Hugo site (config + mounts) into this folder")
    parser.add_argument("--bodies", help="also write all bodies, front matter stripped, into this one file")
    parser.add_argument("--hugo-config-only", action="store_true",
                        help="only (re)write the Hugo site's configuration (--hugo) for an existing --out")
    args = parser.parse_args(argv)

    out = args.out or os.path.join(HERE, "out", "site-%d" % args.articles)
    if args.hugo_config_only:
        if not args.hugo:
            parser.error("--hugo-config-only needs --hugo")
        write_hugo(args.hugo, out)
        return
    pages = plan_site(args.articles, args.blogs, args.seed)
    if args.bodies:
        os.makedirs(os.path.dirname(os.path.abspath(args.bodies)), exist_ok=True)
    total = write_site(out, pages, args.articles, args.seed, args.bodies, args.body_bytes)
    if args.hugo:
        write_hugo(args.hugo, out)
    print("generated %d articles + %d blog posts, %.1f MB of Markdown -> %s"
          % (args.articles, args.blogs, total / 1e6, out), file=sys.stderr)


if __name__ == "__main__":
    main()
