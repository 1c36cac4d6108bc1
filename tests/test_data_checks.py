"""Data that passes its schema but would make a wrong page or a wrong download stops the load,
naming the file, the record and the fault. Each case edits one thing in a copy of data/ and
loads it as the build does (macros.data.load_site_data), without building a site."""
from __future__ import annotations

import shutil

import pytest

from macros.data import load_site_data
from macros.errors import DataError
from sitebuild import DATA, edit


@pytest.fixture
def data(tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def load_fails(data, *words):
    with pytest.raises(DataError) as caught:
        load_site_data(data)
    message = str(caught.value)
    for w in words:
        assert w in message, f"message should name {w!r}: {message}"


def test_the_copy_of_the_real_data_loads(data):
    assert load_site_data(data).events


# An event's second date: "17 June 2026 or 18 June 2031" and "… or 1 January 2019" were printed
@pytest.mark.parametrize("other,words", [
    ("2026-06-16", ("is not after the event's date",)),
    ("2019-01-01", ("is not after the event's date",)),
    ("2026-06-31", ("not a real date",)),
    ("2026-07-03", ("after the date the account runs to",)),
])
def test_an_events_other_date_is_real_later_and_inside_the_record(data, other, words):
    edit(data / "events.yaml", 'date_or: "2026-06-18"', f'date_or: "{other}"')
    load_fails(data, "events.yaml", "record 'islamabad-memorandum', field 'date_or'", *words)


@pytest.mark.parametrize("value,words", [("2026-06-31", "not a real date"), ("2031-06-17", "is in the future")])
def test_a_reported_value_that_is_a_date_is_a_real_past_date(data, value, words):
    edit(data / "reported.yaml", "value: 80\n", f'value: "{value}"\n')
    load_fails(data, "reported.yaml", "record 'registered-2024', field 'value'", words)


def test_the_sources_are_searched_after_the_latest_report_they_found(data):
    # the home page said "When we last searched, in January 2025 … nothing after 2 July 2026"
    edit(data / "account.yaml", 'searched: "2026-12"', 'searched: "2025-01"')
    load_fails(data, "account.yaml", "field 'searched'", "before the date the account runs to")


def test_an_id_with_a_line_break_after_it(data):
    # a schema pattern ending in $ lets "x\n" through: the page got id="x\n"
    edit(data / "reported.yaml", "  - id: registered-2024\n", '  - id: "registered-2024\\n"\n')
    load_fails(data, "reported.yaml", "starts or ends with a space or a line break")


def test_a_date_in_arabic_indic_digits(data):
    edit(data / "reported.yaml", 'as_of: "2024-06-03"', 'as_of: "٢٠٢٤-06-03"')
    load_fails(data, "reported.yaml", "record 'registered-2024'", "as_of")


# The downloads are the CSV files as written, typed by datapackage.json: a cell the pages read one
# way must not ship another ("9,473,298" as an integer, "Yes" as a boolean, " pres-2024-r1" dropped
# from a table's download while its page showed it).
@pytest.mark.parametrize("old,new,words", [
    ("pres-2024-r1,jalili,9473298,", 'pres-2024-r1,jalili,"9,473,298",', ("line 3", "is not a whole number")),
    ("pres-2024-r1,jalili,9473298,", "pres-2024-r1,jalili,٩٤٧٣٢٩٨,", ("line 3", "is not a whole number")),
    ("pres-2024-r1,jalili,9473298,38.61,", "pres-2024-r1,jalili,9473298,3.861E1,", ("line 3", "is not a number")),
    ("pres-2024-r1,jalili,9473298,38.61,", "pres-2024-r1,jalili,9473298,3_8.61,", ("line 3", "is not a number")),
    ("pres-2024-r1,jalili,", " pres-2024-r1,jalili,", ("line 3, column 'election'", "spaces around it")),
    ("election,candidate,votes,", "election,candidate,votes,votes,", ("line 1", "'votes' is named twice")),
])
def test_a_csv_cell_is_read_as_the_data_package_declares_it(data, old, new, words):
    edit(data / "results.csv", old, new)
    load_fails(data, "results.csv", *words)


def test_a_csv_boolean_is_yes_or_no_in_lower_case(data):
    edit(data / "turnout.csv", "62.66,yes,", "62.66,Yes,")
    load_fails(data, "turnout.csv", "line 2", "official 'Yes' is not yes or no, in lower case")



# jsonschema names the regular expression a value fails, quotes whole files, and says "not valid
# under any of the given schemas": the message says what the field must be, in words.
@pytest.mark.parametrize("file,old,new,words", [
    ("reported.yaml", 'as_of: "2024-06-03"', 'as_of: "03/06/2024"',
     "it must be a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("reported.yaml", "value: 80\n", 'value: "80 hopefuls"\n', "it must be a count (a whole number), or a date"),
    ("reported.yaml", "  - id: registered-2024\n", "  - id: regіstered-2024\n",
     "U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I"),
    ("people.yaml", "persian: مسعود پزشکیان", "persian: مسعود پزشکیان\u200f",
     "U+200F RIGHT-TO-LEFT MARK"),
])
def test_a_value_of_the_wrong_form_is_explained_in_words(data, file, old, new, words):
    edit(data / file, old, new)
    load_fails(data, file, words)


def test_a_file_of_the_wrong_shape_is_not_quoted_whole(data):
    text = (data / "people.yaml").read_text(encoding="utf-8")
    (data / "people.yaml").write_text(text.replace("people:\n", "", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(data)
    assert "is not of type 'object'" in str(caught.value) and len(str(caught.value)) < 300, str(caught.value)[:300]


@pytest.mark.parametrize("where", ["end", "middle"])
def test_a_blank_line_in_a_csv_file_stops_the_load_naming_its_line(data, where):
    # the csv module skipped it; the downloads kept it: an invalid data package, or a traceback
    lines = (data / "results.csv").read_text(encoding="utf-8").splitlines()
    at = len(lines) + 1 if where == "end" else 3
    lines.insert(at - 1, "")
    (data / "results.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_fails(data, "results.csv", f"line {at}", "a blank line")


def test_a_spelling_shared_by_two_entries_stops_the_load(data):
    # search sent a reader typing "Masoud Pezeshkian" to Jalili's entry, "also written" so
    edit(data / "people.yaml", "aliases: [Said Jalili,", "aliases: [Masoud Pezeshkian, Said Jalili,")
    load_fails(data, "people.yaml", "record 'jalili', field 'aliases'", "'Masoud Pezeshkian' already names people record 'pezeshkian'")


def test_a_one_letter_glossary_term_stops_the_load(data):
    # every "a" on every page became a term with a tooltip
    edit(data / "glossary.yaml", "term: FATF\n", "term: a\n")
    load_fails(data, "glossary.yaml", "fatf")
