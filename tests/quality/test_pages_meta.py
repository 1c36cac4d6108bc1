"""Every page: a unique <title>, a meta description (the page's own, from front matter), and a
text alternative for every image and chart."""
from __future__ import annotations

from collections import Counter

import yaml
from bs4 import BeautifulSoup

from quality_kit import ROOT


def soup(page) -> BeautifulSoup:
    return BeautifulSoup(page.path.read_text(encoding="utf-8"), "lxml")


def front_matter(md_file) -> dict:
    text = md_file.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def test_titles_are_unique(pages):
    titles = {str(p): (soup(p).title.string or "").strip() if soup(p).title else "" for p in pages}
    assert all(titles.values()), [p for p, t in titles.items() if not t]
    dupes = {t: [p for p, u in titles.items() if u == t] for t, n in Counter(titles.values()).items() if n > 1}
    assert not dupes, f"pages sharing a <title>: {dupes}"


def test_every_page_has_a_meta_description(pages):
    missing = [str(p) for p in pages
               if not (m := soup(p).find("meta", attrs={"name": "description"})) or not m.get("content", "").strip()]
    assert not missing, f"no meta description: {missing}"


def test_each_docs_page_emits_its_own_description(built_site):
    problems = []
    for md in sorted((ROOT / "docs").glob("**/*.md")):
        rel = md.relative_to(ROOT / "docs").with_suffix("")
        html = built_site / (rel.parent if rel.name == "index" else rel) / "index.html"
        if not html.exists():
            continue                      # not in nav (a draft): MkDocs warns under strict
        wanted = " ".join(str(front_matter(md).get("description", "")).split())
        if not wanted:
            problems.append(f"{md.relative_to(ROOT)}: no `description:` in front matter")
            continue
        meta = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").find("meta", attrs={"name": "description"})
        if not meta or " ".join(meta["content"].split()) != wanted:
            problems.append(f"{md.relative_to(ROOT)}: meta description is not the front-matter one")
    assert not problems, "\n".join(problems)


def _has_name(el, doc) -> bool:
    if el.get("aria-label", "").strip():
        return True
    ids = el.get("aria-labelledby", "").split()
    if ids and all((t := doc.find(id=i)) is not None and t.get_text(strip=True) for i in ids):
        return True
    title = el.find("title", recursive=False)
    return bool(title and title.get_text(strip=True))


def test_images_and_charts_have_text_alternatives(pages):
    problems = []
    for page in pages:
        doc = soup(page)
        for img in doc.find_all("img"):
            decorative = img.get("alt") == "" and (img.get("role") in ("presentation", "none") or img.get("aria-hidden") == "true")
            if not decorative and not img.get("alt", "").strip():
                problems.append(f"{page}: <img src={img.get('src')!r}> without alt text")
        content = doc.find("article") or doc
        for svg in content.find_all("svg"):
            if svg.get("aria-hidden") == "true" or svg.find_parent(attrs={"aria-hidden": "true"}):
                continue
            if svg.find_parent("svg"):
                continue
            # an icon inside a link or button that has its own name is named by it
            holder = svg.find_parent(["a", "button", "label"])
            if holder is not None and (holder.get_text(strip=True) or holder.get("aria-label") or holder.get("title")):
                continue
            if svg.get("role") != "img" or not _has_name(svg, doc):
                problems.append(f"{page}: <svg id={svg.get('id')!r}> needs role=img and a name (aria-label/-labelledby/<title>)")
    assert not problems, "\n".join(problems[:40])
