"""Every download the site offers, generated from data/ at build time (never committed copies):
the data as CSV (each chart's and table's numbers too), datapackage.json, and the bibliography as
BibTeX, RIS and CSL-JSON."""
import csv
import io
import json
from pathlib import Path

from . import charts, tables
from .bibliography import to_csl
from .site import Site

ROOT = "downloads"
ELECTION_COUNTS = ("eligible", "cast", "invalid", "ballots_used")


def elections_csv(site: Site) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "label", "kind", "date", "candidates_complete"]
               + [column for k in ELECTION_COUNTS for column in (k, f"{k}_source")])
    w.writerows([e["id"], e["label"], e["kind"], e["date"], "yes" if e["candidates_complete"] else "no"]
                + [e[k][part] if k in e else "" for k in ELECTION_COUNTS for part in ("value", "source")]
                for e in site.data.elections)
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
    rows = csv.reader(lines)
    column = next(rows).index("election")
    return lines[0] + "".join(line for line, row in zip(lines[1:], rows) if row[column] == eid)


def datapackage(site: Site) -> dict:
    """datapackage.json, the Frictionless Data Package describing the three data CSVs."""
    return json.loads((Path(__file__).parent / "templates" / "datapackage.json").read_text(encoding="utf-8"))


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


def _bib_url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D")


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
        # an address keeps its characters, but braces, which would end the field, are percent-encoded
        fields += [(bib, _bib_url(r[key]) if key == "URL" else _tex(r[key]))
                   for key, bib in names.items() if r.get(key)]
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
        # a tag a line: a line break inside a value would start a line with no tag
        out.append("\n".join(f"{tag}  - {' '.join(value.split())}".rstrip() for tag, value in lines) + "\n")
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
    """The downloads added to the build as generated files, not copied after it: MkDocs checks
    links to them like links to pages and rewrites them for either URL style."""
    from mkdocs.structure.files import File

    for path, text in download_files(Site.of_build(config)).items():
        if files.get_file_from_path(path) is not None:
            files.remove(files.get_file_from_path(path))
        files.append(File.generated(config, path, content=text.encode("utf-8")))
    return files
