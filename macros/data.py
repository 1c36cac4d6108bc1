"""Load every file in data/, validate it against its schema, and check the links between files:
`load_site_data(data_dir)` raises DataError naming the file, the record and the first thing wrong."""
import datetime
import itertools
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from mkdocs.utils import get_build_datetime

from .errors import DataError
from .loader import load_schema, read_csv, read_yaml, validate
from .numbers import date_of, places_of, round_half_up

# Each kind of record is a list in data/<kind>.yaml (under the key <kind>) or the rows of data/<kind>.csv.
YAML_KINDS = ("sources", "elections", "derived", "brief_numbers", "people", "factions", "events", "glossary",
              "claims", "synonyms", "comparisons", "since", "expectations", "reported", "changes")
CSV_KINDS = ("results", "turnout")
# The fields that identify a record where its id does not.
KEYS = {"synonyms": ("target",), "results": ("election", "candidate"), "turnout": ("election", "source")}
# One mapping each, not a list of records: where the account stands (data/account.yaml), and how
# search reads a query (data/search_rules.yaml, handed to the search script).
MAPPINGS = ("account", "search_rules")
# Files that later issues fill; an absent one is an empty list, a present one is validated.
OPTIONAL = {"people", "factions", "events", "glossary", "claims", "synonyms", "comparisons", "since",
            "expectations", "reported"}
# A CSV cell as the data package (downloads/datapackage.json) declares its type, since the
# downloads are the files as written: digits 0-9 only, no thousands separator or exponent, and
# booleans as its trueValues and falseValues.
CELL = {"integer": re.compile(r"[0-9]+"), "number": re.compile(r"-?[0-9]+(?:\.[0-9]+)?")}
BOOLEAN_WORDS = {"yes": True, "no": False}
# What a CSV cell that cannot be read as its column's schema type is not.
NOT_A = {"integer": "a whole number of 0 or more, in the digits 0-9 alone",
         "number": "a number in the digits 0-9, with a point for decimals", "boolean": "yes or no, in lower case"}
# Dates of things that have happened (a vote, a publication, a visit to a page); an event's
# `date_or` is the other day sources give, and a reported value is a date where it is text.
DATE_FIELDS = {"sources": ("issued", "accessed"), "elections": ("date",), "events": ("date", "date_or"),
               "reported": ("as_of", "value")}
COUNTS = ("eligible", "cast", "invalid", "ballots_used")  # an election's counts, each with its source


class SiteData:
    """The records of data/, each kind's list under its name (`data.events`, `data.results`), and
    the mappings of MAPPINGS (`data.account`), None where their file is absent."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        for kind in YAML_KINDS + CSV_KINDS:
            setattr(self, kind, [])
        for kind in MAPPINGS:
            setattr(self, kind, None)

    def by_id(self, kind: str) -> dict:
        return {rec["id"]: rec for rec in getattr(self, kind)}

    def file(self, kind: str) -> str:
        """The path of a kind's file, as a message names it."""
        return str(self.data_dir / f"{kind}.{'csv' if kind in CSV_KINDS else 'yaml'}")

    @property
    def brief_ids(self) -> set[str]:
        """The bibliography ids that are the brief itself: what a reported fact, a claim filed
        as fact or a correction of the brief may not rest on alone."""
        ids = {s["id"] for s in self.sources if s.get("group") == "brief"}
        if self.account:
            ids.add(self.account["brief_source"])
        return ids


def _ident(keys):
    return lambda rec: ", ".join(f"{k}={rec.get(k)}" for k in keys) if len(keys) > 1 else rec.get(keys[0])


def _coerce_csv(rows: list[dict], columns: dict, path: Path, keys) -> list[dict]:
    """CSV cells are text: turn them into the schema's types, and drop blank cells
    (a blank means 'not published'), so that the schema sees real numbers or their absence."""
    out = []
    for n, row in enumerate(rows, start=2):
        rec = {}
        for col, text in row.items():
            kind = columns.get(col, {}).get("type")
            try:
                if text:
                    rec[col] = _cell(text, kind)
            except (ValueError, KeyError, InvalidOperation):
                raise DataError(str(path), f"line {n} ({_ident(keys)(row)})",
                                f"{col} {text!r} is not {NOT_A[kind]}") from None
        out.append(rec)
    return out


def _cell(text: str, kind: str | None):
    """A cell as its column's type; ValueError, KeyError or InvalidOperation where it is not one."""
    if kind == "integer" and CELL["integer"].fullmatch(text):  # no sign: counts are 0 or more
        return int(text)
    if kind == "number" and CELL["number"].fullmatch(text):   # not "nan" or "inf" either
        return float(Decimal(text))
    if kind == "boolean":
        return BOOLEAN_WORDS[text]
    if kind in NOT_A:
        raise ValueError(text)
    return text


def _check_unique(records, keys, path: Path):
    seen = {}
    for n, rec in enumerate(records):
        first = seen.setdefault(tuple(rec.get(k) for k in keys), n)
        if first != n:
            at = f"line {first + 2}" if path.suffix == ".csv" else f"record {first + 1}"
            raise DataError(str(path), f"record {_ident(keys)(rec)!r}", f"duplicate id (first at {at})")


def load_site_data(data_dir: Path) -> SiteData:
    data = SiteData(data_dir)
    for kind in YAML_KINDS:
        path, keys = data.data_dir / f"{kind}.yaml", KEYS.get(kind, ("id",))
        if kind in OPTIONAL and not path.exists():
            continue
        doc = read_yaml(path)
        validate(doc, load_schema(data.data_dir, kind), path, _ident(keys))
        _check_unique(doc[kind], keys, path)
        setattr(data, kind, doc[kind])
    for kind in MAPPINGS:
        path = data.data_dir / f"{kind}.yaml"
        if path.exists():
            doc = read_yaml(path)
            validate(doc, load_schema(data.data_dir, kind), path)
            setattr(data, kind, doc[kind])
    for kind in CSV_KINDS:
        path, keys, schema = data.data_dir / f"{kind}.csv", KEYS[kind], load_schema(data.data_dir, kind)
        rows = _coerce_csv(read_csv(path), schema["properties"][kind]["items"]["properties"], path, keys)
        validate({kind: rows}, schema, path, _ident(keys))
        _check_unique(rows, keys, path)
        setattr(data, kind, rows)
    for check in (_check_dates, _check_glossary_terms, _check_names, _check_references, _check_claims, _check_turnout,
                  _check_sums, _check_after_the_brief):
        check(data)
    return data


def _check_dates(data: SiteData) -> None:
    """The schemas check a date's shape (YYYY, YYYY-MM, YYYY-MM-DD); this checks it is a real
    date, so that 2024-02-30 stops the build instead of failing inside a page."""
    for kind, names in DATE_FIELDS.items():
        for rec in getattr(data, kind):
            for name in names:
                if isinstance(rec.get(name), str):
                    _real_past_date(rec[name], data.file(kind), f"record {rec['id']!r}, field {name!r}")
    for ev in data.events:
        if "date_or" in ev and date_of(ev["date_or"]) <= date_of(ev["date"]):
            raise DataError(data.file("events"), f"record {ev['id']!r}, field 'date_or'", f"{ev['date_or']!r} is not "
                            f"after the event's date {ev['date']!r}: it is the later of the two days sources give")
    for rec in data.expectations:
        for n, ev in enumerate(rec["evidence"], start=1):
            where = f"record {rec['id']!r}, evidence {n}, field 'date'"
            _real_past_date(ev["date"], data.file("expectations"), where)
    for name in ("brief_date", "runs_to", "searched") if data.account else ():
        _real_past_date(data.account[name], data.file("account"), f"field {name!r}")
    # The Timeline lists the events up to the brief in the file's order: each must start no
    # earlier than the one before it. A year alone counts from 1 January, so an event of
    # "2021" after one of 18 June 2021 needs its month (it read as earlier than it was).
    brief = date_of(data.account["brief_date"]) if data.account else datetime.date.max
    for before, ev in itertools.pairwise([ev for ev in data.events if date_of(ev["date"]) <= brief]):
        if date_of(ev["date"]) < date_of(before["date"]):
            raise DataError(data.file("events"), f"record {ev['id']!r}, field 'date'",
                            f"{ev['date']!r} comes after {before['id']!r} ({date_of(before['date']).isoformat()}) "
                            "but starts earlier: keep the events in date order, and give a month or day where a "
                            "year alone reads as earlier")
    # A change is recorded once it has landed: one dated after the build (SOURCE_DATE_EPOCH when
    # set, else today, in UTC) would be listed, and sent to feed readers, as done before it is.
    built = get_build_datetime().date()
    for rec in data.changes:
        _real_past_date(rec["date"], data.file("changes"), f"record {rec['id']!r}, field 'date'", built)


def _real_past_date(text: str, file: str, where: str, today=None) -> None:
    try:
        day = date_of(text)
    except ValueError as exc:
        raise DataError(file, where, f"{text!r} is not a real date ({exc})") from None
    # every date here is of something that has happened: one after today is a typo, and a
    # check that can only ever stop failing as time passes
    today = today or datetime.date.today()
    if day > today:
        raise DataError(file, where, f"{text!r} is in the future (after {today.isoformat()})")


def _check_glossary_terms(data: SiteData) -> None:
    """Two glossary entries for one term (in any case) would give it two definitions on hover
    and two entries in search: ids are unique by schema, terms are checked here."""
    seen = {}
    for rec in data.glossary:
        first = seen.setdefault(rec["term"].casefold(), rec["id"])
        if first != rec["id"]:
            raise DataError(data.file("glossary"), f"record {rec['id']!r}",
                            f"term {rec['term']!r} is already defined by record {first!r}")


def _check_names(data: SiteData) -> None:
    """A spelling (a name, term, expansion, short form or alias) belongs to one entry: search sends
    a reader who types it to that entry, and the entry shows it as "also written". A body's faction
    and glossary entries share their id and may share spellings."""
    owner = {}
    for kind, name_field in (("people", "name"), ("factions", "name"), ("glossary", "term")):
        for rec in getattr(data, kind):
            spellings = [(f, rec[f]) for f in (name_field, "expansion", "short") if rec.get(f)]
            for field, spelling in spellings + [("aliases", a) for a in rec.get("aliases", [])]:
                first = owner.setdefault(spelling.casefold(), (kind, rec["id"]))
                if first[1] != rec["id"]:
                    raise DataError(data.file(kind), f"record {rec['id']!r}, field {field!r}",
                                    f"{spelling!r} already names {first[0]} record {first[1]!r}")


def _cited(data: SiteData):
    """Each source id the data names: (kind of file, place in it, id)."""
    for e in data.elections:
        for count in COUNTS:
            if count in e:
                yield "elections", f"record {e['id']!r}, field {count!r}", e[count]["source"]
    for n, row in enumerate(data.results, start=2):
        yield "results", f"line {n} (election={row['election']}, candidate={row['candidate']})", row["source"]
    for n, row in enumerate(data.turnout, start=2):
        yield "turnout", f"line {n} (election={row['election']})", row["source"]
    for kind in ("people", "factions", "events", "glossary", "claims", "since", "reported"):
        for rec in getattr(data, kind):
            for sid in rec.get("sources", ()):
                yield kind, f"record {rec['id']!r}", sid
    for rec in data.claims:
        for sid in rec.get("correction", {}).get("sources", ()):
            yield "claims", f"record {rec['id']!r}, field 'correction'", sid
    for rec in data.expectations:
        for sid in rec["brief_sources"]:
            yield "expectations", f"record {rec['id']!r}, field 'brief_sources'", sid
        for n, ev in enumerate(rec["evidence"], start=1):
            for sid in ev["sources"]:
                yield "expectations", f"record {rec['id']!r}, evidence {n}", sid
    if data.account:
        yield "account", "field 'brief_source'", data.account["brief_source"]


def _check_references(data: SiteData) -> None:
    """Every source id, election, candidate and search word's entry named anywhere exists where
    it should."""
    sources = data.by_id("sources")
    for kind, where, sid in _cited(data):
        if sid not in sources:
            raise DataError(data.file(kind), where, f"source {sid!r} is not in the bibliography (data/sources.yaml)")
    elections, people = data.by_id("elections"), data.by_id("people")
    for n, row in enumerate(data.results, start=2):
        where = f"line {n} (election={row['election']}, candidate={row['candidate']})"
        if row["election"] not in elections:
            raise DataError(data.file("results"), where, f"election {row['election']!r} is not in data/elections.yaml")
        if people and row["candidate"] not in people:
            raise DataError(data.file("results"), where, f"candidate {row['candidate']!r} is not in data/people.yaml")
    targets = {"person": people, "faction": data.by_id("factions"), "glossary": data.by_id("glossary"),
               "event": data.by_id("events")}
    for syn in data.synonyms:
        kind, rid = syn["target"].split(":")
        if rid not in targets[kind]:
            raise DataError(data.file("synonyms"), f"record {syn['target']!r}", f"no {kind} with id {rid!r}")


def _check_claims(data: SiteData) -> None:
    """A claim rests on a source other than the brief where it is filed as a reported fact (one
    only the brief supports is kind 'brief', as its box on the page is), and so does its correction."""
    brief = data.brief_ids
    for rec in data.claims:
        if "correction" in rec and set(rec["correction"]["sources"]) <= brief:
            raise DataError(data.file("claims"), f"record {rec['id']!r}, field 'correction'",
                            "a correction of the brief cites only the brief")
        if rec["kind"] == "fact" and set(rec["sources"]) <= brief:
            raise DataError(data.file("claims"), f"record {rec['id']!r}", "kind 'fact' rests on the brief alone: "
                            "add a source other than the brief, or make it kind 'brief'")


def _check_turnout(data: SiteData) -> None:
    """One official turnout an election, and the rule on every page: the official turnout first,
    ours from the counts beside it, and why they differ."""
    official = {}
    for n, row in enumerate(data.turnout, start=2):
        if row["official"] and official.setdefault(row["election"], row) is not row:
            raise DataError(data.file("turnout"), f"line {n} (election={row['election']})",
                            "a second row marked official for the same election")
    for row in data.turnout:
        if row["election"] not in official:
            raise DataError(data.file("turnout"), f"election {row['election']!r}", "no row is marked official")
    for e in data.elections:
        row = official.get(e["id"])
        if row is None or "eligible" not in e or e.get("turnout_differs"):
            continue
        ours = Decimal(e["cast"]["value"]) * 100 / Decimal(e["eligible"]["value"])
        if round_half_up(ours, places_of(row["turnout_pct"])) != Decimal(str(row["turnout_pct"])):
            raise DataError(data.file("elections"), f"record {e['id']!r}",
                            f"the official turnout {row['turnout_pct']} % (turnout.csv) differs from the counts' "
                            f"{ours:.2f} %: say why in 'turnout_differs'")


def _check_sums(data: SiteData) -> None:
    """Candidates' votes add up to the valid total; published shares agree with the counts
    (to the 0.01 point that official shares are printed at, truncated or rounded) and sum to 100."""
    for e in data.elections:
        # a fault of the counts is the election's record; one of the votes, its rows in results.csv
        record = data.file("elections"), f"record {e['id']!r}"
        election = data.file("results"), f"election {e['id']!r}"
        rows = [r for r in data.results if r["election"] == e["id"]]
        if not rows:
            raise DataError(*record, "no candidate rows in results.csv")
        cast = e["cast"]["value"]
        invalid = e.get("invalid", {}).get("value")
        eligible = e.get("eligible", {}).get("value")
        total = sum(r["votes"] for r in rows)
        if eligible is not None and cast > eligible:
            raise DataError(*record, f"votes cast {cast:,} exceed the eligible voters {eligible:,} "
                            "(a turnout above 100%)")
        if invalid is not None and invalid > cast:
            raise DataError(*record, f"invalid {invalid:,} exceeds votes cast {cast:,}")
        if e["candidates_complete"] and invalid is None:
            raise DataError(*record, "candidates_complete needs the invalid count to check the valid total")
        if e["candidates_complete"] and total != cast - invalid:
            raise DataError(*election, f"candidates' votes add up to {total:,}, but valid votes "
                            f"(cast {cast:,} − invalid {invalid:,}) are {cast - invalid:,}")
        if not e["candidates_complete"] and total > cast:
            raise DataError(*election, f"candidates' votes {total:,} exceed votes cast {cast:,}")
        shares = [r for r in rows if "reported_share_cast" in r]
        for r in shares:
            computed = Decimal(r["votes"]) * 100 / Decimal(cast)
            if abs(computed - Decimal(str(r["reported_share_cast"]))) >= Decimal("0.01"):
                raise DataError(data.file("results"), f"election {e['id']!r}, candidate {r['candidate']!r}",
                                f"reported share {r['reported_share_cast']} % does not match "
                                f"{r['votes']:,} ÷ {cast:,} = {computed:.3f} %")
        if e["candidates_complete"] and len(shares) == len(rows):
            printed = sum(Decimal(str(r["reported_share_cast"])) for r in shares)
            printed += Decimal(invalid) * 100 / Decimal(cast)
            # Half a printed unit per term: each share may be off by rounding, not all by a full unit.
            if abs(printed - 100) > Decimal("0.005") * (len(shares) + 1):
                raise DataError(*election, f"reported shares plus the invalid share sum to {printed:.2f} %, "
                                "not 100 % within rounding")


def _check_after_the_brief(data: SiteData) -> None:
    """What followed the brief is told apart from it, and only as far as the record runs: an
    event after the brief's date sits in a known strand, is dated no later than the account runs
    to and cites a source other than the brief (the brief cannot report its own future); so does
    an expectation's evidence (no strand); a 'since then' note names an event after the brief."""
    acc = data.account
    if acc is None:
        if data.since or data.expectations:
            raise DataError(data.file("account"), "file", "missing: since-then notes and expectations need the "
                            "brief's date and the date the account runs to")
        return
    strands = [s["id"] for s in acc["strands"]]
    if len(set(strands)) != len(strands):
        raise DataError(data.file("account"), "field 'strands'", "a strand id is listed twice")
    brief, runs_to, only_brief = acc["brief_date"], acc["runs_to"], {acc["brief_source"]}
    if runs_to < brief:
        raise DataError(data.file("account"), "field 'runs_to'", f"{runs_to!r} is before the brief's date {brief!r}")
    if acc["searched"] < runs_to[:len(acc["searched"])]:
        raise DataError(data.file("account"), "field 'searched'", f"{acc['searched']!r} is before the date the account "
                        f"runs to ({runs_to}): sources are searched after the latest report they found")
    events = data.by_id("events")
    if acc["last_event"] not in events:
        raise DataError(data.file("account"), "field 'last_event'",
                        f"no event with id {acc['last_event']!r} in data/events.yaml")
    last, latest = events[acc["last_event"]], max(data.events, key=lambda e: e["date"])
    if latest["date"] > last["date"]:
        raise DataError(data.file("account"), "field 'last_event'", f"event {latest['id']!r} ({latest['date']}) is "
                        f"later than {last['id']!r} ({last['date']}): name the latest event")
    too_late = f"is after the date the account runs to ({runs_to}, data/account.yaml)"
    for ev in data.events:
        where = f"record {ev['id']!r}"
        if "strand" in ev and ev["strand"] not in strands:
            raise DataError(data.file("events"), f"{where}, field 'strand'",
                            f"strand {ev['strand']!r} does not exist (strands: {', '.join(strands)})")
        if not is_after(ev["date"], brief):
            continue
        if "strand" not in ev:
            raise DataError(data.file("events"), f"{where}, field 'strand'",
                            f"missing: an event after the brief ({brief}) needs a strand ({', '.join(strands)})")
        if set(ev["sources"]) <= only_brief:
            raise DataError(data.file("events"), f"{where}, field 'sources'",
                            f"an event after the brief ({brief}) cites only the brief: cite a report of the event")
        for name in ("date", "date_or"):
            if ev.get(name, "") > runs_to:
                raise DataError(data.file("events"), f"{where}, field {name!r}", f"{ev[name]!r} {too_late}")
    for note in data.since:
        where = f"record {note['id']!r}, field 'event'"
        if note["event"] not in events:
            raise DataError(data.file("since"), where, f"no event with id {note['event']!r} in data/events.yaml")
        if not is_after(events[note["event"]]["date"], brief):
            raise DataError(data.file("since"), where, f"event {note['event']!r} is not after the brief ({brief})")
    notes = data.by_id("since")
    for kind in ("people", "factions"):
        for rec in getattr(data, kind):
            for nid in rec.get("since", ()):
                if nid not in notes:
                    raise DataError(data.file(kind), f"record {rec['id']!r}, field 'since'",
                                    f"no since-then note {nid!r} in data/since.yaml")
    for rec in data.expectations:
        for n, ev in enumerate(rec["evidence"], start=1):
            where = f"record {rec['id']!r}, evidence {n}"
            if not is_after(ev["date"], brief):
                raise DataError(data.file("expectations"), f"{where}, field 'date'",
                                f"{ev['date']!r} is not after the brief ({brief}): evidence is what followed it")
            if ev["date"] > runs_to:
                raise DataError(data.file("expectations"), f"{where}, field 'date'", f"{ev['date']!r} {too_late}")
            if set(ev["sources"]) <= only_brief:
                raise DataError(data.file("expectations"), f"{where}, field 'sources'",
                                "evidence cites only the brief: cite a report of what happened")


def is_after(date: str, brief: str) -> bool:
    """A date strictly after the brief's. A month or year that holds the brief's day is not
    after it: the sources do not say on which side it fell."""
    return date > brief and not brief.startswith(date)
