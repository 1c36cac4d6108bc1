"""Load every file in data/, validate it against its schema, and check the links between files.

`load_site_data(data_dir)` is the only entry point; it raises DataError naming the file, the
record and the problem for the first thing that is wrong.
"""
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import DataError
from .loader import load_schema, read_csv, read_yaml, validate
from .numbers import date_of, places_of, round_half_up

# One entry per data file: (file name, top-level key, fields that identify a record).
YAML_FILES = {
    "sources": ("sources.yaml", ("id",)),
    "elections": ("elections.yaml", ("id",)),
    "derived": ("derived.yaml", ("id",)),
    "brief_numbers": ("brief_numbers.yaml", ("id",)),
    "people": ("people.yaml", ("id",)),
    "factions": ("factions.yaml", ("id",)),
    "events": ("events.yaml", ("id",)),
    "glossary": ("glossary.yaml", ("id",)),
    "claims": ("claims.yaml", ("id",)),
    "synonyms": ("synonyms.yaml", ("target",)),
    "comparisons": ("comparisons.yaml", ("id",)),
    "since": ("since.yaml", ("id",)),
    "expectations": ("expectations.yaml", ("id",)),
    "reported": ("reported.yaml", ("id",)),
    "changes": ("changes.yaml", ("id",)),
}
# One mapping, not a list of records: where the account stands (data/account.yaml).
ACCOUNT_FILE = "account.yaml"
# One mapping: how search reads a query (data/search_rules.yaml), handed to the search script.
SEARCH_RULES_FILE = "search_rules.yaml"
CSV_FILES = {
    "results": ("results.csv", ("election", "candidate")),
    "turnout": ("turnout.csv", ("election", "source")),
}
# Files that later issues fill; an absent one is an empty list, a present one is validated.
OPTIONAL = {"people", "factions", "events", "glossary", "claims", "synonyms", "comparisons", "since",
            "expectations", "reported"}
BOOLEAN_WORDS = {"yes": True, "no": False, "true": True, "false": False}


@dataclass
class SiteData:
    data_dir: Path
    sources: list = field(default_factory=list)
    elections: list = field(default_factory=list)
    derived: list = field(default_factory=list)
    brief_numbers: list = field(default_factory=list)
    people: list = field(default_factory=list)
    factions: list = field(default_factory=list)
    events: list = field(default_factory=list)
    glossary: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    synonyms: list = field(default_factory=list)
    comparisons: list = field(default_factory=list)
    since: list = field(default_factory=list)
    expectations: list = field(default_factory=list)
    reported: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    account: dict | None = None
    search_rules: dict | None = None
    results: list = field(default_factory=list)
    turnout: list = field(default_factory=list)

    def by_id(self, kind: str) -> dict:
        return {rec["id"]: rec for rec in getattr(self, kind)}

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


def _coerce_csv(rows: list[dict], schema: dict, path: Path, keys) -> list[dict]:
    """CSV cells are text: turn them into the schema's types, and drop blank cells
    (a blank means 'not published'), so that the schema sees real numbers or their absence."""
    props = schema["properties"][next(iter(schema["properties"]))]["items"]["properties"]
    ident = _ident(keys)
    out = []
    for n, row in enumerate(rows, start=2):
        rec = {}
        for col, text in row.items():
            if text == "":
                continue
            kind = props.get(col, {}).get("type")
            try:
                if kind == "integer":
                    rec[col] = int(text.replace(",", "")) if text.replace(",", "").isdigit() else _fail()
                elif kind == "number":
                    number = Decimal(text)
                    rec[col] = float(number) if number.is_finite() else _fail()   # "nan", "inf"
                elif kind == "boolean":
                    rec[col] = BOOLEAN_WORDS[text.lower()]
                else:
                    rec[col] = text
            except (ValueError, KeyError, InvalidOperation):
                what = {"integer": "a whole number of 0 or more", "number": "a number", "boolean": "yes or no"}[kind]
                raise DataError(str(path), f"line {n} ({ident(row)})", f"{col} {text!r} is not {what}") from None
        out.append(rec)
    return out


def _fail():
    raise ValueError


def _check_unique(records, keys, path: Path):
    seen = {}
    ident = _ident(keys)
    for n, rec in enumerate(records):
        key = tuple(rec.get(k) for k in keys)
        if key in seen:
            first = f"line {seen[key] + 2}" if path.suffix == ".csv" else f"record {seen[key] + 1}"
            raise DataError(str(path), f"record {ident(rec)!r}", f"duplicate id (first at {first})")
        seen[key] = n


def load_site_data(data_dir: Path) -> SiteData:
    data_dir = Path(data_dir)
    data = SiteData(data_dir=data_dir)
    for kind, (name, keys) in YAML_FILES.items():
        path = data_dir / name
        if kind in OPTIONAL and not path.exists():
            continue
        doc = read_yaml(path)
        validate(doc, load_schema(data_dir, kind), path, _ident(keys))
        _check_unique(doc[kind], keys, path)
        setattr(data, kind, doc[kind])
    for kind, name in (("account", ACCOUNT_FILE), ("search_rules", SEARCH_RULES_FILE)):
        path = data_dir / name
        if path.exists():
            doc = read_yaml(path)
            validate(doc, load_schema(data_dir, kind), path)
            setattr(data, kind, doc[kind])
    for kind, (name, keys) in CSV_FILES.items():
        path = data_dir / name
        schema = load_schema(data_dir, kind)
        rows = _coerce_csv(read_csv(path), schema, path, keys)
        validate({kind: rows}, schema, path, _ident(keys))
        _check_unique(rows, keys, path)
        setattr(data, kind, rows)
    _check_dates(data)
    _check_changes(data)
    _check_glossary_terms(data)
    _check_references(data)
    _check_sums(data)
    _check_after_the_brief(data)
    _check_claim_kinds(data)
    return data


DATE_FIELDS = {"sources": ("issued", "accessed"), "elections": ("date",), "events": ("date",),
               "reported": ("as_of",)}


def _check_dates(data: SiteData) -> None:
    """The schemas check a date's shape (YYYY, YYYY-MM, YYYY-MM-DD); this checks it is a real
    date, so that 2024-02-30 stops the build instead of failing inside a page."""
    for kind, fields in DATE_FIELDS.items():
        for rec in getattr(data, kind):
            for f in fields:
                if f not in rec:
                    continue
                _real_past_date(rec[f], (str(data.data_dir / YAML_FILES[kind][0]), f"record {rec['id']!r}, field {f!r}"))
    for rec in data.expectations:
        for n, ev in enumerate(rec["evidence"], start=1):
            _real_past_date(ev["date"], (str(data.data_dir / YAML_FILES["expectations"][0]),
                                         f"record {rec['id']!r}, evidence {n}, field 'date'"))
    if data.account:
        for f in ("brief_date", "runs_to", "searched"):
            _real_past_date(data.account[f], (str(data.data_dir / ACCOUNT_FILE), f"field {f!r}"))
    # The Timeline lists the events up to the brief in the file's order: each must start no
    # earlier than the one before it. A year alone counts from 1 January, so an event of
    # "2021" after one of 18 June 2021 needs its month (it read as earlier than it was).
    brief = date_of(data.account["brief_date"]) if data.account else None
    prev = None
    for rec in data.events:
        day = date_of(rec["date"])
        if brief is not None and day > brief:
            continue
        if prev is not None and day < prev[1]:
            raise DataError(str(data.data_dir / YAML_FILES["events"][0]), f"record {rec['id']!r}, field 'date'",
                            f"{rec['date']!r} comes after {prev[0]!r} ({prev[1].isoformat()}) but starts earlier: "
                            "keep the events in date order, and give a month or day where a year alone reads as earlier")
        prev = (rec["id"], day)


def _real_past_date(text: str, where: tuple[str, str], today=None) -> None:
    import datetime
    try:
        day = date_of(text)
    except ValueError as exc:
        raise DataError(*where, f"{text!r} is not a real date ({exc})") from None
    # every date here is of something that has happened (a vote, a publication, a
    # visit to a page): one after today is a typo, and a check that can only ever
    # stop failing as time passes
    today = today or datetime.date.today()
    if day > today:
        raise DataError(*where, f"{text!r} is in the future (after {today.isoformat()})")


def build_date():
    """The day of this build as MkDocs dates it: SOURCE_DATE_EPOCH when set (a reproducible
    build), else today, in UTC."""
    from mkdocs.utils import get_build_datetime
    return get_build_datetime().date()


def _check_changes(data: SiteData) -> None:
    """A change is recorded once it has landed: an entry dated after the build would be listed
    (and sent to feed readers) as done before it is. The pages an entry names are checked where
    they are linked by their titles (macros/changes.py), as an event's and a claim's are."""
    file = str(data.data_dir / YAML_FILES["changes"][0])
    today = build_date()
    for rec in data.changes:
        _real_past_date(rec["date"], (file, f"record {rec['id']!r}, field 'date'"), today)


def _check_glossary_terms(data: SiteData) -> None:
    """Two glossary entries for one term (in any case) would give it two definitions on hover
    and two entries in search: ids are unique by schema, terms are checked here."""
    seen = {}
    for rec in data.glossary:
        key = rec["term"].casefold()
        if key in seen:
            raise DataError(str(data.data_dir / YAML_FILES["glossary"][0]), f"record {rec['id']!r}",
                            f"term {rec['term']!r} is already defined by record {seen[key]!r}")
        seen[key] = rec["id"]


def _check_references(data: SiteData) -> None:
    """Every source id, candidate and election named anywhere exists where it should."""
    src = data.by_id("sources")
    d = data.data_dir

    def need_source(file, where, sid):
        if sid not in src:
            raise DataError(str(d / file), where, f"source {sid!r} is not in the bibliography (data/sources.yaml)")

    for e in data.elections:
        for k in ("eligible", "cast", "invalid", "ballots_used"):
            if k in e:
                need_source("elections.yaml", f"record {e['id']!r}, field {k!r}", e[k]["source"])
    elections = data.by_id("elections")
    people = data.by_id("people")
    for n, row in enumerate(data.results, start=2):
        where = f"line {n} (election={row['election']}, candidate={row['candidate']})"
        need_source("results.csv", where, row["source"])
        if row["election"] not in elections:
            raise DataError(str(d / "results.csv"), where, f"election {row['election']!r} is not in data/elections.yaml")
        if people and row["candidate"] not in people:
            raise DataError(str(d / "results.csv"), where, f"candidate {row['candidate']!r} is not in data/people.yaml")
    for n, row in enumerate(data.turnout, start=2):
        need_source("turnout.csv", f"line {n} (election={row['election']})", row["source"])
    for kind in ("people", "factions", "events", "glossary", "claims", "since", "reported"):
        file = YAML_FILES[kind][0]
        for rec in getattr(data, kind):
            for sid in rec.get("sources", ()):
                need_source(file, f"record {rec['id']!r}", sid)
    for rec in data.claims:
        if "correction" in rec:
            where = f"record {rec['id']!r}, field 'correction'"
            for sid in rec["correction"]["sources"]:
                need_source("claims.yaml", where, sid)
            if set(rec["correction"]["sources"]) <= data.brief_ids:
                raise DataError(str(d / "claims.yaml"), where, "a correction of the brief cites only the brief")
    for rec in data.expectations:
        for sid in rec["brief_sources"]:
            need_source("expectations.yaml", f"record {rec['id']!r}, field 'brief_sources'", sid)
        for n, ev in enumerate(rec["evidence"], start=1):
            for sid in ev["sources"]:
                need_source("expectations.yaml", f"record {rec['id']!r}, evidence {n}", sid)
    targets = {"person": data.by_id("people"), "faction": data.by_id("factions"), "glossary": data.by_id("glossary"),
               "event": data.by_id("events")}
    for syn in data.synonyms:
        kind, rid = syn["target"].split(":")
        if rid not in targets[kind]:
            raise DataError(str(d / "synonyms.yaml"), f"record {syn['target']!r}", f"no {kind} with id {rid!r}")
    official = {}
    for n, row in enumerate(data.turnout, start=2):
        if row["official"]:
            if row["election"] in official:
                raise DataError(str(d / "turnout.csv"), f"line {n} (election={row['election']})",
                                "a second row marked official for the same election")
            official[row["election"]] = row
    for row in data.turnout:
        if row["election"] not in official:
            raise DataError(str(d / "turnout.csv"), f"election {row['election']!r}", "no row is marked official")
    # One rule on every page: the official turnout first, ours beside it, and why they differ.
    for e in data.elections:
        row = official.get(e["id"])
        if row is None or "eligible" not in e:
            continue
        ours = Decimal(e["cast"]["value"]) * 100 / Decimal(e["eligible"]["value"])
        if round_half_up(ours, places_of(row["turnout_pct"])) != Decimal(str(row["turnout_pct"])) and not e.get("turnout_differs"):
            raise DataError(str(d / "elections.yaml"), f"record {e['id']!r}",
                            f"the official turnout {row['turnout_pct']} % (turnout.csv) differs from the counts' {ours:.2f} %: "
                            "say why in 'turnout_differs'")


def _check_sums(data: SiteData) -> None:
    """Candidates' votes add up to the valid total; published shares agree with the counts
    (to the 0.01 point that official shares are printed at, truncated or rounded) and sum to 100."""
    path = str(data.data_dir / "results.csv")
    for e in data.elections:
        rows = [r for r in data.results if r["election"] == e["id"]]
        if not rows:
            raise DataError(str(data.data_dir / "elections.yaml"), f"record {e['id']!r}", "no candidate rows in results.csv")
        cast = e["cast"]["value"]
        invalid = e.get("invalid", {}).get("value")
        total = sum(r["votes"] for r in rows)
        eligible = e.get("eligible", {}).get("value")
        if eligible is not None and cast > eligible:
            raise DataError(str(data.data_dir / "elections.yaml"), f"record {e['id']!r}",
                            f"votes cast {cast:,} exceed the eligible voters {eligible:,} (a turnout above 100%)")
        if invalid is not None and invalid > cast:
            raise DataError(str(data.data_dir / "elections.yaml"), f"record {e['id']!r}", f"invalid {invalid:,} exceeds votes cast {cast:,}")
        if e["candidates_complete"]:
            if invalid is None:
                raise DataError(str(data.data_dir / "elections.yaml"), f"record {e['id']!r}",
                                "candidates_complete needs the invalid count to check the valid total")
            if total != cast - invalid:
                raise DataError(path, f"election {e['id']!r}",
                                f"candidates' votes add up to {total:,}, but valid votes (cast {cast:,} − invalid {invalid:,}) are {cast - invalid:,}")
        elif total > cast:
            raise DataError(path, f"election {e['id']!r}", f"candidates' votes {total:,} exceed votes cast {cast:,}")
        shares = [r for r in rows if "reported_share_cast" in r]
        for r in shares:
            computed = Decimal(r["votes"]) * 100 / Decimal(cast)
            if abs(computed - Decimal(str(r["reported_share_cast"]))) >= Decimal("0.01"):
                raise DataError(path, f"election {e['id']!r}, candidate {r['candidate']!r}",
                                f"reported share {r['reported_share_cast']} % does not match {r['votes']:,} ÷ {cast:,} = {computed:.3f} %")
        if e["candidates_complete"] and len(shares) == len(rows):
            printed = sum(Decimal(str(r["reported_share_cast"])) for r in shares) + Decimal(invalid) * 100 / Decimal(cast)
            # Half a printed unit per term: each share may be off by rounding, not all by a full unit.
            if abs(printed - 100) > Decimal("0.005") * (len(shares) + 1):
                raise DataError(path, f"election {e['id']!r}",
                                f"reported shares plus the invalid share sum to {printed:.2f} %, not 100 % within rounding")


def _check_claim_kinds(data: SiteData) -> None:
    """A claim filed as a reported fact rests on a source other than the brief; one only the
    brief supports is filed as what the brief reports (kind 'brief'), as its box on the page is."""
    brief = data.brief_ids
    for rec in data.claims:
        if rec["kind"] == "fact" and set(rec["sources"]) <= brief:
            raise DataError(str(data.data_dir / "claims.yaml"), f"record {rec['id']!r}",
                            "kind 'fact' rests on the brief alone: add a source other than the brief, or make it kind 'brief'")


def _check_after_the_brief(data: SiteData) -> None:
    """What followed the brief is told apart from it, and only as far as the record runs:

    - an event after the brief's date sits in a known strand, is dated no later than the account
      runs to, and cites a source other than the brief (the brief cannot report its own future);
    - a 'since then' note points to an event that exists, and a person's notes exist;
    - an expectation's evidence is dated after the brief and no later than the account runs to,
      and rests on a source other than the brief."""
    d = data.data_dir
    acc = data.account
    if acc is None:
        if data.since or data.expectations:
            raise DataError(str(d / ACCOUNT_FILE), "file", "missing: since-then notes and expectations need the brief's date and the date the account runs to")
        return
    where_acc = str(d / ACCOUNT_FILE)
    if acc["brief_source"] not in data.by_id("sources"):
        raise DataError(where_acc, "field 'brief_source'", f"source {acc['brief_source']!r} is not in the bibliography (data/sources.yaml)")
    strands = [s["id"] for s in acc["strands"]]
    if len(set(strands)) != len(strands):
        raise DataError(where_acc, "field 'strands'", "a strand id is listed twice")
    brief, runs_to, only_brief = acc["brief_date"], acc["runs_to"], {acc["brief_source"]}
    if runs_to < brief:
        raise DataError(where_acc, "field 'runs_to'", f"{runs_to!r} is before the brief's date {brief!r}")
    events = data.by_id("events")
    if acc["last_event"] not in events:
        raise DataError(where_acc, "field 'last_event'", f"no event with id {acc['last_event']!r} in data/events.yaml")
    last = events[acc["last_event"]]
    latest = max(data.events, key=lambda e: e["date"])
    if latest["date"] > last["date"]:
        raise DataError(where_acc, "field 'last_event'",
                        f"event {latest['id']!r} ({latest['date']}) is later than {last['id']!r} ({last['date']}): name the latest event")
    file = str(d / YAML_FILES["events"][0])
    for ev in data.events:
        where = f"record {ev['id']!r}"
        if "strand" in ev and ev["strand"] not in strands:
            raise DataError(file, f"{where}, field 'strand'", f"strand {ev['strand']!r} does not exist (strands: {', '.join(strands)})")
        if not is_after(ev["date"], brief):
            continue
        if "strand" not in ev:
            raise DataError(file, f"{where}, field 'strand'", f"missing: an event after the brief ({brief}) needs a strand ({', '.join(strands)})")
        if set(ev["sources"]) <= only_brief:
            raise DataError(file, f"{where}, field 'sources'", f"an event after the brief ({brief}) cites only the brief: cite a report of the event")
        if ev["date"] > runs_to:
            raise DataError(file, f"{where}, field 'date'", f"{ev['date']!r} is after the date the account runs to ({runs_to}, data/account.yaml)")
    file = str(d / YAML_FILES["since"][0])
    for note in data.since:
        if note["event"] not in events:
            raise DataError(file, f"record {note['id']!r}, field 'event'", f"no event with id {note['event']!r} in data/events.yaml")
        if not is_after(events[note["event"]]["date"], brief):
            raise DataError(file, f"record {note['id']!r}, field 'event'", f"event {note['event']!r} is not after the brief ({brief})")
    notes = data.by_id("since")
    for kind in ("people", "factions"):
        for rec in getattr(data, kind):
            for nid in rec.get("since", ()):
                if nid not in notes:
                    raise DataError(str(d / YAML_FILES[kind][0]), f"record {rec['id']!r}, field 'since'", f"no since-then note {nid!r} in data/since.yaml")
    file = str(d / YAML_FILES["expectations"][0])
    for rec in data.expectations:
        for n, ev in enumerate(rec["evidence"], start=1):
            where = f"record {rec['id']!r}, evidence {n}"
            if not is_after(ev["date"], brief):
                raise DataError(file, f"{where}, field 'date'", f"{ev['date']!r} is not after the brief ({brief}): evidence is what followed it")
            if ev["date"] > runs_to:
                raise DataError(file, f"{where}, field 'date'", f"{ev['date']!r} is after the date the account runs to ({runs_to}, data/account.yaml)")
            if set(ev["sources"]) <= only_brief:
                raise DataError(file, f"{where}, field 'sources'", "evidence cites only the brief: cite a report of what happened")


def is_after(date: str, brief: str) -> bool:
    """A date strictly after the brief's. A month or year that holds the brief's day is not
    after it: the sources do not say on which side it fell."""
    return date > brief and not brief.startswith(date)
