"""Each kind of bad input stops the build with a message naming the file, the record and the fault.

Every case breaks one thing in a copy of the real data (or the fixture page), builds the fixture
site strictly, and checks the exit status and the words of the message."""
from __future__ import annotations

import re

import pytest

from sitebuild import edit, mkdocs_build


def brief_alone(text: str) -> str:
    """The same YAML text, its `sources: [...]` list cut down to the brief."""
    return re.sub(r"sources: \[[^\]]*\]", "sources: [saraswat2024]", text)


def build_fails(site, *expected):
    result = mkdocs_build(site / "mkdocs.yml", site / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0, "the build should have failed"
    for words in expected:
        assert words in out, f"message should name {words!r}:\n{out[-2000:]}"
    return out


def test_fixture_site_builds_when_nothing_is_broken(fixture_site):
    result = mkdocs_build(fixture_site / "mkdocs.yml", fixture_site / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    html = (fixture_site / "out" / "index.html").read_text(encoding="utf-8")
    assert "53.67" in html and "10,415,991" in html


def test_unknown_citation_id(fixture_site):
    edit(fixture_site / "docs/index.md", 'cite("saraswat2024")', 'cite("no-such-source")')
    build_fails(fixture_site, "no-such-source", "docs/index.md", "unknown citation id")


def test_a_macros_error_is_said_by_a_quiet_build_too(fixture_site):
    # mkdocs-macros logs it as a warning, which -q hides: the build stopped and said nothing
    edit(fixture_site / "docs/index.md", 'cite("saraswat2024")', 'cite("no-such-source")')
    result = mkdocs_build(fixture_site / "mkdocs.yml", fixture_site / "out", quiet=True)
    assert result.returncode != 0
    assert "ERROR" in result.stderr and "no-such-source" in result.stderr and "unknown citation id" in result.stderr, \
        result.stderr[-2000:]


def test_a_template_syntax_error_names_the_file_and_its_line_in_a_quiet_build_too(fixture_site):
    # mkdocs-macros logs a syntax error as a warning, which -q hides, then exits with no word
    page = fixture_site / "docs/index.md"
    edit(page, '{{ cite("saraswat2024") }}', '{{ cite(("saraswat2024") }}')
    line = next(n for n, text in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1) if "cite((" in text)
    result = mkdocs_build(fixture_site / "mkdocs.yml", fixture_site / "out", quiet=True)
    assert result.returncode != 0
    assert f"docs/index.md, line {line}: template syntax error" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]


def test_an_unknown_macro_names_the_page_and_the_name_in_a_quiet_build_too(fixture_site):
    # mkdocs-macros raised UndefinedError as a warning, which -q hides, and exited 100
    edit(fixture_site / "docs/index.md", '{{ fig("pres-2024-r2', '{{ figure("pres-2024-r2')
    result = mkdocs_build(fixture_site / "mkdocs.yml", fixture_site / "out", quiet=True)
    assert result.returncode != 0
    assert "docs/index.md: unknown macro or variable 'figure'" in result.stderr, result.stderr[-2000:]


def test_a_note_written_by_hand_stops_the_build_naming_its_line(fixture_site):
    # Python-Markdown dropped it silently for the generated note of the same id
    page = fixture_site / "docs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[^saraswat2024]: A hand-written note.\n", encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    build_fails(fixture_site, f"docs/index.md, line {line}: a note written by hand")


@pytest.mark.parametrize("call", ["fig()", "fig(123)", "fig(None)", 'fig("pres-2024-r2.pezeshkian.share_cast", precision=2)',
                                  "cite(None)"])
def test_a_macro_called_wrongly_names_the_page_and_the_macro_in_a_quiet_build(fixture_site, call):
    edit(fixture_site / "docs/index.md", "# Fixture", f"# Fixture {{{{ {call} }}}}")
    result = mkdocs_build(fixture_site / "mkdocs.yml", fixture_site / "out", quiet=True)
    assert result.returncode != 0
    name = call.split("(")[0]
    assert f"docs/index.md: {{{{ {name}(…) }}}}:" in result.stderr, result.stderr[-2000:]


def test_a_percent_sign_in_a_macros_error_is_printed_by_mkdocs_macros_without_an_error_of_its_own():
    # mkdocs-macros writes the message into a %-format string: "39.92 % and" raised TypeError
    from types import SimpleNamespace

    from mkdocs_macros.errors import format_error

    from macros import MacroError
    page = SimpleNamespace(file=SimpleNamespace(src_path="results.md"))
    try:
        raise MacroError("data/brief_numbers.yaml: the official 39.92 % and the computed 39.93 % differ")
    except MacroError as error:
        shown = format_error(error, markdown="", page=page)
    assert "the official 39.92 % and the computed 39.93 % differ" in shown


def test_unknown_figure_id(fixture_site):
    edit(fixture_site / "docs/index.md", "pres-2024-r2.pezeshkian.share_cast", "pres-2024-r2.pezeshkian.shar")
    build_fails(fixture_site, "pres-2024-r2.pezeshkian.shar", "docs/index.md", "unknown figure id")


def test_unknown_table(fixture_site):
    edit(fixture_site / "docs/index.md", "results-pres-2024-r1", "results-pres-1999")
    build_fails(fixture_site, "results-pres-1999", "docs/index.md", "unknown table")


def test_undefined_template_variable(fixture_site):
    edit(fixture_site / "docs/index.md", "# Fixture", "# Fixture {{ not_a_macro }}")
    build_fails(fixture_site, "not_a_macro")


def test_missing_required_field(fixture_site):
    edit(fixture_site / "data/sources.yaml",
         "    title: \"Iran's Former President Rouhani Slams His Disqualification from Elections\"\n", "")
    build_fails(fixture_site, "data/sources.yaml", "ifp-2024-01-25-rouhani", "'title' is a required property")


def test_count_that_is_not_a_number(fixture_site):
    edit(fixture_site / "data/results.csv", "pres-2024-r1,jalili,9473298", "pres-2024-r1,jalili,9473z98")
    build_fails(fixture_site, "data/results.csv", "line 3", "candidate=jalili", "'9473z98' is not a whole number")


def test_a_negative_count(fixture_site):
    edit(fixture_site / "data/results.csv", "pres-2024-r1,jalili,9473298", "pres-2024-r1,jalili,-9473298")
    build_fails(fixture_site, "data/results.csv", "line 3", "candidate=jalili", "'-9473298' is not a whole number of 0 or more")


def test_duplicate_id_in_a_list(fixture_site):
    edit(fixture_site / "data/sources.yaml", "  - id: divsallar-2019", "  - id: sanaei-karami-2021")
    build_fails(fixture_site, "data/sources.yaml", "sanaei-karami-2021", "duplicate id")


def test_duplicate_key_in_a_mapping(fixture_site):
    # YAML loaders silently keep the last of two equal keys; ours refuses.
    edit(fixture_site / "data/elections.yaml", "    short: Runoff 2024\n", "    short: Runoff 2024\n    short: Second round\n")
    build_fails(fixture_site, "data/elections.yaml", "duplicate key 'short'")


def test_duplicate_row_in_a_csv(fixture_site):
    path = fixture_site / "data/results.csv"
    path.write_text(path.read_text() + "pres-2024-r2,jalili,1,,xinhua-2024-07-06-runoff\n")
    build_fails(fixture_site, "data/results.csv", "election=pres-2024-r2, candidate=jalili", "duplicate id")


def test_row_source_not_in_bibliography(fixture_site):
    edit(fixture_site / "data/results.csv", "206397,0.84,tasnim-2024-06-30-runoff", "206397,0.84,tasnim-typo")
    build_fails(fixture_site, "data/results.csv", "candidate=pourmohammadi", "'tasnim-typo' is not in the bibliography")


def test_figure_source_not_in_bibliography(fixture_site):
    edit(fixture_site / "data/elections.yaml", "cast: {value: 24535185, source: tasnim-2024-06-30-runoff}",
         "cast: {value: 24535185, source: nowhere}")
    build_fails(fixture_site, "data/elections.yaml", "pres-2024-r1", "'nowhere' is not in the bibliography")


def test_votes_that_do_not_add_up(fixture_site):
    edit(fixture_site / "data/results.csv", "pres-2024-r2,jalili,13538179", "pres-2024-r2,jalili,13538170")
    build_fails(fixture_site, "data/results.csv", "pres-2024-r2", "add up to 29,922,573", "29,922,582")


def test_published_share_that_disagrees_with_the_count(fixture_site):
    edit(fixture_site / "data/results.csv", "10415991,42.45", "10415991,44.45")
    build_fails(fixture_site, "data/results.csv", "pezeshkian", "reported share 44.45")


def test_published_shares_that_do_not_sum_to_100(fixture_site):
    # Each share within 0.01 of its count, so each passes alone; together with the invalid
    # share they sum to 99.96, further from 100 than rounding four shares allows.
    path = fixture_site / "data/results.csv"
    for old, new in (("10415991,42.45", "10415991,42.444"), ("9473298,38.61", "9473298,38.602"),
                     ("3383340,13.78", "3383340,13.781"), ("206397,0.84", "206397,0.832")):
        edit(path, old, new)
    build_fails(fixture_site, "data/results.csv", "pres-2024-r1", "not 100 % within rounding")


def test_malformed_yaml(fixture_site):
    edit(fixture_site / "data/derived.yaml", "  - id: conservative-decline\n", "  - id: [conservative-decline\n")
    build_fails(fixture_site, "data/derived.yaml", "YAML")


def test_missing_data_file(fixture_site):
    (fixture_site / "data/elections.yaml").unlink()
    build_fails(fixture_site, "data/elections.yaml", "missing")


def test_derived_formula_with_unknown_figure(fixture_site):
    edit(fixture_site / "data/derived.yaml", "pres-2024-r1.ghalibaf.votes", "pres-2024-r1.ghalibaff.votes")
    build_fails(fixture_site, "data/derived.yaml", "conservatives-2024-r1", "pres-2024-r1.ghalibaff.votes")


def test_turnout_with_two_official_rows(fixture_site):
    edit(fixture_site / "data/turnout.csv", "59.76,no,idea", "59.76,yes,idea")
    build_fails(fixture_site, "data/turnout.csv", "pres-2005-r2", "second row marked official")


def test_comparison_naming_an_unknown_figure(fixture_site):
    edit(fixture_site / "data/comparisons.yaml", "{figure: pres-2021-first.raisi.votes,", "{figure: pres-2021-first.raisi.vote,")
    build_fails(fixture_site, "data/comparisons.yaml", "raisi-2021-votes", "pres-2021-first.raisi.vote")


def test_comparison_with_two_official_figures(fixture_site):
    edit(fixture_site / "data/comparisons.yaml", "recomputed from the counts\", official: false}",
         "recomputed from the counts\", official: true}")
    build_fails(fixture_site, "data/comparisons.yaml", "runoff-turnout")


def test_impossible_date(fixture_site):
    edit(fixture_site / "data/sources.yaml", 'issued: "2024-07-12"', 'issued: "2024-02-30"')
    build_fails(fixture_site, "data/sources.yaml", "saraswat2024", "'issued'", "not a real date")


def test_unknown_person_in_a_page(fixture_site):
    edit(fixture_site / "docs/index.md", "# Fixture", '# Fixture\n\n{{ person("nobody") }}')
    build_fails(fixture_site, "docs/index.md", "'nobody'", "data/people.yaml")


def test_csv_saved_with_a_byte_order_mark_still_reads(fixture_site):
    path = fixture_site / "data/results.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = mkdocs_build(fixture_site / "mkdocs.yml", fixture_site / "out")
    assert result.returncode == 0, result.stderr[-2000:]


def test_renamed_csv_column(fixture_site):
    edit(fixture_site / "data/results.csv", "election,candidate,votes,", "election,candidate,vote,")
    build_fails(fixture_site, "data/results.csv", "line 2", "'votes' is a required property")


def test_a_page_using_macros_without_opting_in(fixture_site):
    # render_by_default is off: without the front matter key the macro would ship as text
    edit(fixture_site / "docs/people.md", "render_macros: true\n", "")
    build_fails(fixture_site, "docs/people.md", "template text '{{ people_list() }}'", "render_macros: true")


def test_a_data_value_that_reads_as_template_text(fixture_site):
    # escaped, so harmless as HTML, but a reader would see the braces
    edit(fixture_site / "data/people.yaml", "A heart surgeon of Azeri", "A heart surgeon {{ of }} Azeri")
    out = build_fails(fixture_site, "docs/people.md", "template text '{{ of }}'")
    assert "render_macros" not in out, "the page opted in: the hint would mislead"


def test_an_empty_cell_in_a_hand_written_table(fixture_site):
    edit(fixture_site / "docs/index.md", "# Fixture\n", "# Fixture\n\n| Figure | Value |\n|---|---|\n| turnout |  |\n")
    build_fails(fixture_site, "docs/index.md", "empty table cell")


def test_a_csv_saved_as_latin_1(fixture_site):
    path = fixture_site / "data/results.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_bytes("".join(lines[:3]).encode() + "pres-2024-r1,café,1,,saraswat2024\n".encode("latin-1")
                     + "".join(lines[3:]).encode())
    build_fails(fixture_site, "data/results.csv", "line 4", "not UTF-8 text (byte 0xe9)")


def test_an_empty_yaml_file(fixture_site):
    (fixture_site / "data/people.yaml").write_text("# people: to come\n", encoding="utf-8")
    build_fails(fixture_site, "data/people.yaml", "empty")


def test_a_schema_that_is_not_json(fixture_site):
    edit(fixture_site / "data/schema/people.schema.json", "{", "{,")
    build_fails(fixture_site, "data/schema/people.schema.json", "line 1, column 2", "not valid JSON")


def test_a_schema_that_is_not_a_json_schema(fixture_site):
    # "strin" would otherwise surface as jsonschema's UnknownType from inside a validation
    edit(fixture_site / "data/schema/people.schema.json", '"type": "string"', '"type": "strin"')
    build_fails(fixture_site, "data/schema/people.schema.json", "'strin'", "not a valid JSON Schema")


def test_two_glossary_entries_for_one_term(fixture_site):
    edit(fixture_site / "data/glossary.yaml", "term: FATF", "term: jcpoa")
    build_fails(fixture_site, "data/glossary.yaml", "record 'fatf'", "term 'jcpoa' is already defined by record 'jcpoa'")


def test_an_event_dated_in_the_future(fixture_site):
    edit(fixture_site / "data/events.yaml", 'date: "2019-11-15"', 'date: "2109-11-15"')
    build_fails(fixture_site, "data/events.yaml", "'fuel-price-protests'", "'2109-11-15' is in the future")


def test_a_claim_from_a_section_the_brief_does_not_have(fixture_site):
    edit(fixture_site / "data/claims.yaml", "    section: Conclusion\n", "    section: Conclusions\n")
    build_fails(fixture_site, "data/claims.yaml", "'Conclusions' is not one of")


def test_a_name_of_spaces_only(fixture_site):
    # minLength lets it through; sorting people by surname then crashed with an IndexError
    edit(fixture_site / "data/people.yaml", "name: Masoud Pezeshkian", 'name: "   "')
    build_fails(fixture_site, "data/people.yaml", "record 'pezeshkian'", "field 'name'", "is blank")


def test_nan_in_a_csv_number_column(fixture_site):
    # Decimal("nan") is a number to Python; the build crashed later with InvalidOperation
    edit(fixture_site / "data/results.csv", "206397,0.84,", "206397,nan,")
    build_fails(fixture_site, "data/results.csv", "line 5", "reported_share_cast 'nan' is not a number")


def test_a_yaml_number_that_is_not_finite(fixture_site):
    # YAML's .nan is a float: the schema's type and bounds let it through
    edit(fixture_site / "data/brief_numbers.yaml", "    value: 40\n", "    value: .nan\n")
    build_fails(fixture_site, "data/brief_numbers.yaml", "field 'value'", "nan is not a finite number")


def test_votes_cast_above_the_eligible_voters(fixture_site):
    edit(fixture_site / "data/elections.yaml", "cast: {value: 24535185,", "cast: {value: 99535185,")
    build_fails(fixture_site, "data/elections.yaml", "record 'pres-2024-r1'", "exceed the eligible voters 61,452,321")


def test_an_address_with_a_space_in_it(fixture_site):
    # the link would stop at the space and lead somewhere else
    edit(fixture_site / "data/sources.yaml", "URL: https://idsa.in/issuebrief/pezeshkians-victory-dsaraswat-120724",
         "URL: https://idsa.in/issuebrief/pezeshkians victory")
    build_fails(fixture_site, "data/sources.yaml", "record 'saraswat2024'", "field 'URL'")


def test_everyday_words_for_an_event_that_does_not_exist(fixture_site):
    edit(fixture_site / "data/synonyms.yaml", "target: event:oath", "target: event:no-such-event")
    build_fails(fixture_site, "synonyms.yaml", "event:no-such-event", "no event with id 'no-such-event'")


def test_everyday_words_for_a_kind_of_entry_there_is_not(fixture_site):
    edit(fixture_site / "data/synonyms.yaml", "target: event:oath", "target: source:oath")
    build_fails(fixture_site, "synonyms.yaml", "source:oath")


# --- What followed the brief: each rule stops the build naming file, entry and field ------------

def test_an_expectation_status_outside_the_vocabulary(fixture_site):
    edit(fixture_site / "data/expectations.yaml", "status: partly", "status: maybe")
    build_fails(fixture_site, "data/expectations.yaml", "record 'hijab', field 'status'", "'maybe' is not one of")


def test_an_event_after_the_brief_that_cites_only_the_brief(fixture_site):
    edit(fixture_site / "data/events.yaml", "sources: [saraswat2024, intellinews-2024-07-30-oath, mehr-2024-07-30-swearing-in, afp-etvbharat-2024-07-30-sworn-in]",
         "sources: [saraswat2024]")
    build_fails(fixture_site, "data/events.yaml", "record 'oath', field 'sources'", "cites only the brief")


def test_an_event_after_the_brief_with_no_source(fixture_site):
    edit(fixture_site / "data/events.yaml", "sources: [saraswat2024, intellinews-2024-07-30-oath, mehr-2024-07-30-swearing-in, afp-etvbharat-2024-07-30-sworn-in]",
         "sources: []")
    build_fails(fixture_site, "data/events.yaml", "record 'oath', field 'sources'", "should be non-empty")


def test_an_event_after_the_brief_without_a_strand(fixture_site):
    edit(fixture_site / "data/events.yaml", "    strand: office\n", "")
    build_fails(fixture_site, "data/events.yaml", "record 'endorsement-decree', field 'strand'", "needs a strand")


def test_a_strand_that_does_not_exist(fixture_site):
    edit(fixture_site / "data/events.yaml", "strand: office", "strand: offices")
    build_fails(fixture_site, "data/events.yaml", "record 'endorsement-decree', field 'strand'", "'offices' does not exist")


def test_an_event_dated_after_the_account_runs_to(fixture_site):
    edit(fixture_site / "data/account.yaml", 'runs_to: "2026-07-02"', 'runs_to: "2026-06-30"')
    build_fails(fixture_site, "data/events.yaml", "field 'date'", "after the date the account runs to (2026-06-30")


def test_evidence_dated_before_the_brief(fixture_site):
    edit(fixture_site / "data/expectations.yaml", 'date: "2024-11-30"', 'date: "2024-06-30"')
    build_fails(fixture_site, "data/expectations.yaml", "record 'hijab', evidence 1, field 'date'", "not after the brief")


def test_evidence_dated_after_the_account_runs_to(fixture_site):
    edit(fixture_site / "data/expectations.yaml", 'date: "2024-11-30"', 'date: "2026-08-01"')
    build_fails(fixture_site, "data/expectations.yaml", "record 'hijab', evidence 1, field 'date'", "after the date the account runs to")


def test_evidence_that_cites_only_the_brief(fixture_site):
    text = (fixture_site / "data/expectations.yaml").read_text(encoding="utf-8")
    first = re.search(r'date: "2024-11-30", text: "[^"]*", sources: \[[^\]]*\]', text).group(0)
    edit(fixture_site / "data/expectations.yaml", first, brief_alone(first))
    build_fails(fixture_site, "data/expectations.yaml", "record 'hijab', evidence 1, field 'sources'", "cites only the brief")


def test_a_since_then_note_pointing_to_an_unknown_event(fixture_site):
    edit(fixture_site / "data/since.yaml", "event: mojtaba-khamenei-leader", "event: mojtaba-named")
    build_fails(fixture_site, "data/since.yaml", "record 'leader-succeeded', field 'event'", "no event with id 'mojtaba-named'")


def test_a_person_naming_a_since_then_note_that_does_not_exist(fixture_site):
    edit(fixture_site / "data/people.yaml", "since: [khamenei-killed]", "since: [khamenei-dead]")
    build_fails(fixture_site, "data/people.yaml", "record 'khamenei', field 'since'", "no since-then note 'khamenei-dead'")


def test_the_last_event_of_the_account_must_exist(fixture_site):
    edit(fixture_site / "data/account.yaml", "last_event: doha-talks", "last_event: doha-round")
    build_fails(fixture_site, "data/account.yaml", "field 'last_event'", "'doha-round'")


# --- Box labels: a "Reported fact" rests on a source other than the brief -------------------------

def test_a_fact_box_citing_only_the_brief(fixture_site):
    edit(fixture_site / "docs/index.md", "{{ table(",
         '!!! fact "Reported fact"\n    Zakani had run Tehran as mayor since 2021.{{ cite("saraswat2024") }}\n\n{{ table(')
    build_fails(fixture_site, "docs/index.md", 'box 1 (fact: "Zakani had run Tehran as mayor since 2021.")',
                "rests on the brief alone", "!!! brief")


def test_a_fact_box_with_no_note_at_all(fixture_site):
    edit(fixture_site / "docs/index.md", "{{ table(", '!!! fact "Reported fact"\n    Turnout fell.\n\n{{ table(')
    build_fails(fixture_site, "docs/index.md", 'box 1 (fact: "Turnout fell.")', "rests on the brief alone")


def test_a_box_whose_title_is_not_its_kinds(fixture_site):
    edit(fixture_site / "docs/index.md", "{{ table(",
         '!!! brief "Reported fact"\n    Zakani withdrew.{{ cite("saraswat2024") }}\n\n{{ table(')
    build_fails(fixture_site, "docs/index.md", "box 1 (brief:", "titled 'Reported fact'", "'What the brief reports'")


def test_a_claim_filed_as_fact_on_the_brief_alone(fixture_site):
    text = (fixture_site / "data/claims.yaml").read_text(encoding="utf-8")
    record = re.search(r"  - id: ([a-z0-9-]+)\n(?:    .*\n)*?    kind: brief\n(?:    .*\n)+?", text)
    changed = brief_alone(record.group(0).replace("kind: brief", "kind: fact"))
    edit(fixture_site / "data/claims.yaml", record.group(0), changed)
    build_fails(fixture_site, "data/claims.yaml", f"record {record.group(1)!r}", "kind 'fact' rests on the brief alone")


def test_an_event_up_to_the_brief_out_of_date_order(fixture_site):
    # a year alone reads as 1 January: after an event of 18 June 2021 it would be listed first
    edit(fixture_site / "data/events.yaml", 'date: "2021-09-02"', 'date: "2021"')
    build_fails(fixture_site, "data/events.yaml", "record 'zakani-mayor', field 'date'", "starts earlier")


def test_an_official_turnout_that_differs_from_the_counts_without_a_reason(fixture_site):
    text = (fixture_site / "data/elections.yaml").read_text(encoding="utf-8")
    line = re.search(r"    turnout_differs: .*\n", text).group(0)
    edit(fixture_site / "data/elections.yaml", line, "")
    build_fails(fixture_site, "data/elections.yaml", "record 'pres-2024-r1'", "say why in 'turnout_differs'")


def test_a_correction_of_the_brief_that_cites_only_the_brief(fixture_site):
    text = (fixture_site / "data/claims.yaml").read_text(encoding="utf-8")
    block = re.search(r"    correction:\n      text: .*\n      sources: \[[^\]]*\]\n", text).group(0)
    edit(fixture_site / "data/claims.yaml", block, brief_alone(block))
    build_fails(fixture_site, "data/claims.yaml", "field 'correction'", "cites only the brief")


# --- What changed on the site: an entry stops the build naming file, entry and field ------------

def test_a_change_dated_after_the_build(fixture_site):
    # the build's date is SOURCE_DATE_EPOCH (tests/sitebuild.py sets it to the test run's start)
    edit(fixture_site / "data/changes.yaml", 'id: whats-new\n    date: "2026-12-06"', 'id: whats-new\n    date: "2109-12-06"')
    build_fails(fixture_site, "data/changes.yaml", "record 'whats-new', field 'date'", "'2109-12-06' is in the future")


def test_a_change_naming_a_page_that_does_not_exist(fixture_site):
    # The pages an entry names are checked where the list links them by their titles. The
    # fixture has four pages and the real entries name the site's others, so it gets a list of
    # its own: one entry on a page it has, one on a page misspelt.
    (fixture_site / "docs/whats-new.md").write_text(
        "---\ntitle: What's new\nrender_macros: true\n---\n\n# What's new\n\n{{ changes_list() }}\n", encoding="utf-8")
    (fixture_site / "data/changes.yaml").write_text(
        'changes:\n'
        '  - {id: people-listed, date: "2026-12-01", summary: "People are listed.", pages: [people.md]}\n'
        '  - {id: sources-listed, date: "2026-11-30", summary: "Sources are listed.", pages: [sources.md, source.md]}\n',
        encoding="utf-8")
    build_fails(fixture_site, "data/changes.yaml", "record 'sources-listed', field 'pages'", "page 'source.md' does not exist in docs/")


# --- A page's head: its description is the link card's text --------------------------------------

def test_front_matter_that_is_not_valid_yaml(fixture_site):
    # MkDocs read it as no front matter at all and left it in the page as text
    edit(fixture_site / "docs/index.md", 'title: Fixture\n', 'title: "Fixture\n')
    build_fails(fixture_site, "docs/index.md", "the front matter is not valid YAML")


def test_a_page_without_a_description(fixture_site):
    edit(fixture_site / "docs/index.md", 'description: "The fixture page: one figure and one citation from the real data."\n', "")
    build_fails(fixture_site, "docs/index.md", "front matter 'description'", "is missing")


def test_a_title_or_description_that_material_would_write_unescaped(fixture_site):
    # <title>Snap </title><script>… ran as a script; a plain quotation mark cut the description short
    edit(fixture_site / "docs/index.md", "title: Fixture\n", "title: 'Snap </title><script>alert(1)</script>'\n")
    build_fails(fixture_site, "docs/index.md", "front matter 'title'", "holds '<'")
    edit(fixture_site / "docs/index.md", "title: 'Snap </title><script>alert(1)</script>'\n", "title: Fixture\n")
    edit(fixture_site / "docs/index.md", 'description: "The fixture page:', 'description: "A \\"snap\\" vote; the fixture page:')
    build_fails(fixture_site, "docs/index.md", "front matter 'description'", "holds '\"'", "“ ”")


def test_a_description_longer_than_200_characters(fixture_site):
    edit(fixture_site / "docs/index.md", 'description: "The fixture page:', 'description: "' + "A very long description, " * 8)
    build_fails(fixture_site, "docs/index.md", "front matter 'description'", "characters long; 200 at most")
