"""Every download the site offers, generated from data/ at build time (never committed copies).

`download_files(site)` returns {path under the site: text}; add_to_files() hands them to
MkDocs as generated files, so Markdown links to them are checked like links to pages and work
under either URL style, online and from file://.

- the data files as CSV: results.csv and turnout.csv copied byte for byte, elections.csv flattened
  from elections.yaml; each chart's and table's numbers as its own CSV;
- datapackage.json, a Frictionless Data Package describing the three data CSVs;
- the bibliography (data/sources.yaml) as BibTeX, RIS and CSL-JSON.
"""
from __future__ import annotations

import csv
import io
import json

from . import charts, tables
from .bibliography import to_csl
from .site import Site

ROOT = "downloads"
ELECTION_COUNTS = ("eligible", "cast", "invalid", "ballots_used")
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def elections_csv(site: Site) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    head = ["id", "label", "kind", "date", "candidates_complete"]
    for k in ELECTION_COUNTS:
        head += [k, f"{k}_source"]
    w.writerow(head)
    for e in site.data.elections:
        row = [e["id"], e["label"], e["kind"], e["date"], "yes" if e["candidates_complete"] else "no"]
        for k in ELECTION_COUNTS:
            row += [e[k]["value"], e[k]["source"]] if k in e else ["", ""]
        w.writerow(row)
    return buf.getvalue()


def table_csv(site: Site, name: str) -> str:
    """The rows of the data file a table is built from: results.csv for one election, or turnout.csv."""
    if name == "turnout":
        return (site.data.data_dir / "turnout.csv").read_text(encoding="utf-8-sig")
    eid = name.removeprefix("results-")
    lines = (site.data.data_dir / "results.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)
    reader = csv.reader(lines)
    header = next(reader)
    col = header.index("election")
    keep = [line for line, row in zip(lines[1:], reader) if row[col] == eid]
    return lines[0] + "".join(keep)


def table_names(site: Site) -> list[str]:
    return sorted(tables.TABLES) + [f"results-{e['id']}" for e in site.data.elections]


def _field(name, type_, description, **extra):
    return {"name": name, "type": type_, "description": description, **extra}


def datapackage(site: Site) -> dict:
    src = lambda: _field("source", "string", "Source id in sources.bib / sources.json (data/sources.yaml)")  # noqa: E731
    counts = []
    for k in ELECTION_COUNTS:
        counts += [_field(k, "integer", f"Official count: {k.replace('_', ' ')} (blank: not published)"),
                   _field(f"{k}_source", "string", f"Source id of {k}")]
    resources = [
        {"name": "results", "path": "results.csv", "title": "Candidate votes per election round",
         "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "schema": {"fields": [
             _field("election", "string", "Election round id (elections.csv)"),
             _field("candidate", "string", "Candidate id"),
             _field("votes", "integer", "Votes for the candidate"),
             _field("reported_share_cast", "number", "Share of votes cast as printed by the source (blank: not printed)"),
             src()],
             "primaryKey": ["election", "candidate"],
             "foreignKeys": [{"fields": "election", "reference": {"resource": "elections", "fields": "id"}}]}},
        {"name": "turnout", "path": "turnout.csv", "title": "Turnout, 2005-2024, official and other published figures",
         "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "schema": {"fields": [
             _field("election", "string", "Election id"), _field("year", "integer", "Year"),
             _field("kind", "string", "presidential or parliamentary", constraints={"enum": ["presidential", "parliamentary"]}),
             _field("round", "integer", "Round"), _field("label", "string", "Label"),
             _field("turnout_pct", "number", "Turnout in per cent as published"),
             _field("official", "boolean", "yes: the official figure; no: another published figure",
                    trueValues=["yes"], falseValues=["no"]),
             src(), _field("note", "string", "Note")],
             "primaryKey": ["election", "source"]}},
        {"name": "elections", "path": "elections.csv", "title": "Official totals of each election round",
         "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "schema": {"fields": [
             _field("id", "string", "Election round id"), _field("label", "string", "Label"),
             _field("kind", "string", "presidential or parliamentary"), _field("date", "date", "Polling day"),
             _field("candidates_complete", "boolean", "yes: results.csv lists every candidate",
                    trueValues=["yes"], falseValues=["no"])] + counts,
             "primaryKey": ["id"]}},
    ]
    return {
        "profile": "tabular-data-package",
        "name": "iran-2024-election",
        "title": "Iran's 2024 presidential election: results, turnout and official totals",
        "description": "The data behind the explainer. Every row names its source; the sources are in "
                       "sources.bib, sources.ris and sources.json (CSL-JSON).",
        "licenses": [LICENSE],
        "resources": resources,
    }


# --- Bibliography exports ---------------------------------------------------------------------

BIBTEX_TYPES = {"report": "techreport", "article-journal": "article", "article-newspaper": "article",
                "article-magazine": "article", "book": "book", "chapter": "incollection",
                "dataset": "misc", "webpage": "misc", "post": "misc", "speech": "misc",
                "legislation": "misc", "interview": "misc"}
RIS_TYPES = {"report": "RPRT", "article-journal": "JOUR", "article-newspaper": "NEWS",
             "article-magazine": "MGZN", "book": "BOOK", "chapter": "CHAP", "dataset": "DATA",
             "webpage": "ELEC", "post": "BLOG", "speech": "SLIDE", "legislation": "STAT", "interview": "PCOMM"}
_TEX_ESCAPE = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
               "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(text: str) -> str:
    return "".join(_TEX_ESCAPE.get(c, c) for c in str(text))


def _bib_name(a: dict) -> str:
    if "literal" in a:
        return "{" + _tex(a["literal"]) + "}"  # braces: an organisation, not "Family, Given"
    return f"{_tex(a['family'])}, {_tex(a.get('given', ''))}".rstrip(", ")


def bibtex(site: Site) -> str:
    out = []
    for r in site.data.sources:
        fields = [("title", "{" + _tex(r["title"]) + "}")]
        if r.get("author"):
            fields.append(("author", " and ".join(_bib_name(a) for a in r["author"])))
        parts = r["issued"].split("-")
        fields.append(("year", parts[0]))
        fields.append(("date", r["issued"]))
        journal_key = {"report": "series", "webpage": "howpublished", "post": "howpublished",
                       "speech": "howpublished", "dataset": "howpublished"}.get(r["type"], "journal")
        if r.get("container-title"):
            fields.append((journal_key, _tex(r["container-title"])))
        if r.get("collection-title"):
            fields.append(("series", _tex(r["collection-title"])))
        if r.get("publisher"):
            fields.append(("institution" if r["type"] == "report" else "publisher", _tex(r["publisher"])))
        if r.get("publisher-place"):
            fields.append(("address", _tex(r["publisher-place"])))
        for key in ("volume", "issue", "page", "DOI", "language"):
            if r.get(key):
                fields.append(({"issue": "number", "page": "pages", "DOI": "doi"}.get(key, key), _tex(r[key])))
        if r.get("URL"):
            fields.append(("url", r["URL"]))
        if r.get("note_on_source"):
            fields.append(("note", _tex(r["note_on_source"])))
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        out.append(f"@{BIBTEX_TYPES[r['type']]}{{{r['id']},\n{body}\n}}\n")
    return "\n".join(out)


def ris(site: Site) -> str:
    out = []
    for r in site.data.sources:
        lines = [("TY", RIS_TYPES[r["type"]]), ("ID", r["id"]), ("TI", r["title"])]
        for a in r.get("author", []):
            lines.append(("AU", a.get("literal") or f"{a['family']}, {a.get('given', '')}".rstrip(", ")))
        lines.append(("PY", r["issued"].split("-")[0]))
        lines.append(("DA", r["issued"].replace("-", "/")))
        if r.get("container-title"):
            lines.append(("T2", r["container-title"]))
        if r.get("collection-title"):
            lines.append(("T3", r["collection-title"]))
        for key, tag in (("publisher", "PB"), ("publisher-place", "CY"), ("volume", "VL"), ("issue", "IS"),
                         ("page", "SP"), ("DOI", "DO"), ("URL", "UR"), ("language", "LA"), ("note_on_source", "N1")):
            if r.get(key):
                lines.append((tag, str(r[key])))
        lines.append(("ER", ""))
        out.append("\n".join(f"{tag}  - {value}".rstrip() for tag, value in lines) + "\n")
    return "\n".join(out)


def csl_json(site: Site) -> str:
    return json.dumps([to_csl(r) for r in site.data.sources], ensure_ascii=False, indent=1) + "\n"


# --- All of them ------------------------------------------------------------------------------

def download_files(site: Site) -> dict[str, str]:
    data_dir = site.data.data_dir
    files = {
        f"{ROOT}/results.csv": (data_dir / "results.csv").read_text(encoding="utf-8-sig"),
        f"{ROOT}/turnout.csv": (data_dir / "turnout.csv").read_text(encoding="utf-8-sig"),
        f"{ROOT}/elections.csv": elections_csv(site),
        f"{ROOT}/datapackage.json": json.dumps(datapackage(site), ensure_ascii=False, indent=1) + "\n",
        f"{ROOT}/sources.bib": bibtex(site),
        f"{ROOT}/sources.ris": ris(site),
        f"{ROOT}/sources.json": csl_json(site),
    }
    for name in charts.CHARTS:
        files[charts.download_path(name)] = charts.build_chart(site, name).csv_text()
    for name in table_names(site):
        files[tables.download_path(name)] = table_csv(site, name)
    return files


def add_to_files(files, config, **kwargs):
    """The downloads added to the build as generated files (on_files, from macros/hooks.py): not
    copied after the build, so that MkDocs checks Markdown links to them like links to pages and
    rewrites them for either URL style (online, and offline from file://)."""
    from mkdocs.structure.files import File

    for path, text in download_files(Site.of_build(config)).items():
        if files.get_file_from_path(path) is not None:
            files.remove(files.get_file_from_path(path))
        files.append(File.generated(config, path, content=text.encode("utf-8")))
    return files
