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


def data_csv(site: Site, name: str) -> str:
    """data/<name>.csv as published: byte for byte, less any byte order mark."""
    return (site.data.data_dir / f"{name}.csv").read_text(encoding="utf-8-sig")


def table_csv(site: Site, name: str) -> str:
    """The rows of the data file a table is built from: results.csv for one election, or turnout.csv."""
    if name == "turnout":
        return data_csv(site, "turnout")
    eid = name.removeprefix("results-")
    lines = data_csv(site, "results").splitlines(keepends=True)
    reader = csv.reader(lines)
    header = next(reader)
    col = header.index("election")
    keep = [line for line, row in zip(lines[1:], reader) if row[col] == eid]
    return lines[0] + "".join(keep)


def _field(name, type_, description, **extra):
    return {"name": name, "type": type_, "description": description, **extra}


def _csv_resource(name: str, title: str, fields: list, **schema) -> dict:
    return {"name": name, "path": f"{name}.csv", "title": title, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields, **schema}}


def datapackage(site: Site) -> dict:
    src = _field("source", "string", "Source id in sources.bib / sources.json (data/sources.yaml)")
    counts = []
    for k in ELECTION_COUNTS:
        counts += [_field(k, "integer", f"Official count: {k.replace('_', ' ')} (blank: not published)"),
                   _field(f"{k}_source", "string", f"Source id of {k}")]
    resources = [
        _csv_resource("results", "Candidate votes per election round", [
            _field("election", "string", "Election round id (elections.csv)"),
            _field("candidate", "string", "Candidate id"),
            _field("votes", "integer", "Votes for the candidate"),
            _field("reported_share_cast", "number", "Share of votes cast as printed by the source (blank: not printed)"),
            src],
            primaryKey=["election", "candidate"],
            foreignKeys=[{"fields": "election", "reference": {"resource": "elections", "fields": "id"}}]),
        _csv_resource("turnout", "Turnout, 2005-2024, official and other published figures", [
            _field("election", "string", "Election id"), _field("year", "integer", "Year"),
            _field("kind", "string", "presidential or parliamentary", constraints={"enum": ["presidential", "parliamentary"]}),
            _field("round", "integer", "Round"), _field("label", "string", "Label"),
            _field("turnout_pct", "number", "Turnout in per cent as published"),
            _field("official", "boolean", "yes: the official figure; no: another published figure",
                   trueValues=["yes"], falseValues=["no"]),
            src, _field("note", "string", "Note")],
            primaryKey=["election", "source"]),
        _csv_resource("elections", "Official totals of each election round", [
            _field("id", "string", "Election round id"), _field("label", "string", "Label"),
            _field("kind", "string", "presidential or parliamentary"), _field("date", "date", "Polling day"),
            _field("candidates_complete", "boolean", "yes: results.csv lists every candidate",
                   trueValues=["yes"], falseValues=["no"])] + counts,
            primaryKey=["id"]),
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
# CSL field -> RIS tag, in the order they are written
RIS_FIELDS = {"container-title": "T2", "collection-title": "T3", "publisher": "PB", "publisher-place": "CY",
              "volume": "VL", "issue": "IS", "page": "SP", "DOI": "DO", "URL": "UR", "language": "LA",
              "note_on_source": "N1"}
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
        fields += [("year", r["issued"].split("-")[0]), ("date", r["issued"])]
        journal_key = {"report": "series", "webpage": "howpublished", "post": "howpublished",
                       "speech": "howpublished", "dataset": "howpublished"}.get(r["type"], "journal")
        # CSL field -> BibTeX field, in the order they are written
        names = {"container-title": journal_key, "collection-title": "series",
                 "publisher": "institution" if r["type"] == "report" else "publisher",
                 "publisher-place": "address", "volume": "volume", "issue": "number", "page": "pages",
                 "DOI": "doi", "language": "language", "URL": "url", "note_on_source": "note"}
        fields += [(bib, r[key] if key == "URL" else _tex(r[key])) for key, bib in names.items() if r.get(key)]
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        out.append(f"@{BIBTEX_TYPES[r['type']]}{{{r['id']},\n{body}\n}}\n")
    return "\n".join(out)


def ris(site: Site) -> str:
    out = []
    for r in site.data.sources:
        lines = [("TY", RIS_TYPES[r["type"]]), ("ID", r["id"]), ("TI", r["title"])]
        for a in r.get("author", []):
            lines.append(("AU", a.get("literal") or f"{a['family']}, {a.get('given', '')}".rstrip(", ")))
        lines += [("PY", r["issued"].split("-")[0]), ("DA", r["issued"].replace("-", "/"))]
        lines += [(tag, str(r[key])) for key, tag in RIS_FIELDS.items() if r.get(key)]
        lines.append(("ER", ""))
        out.append("\n".join(f"{tag}  - {value}".rstrip() for tag, value in lines) + "\n")
    return "\n".join(out)


def csl_json(site: Site) -> str:
    return json.dumps([to_csl(r) for r in site.data.sources], ensure_ascii=False, indent=1) + "\n"


# --- All of them ------------------------------------------------------------------------------

def download_files(site: Site) -> dict[str, str]:
    files = {
        f"{ROOT}/results.csv": data_csv(site, "results"),
        f"{ROOT}/turnout.csv": data_csv(site, "turnout"),
        f"{ROOT}/elections.csv": elections_csv(site),
        f"{ROOT}/datapackage.json": json.dumps(datapackage(site), ensure_ascii=False, indent=1) + "\n",
        f"{ROOT}/sources.bib": bibtex(site),
        f"{ROOT}/sources.ris": ris(site),
        f"{ROOT}/sources.json": csl_json(site),
    }
    for name in charts.CHARTS:
        files[charts.download_path(name)] = charts.build_chart(site, name).csv_text()
    for name in tables.table_names(site):
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
