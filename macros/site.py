"""The loaded site (data, bibliography, figures), built once a build, and what each page collects
while it renders (`PageState`). Nothing here imports mkdocs-macros: tests use both directly."""
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from mkdocs.utils.meta import get_data

from .bibliography import Bibliography
from .data import SiteData, load_site_data
from .errors import DataError, look_alikes
from .figures import Figure, build_figures
from .search_terms import search_variants


FIRST_WORD = re.compile(r"\w+")


@dataclass
class PageRef:
    src: str  # path under docs/, e.g. "results.md"
    url: str  # the built URL, e.g. "results/" or "results.html"
    title: str


def offline_build(config) -> bool:
    """Whether this is the offline build (OFFLINE=true switches on Material's offline plugin)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and bool(plugin.config.get("enabled"))


def print_site(config):
    """mkdocs-print-site-plugin where it is on and has made the print-all page, else None."""
    plugin = config.plugins.get("print-site")
    on = plugin is not None and plugin.config.get("enabled") and getattr(plugin, "print_page", None)
    return plugin if on else None


class Site:
    def __init__(self, data: SiteData):
        self.data = data
        self.bib = Bibliography(data.sources)
        self.figures: dict[str, Figure] = build_figures(data)
        for comp in data.comparisons:  # figure ids in data are checked now, not when a page asks
            for alt in comp["figures"]:
                if alt["figure"] not in self.figures:
                    raise DataError(str(data.data_dir / "comparisons.yaml"), f"record {comp['id']!r}",
                                    f"unknown figure {alt['figure']!r}")
        self.people = data.by_id("people")
        self.factions = data.by_id("factions")
        self.events = data.by_id("events")
        self.since_notes = data.by_id("since")
        # (kind, id) -> {page src: PageRef}: the "cited on" / "mentioned on" links, filled as pages render
        self.mentions: dict[tuple[str, str], dict[str, PageRef]] = defaultdict(dict)
        self._titles: dict[str, str] = {}
        # the page showing data/changes.yaml (macros/changes.py): the feed's entries link there
        self.changes_listed_on: PageRef | None = None

    @classmethod
    def load(cls, data_dir: Path) -> "Site":
        return cls(load_site_data(data_dir))

    @classmethod
    def of_build(cls, config) -> "Site":
        """The site mkdocs-macros loaded for this build, or data/ beside mkdocs.yml without it."""
        site = getattr(config.plugins.get("macros"), "site", None)
        return site if site is not None else cls.load(Path(config.config_file_path).parent / "data")

    def figure(self, fid: str, where: str) -> Figure:
        if fid not in self.figures:
            prefix = fid.split(".")[0]
            near = [k for k in self.figures if k.startswith(prefix + ".")][:8]
            hint = f" Known figures of {prefix!r}: {', '.join(near)}." if near else ""
            raise DataError(where, f"figure {fid!r}", f"unknown figure id{look_alikes(fid)}.{hint}")
        return self.figures[fid]

    def event(self, eid: str, where: str) -> dict:
        if eid not in self.events:
            raise ValueError(f"{where}: unknown event id {eid!r}{look_alikes(eid)} (not in data/events.yaml)")
        return self.events[eid]

    @cached_property
    def brief_ids(self) -> set[str]:
        return self.data.brief_ids  # once a build: macros/statement_boxes.py asks on every page

    @cached_property
    def official_turnout(self) -> list[dict]:
        """The official turnout rows, oldest first, as the table and the chart show them (a Majlis
        vote before the presidential rounds of the same year)."""
        official = [r for r in self.data.turnout if r["official"]]
        return sorted(official, key=lambda r: (r["year"], r["kind"] == "presidential", r["round"]))

    @cached_property
    def turnout_basis(self) -> str:
        """What the official turnouts divide, said under their table and their chart: votes cast by
        eligible voters, or the ballots used where an election records them (elections.yaml)."""
        elections = self.data.by_id("elections")
        by_ballots = [r["label"] for r in self.official_turnout if "ballots_used" in elections.get(r["election"], {})]
        others = f"; for {', '.join(by_ballots)}, ballots used" if by_ballots else ""
        return f"Turnout as announced: votes cast as a share of eligible voters{others}."

    @cached_property
    def glossary_by_first_word(self) -> dict[str, list[str]]:
        """Glossary terms by their first word: a page's terms are found by looking up its words."""
        index: dict[str, list[str]] = {}
        for rec in self.data.glossary:
            first = FIRST_WORD.match(rec["term"])
            index.setdefault(first.group(0) if first else rec["term"], []).append(rec["term"])
        return index

    @cached_property
    def abbreviation_lines(self) -> dict[str, str]:
        """Each glossary term's Python-Markdown abbreviation definition, in glossary order."""
        lines = {}
        for rec in self.data.glossary:
            text = (rec.get("expansion") + ": " if rec.get("expansion") else "") + rec["definition"]
            lines[rec["term"]] = f"*[{rec['term']}]: {' '.join(text.split())}"
        return lines

    @cached_property
    def spellings(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(kind, id) -> every way of writing a person's or a faction's name, shown or derived."""
        out = {}
        for kind, records in (("person", self.people), ("faction", self.factions)):
            for rid, rec in records.items():
                shown = [rec["name"], rec.get("short"), rec.get("persian"), *rec.get("aliases", [])]
                out[(kind, rid)] = tuple(dict.fromkeys(w for w in [*shown, *search_variants(rec)] if w))
        return out

    def page_title(self, src: str, named_by: tuple[str, str] = ("data/", "a record")) -> str:
        """A page's title from its front matter; `named_by` (file, record) names who asked for it."""
        if src not in self._titles:
            path = self.data.data_dir.parent / "docs" / src
            if not path.exists():
                raise DataError(named_by[0], named_by[1], f"page {src!r} does not exist in docs/")
            _, meta = get_data(path.read_text(encoding="utf-8"))  # front matter, read as MkDocs reads it
            self._titles[src] = meta.get("title") or src.removesuffix(".md").replace("-", " ").capitalize()
        return self._titles[src]

    def mention(self, kind: str, rid: str, page: "PageState") -> None:
        self.mentions[(kind, rid)][page.ref.src] = page.ref


@dataclass
class PageState:
    ref: PageRef
    notes: list[str] = field(default_factory=list)  # source ids in order of first citation
    tables: int = 0
    charts: int = 0
    figs: int = 0  # numbers shown with fig(): gives each provenance popover a unique id
    glossary_listed: bool = False  # the page lists the glossary: its terms are defined in place

    @property
    def where(self) -> str:
        return f"docs/{self.ref.src}"

    def link(self, target_src: str, anchor: str = "") -> str:
        """A Markdown link target from this page to another page under docs/."""
        rel = posixpath.relpath(target_src, posixpath.dirname(self.ref.src) or ".")
        return rel + (f"#{anchor}" if anchor else "")
