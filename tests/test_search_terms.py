"""Spellings added to the search index beyond those shown on each entry."""
from macros.search_terms import latin_variants, persian_variants, search_variants


def test_persian_typed_on_an_arabic_keyboard_is_covered():
    assert "پزشكيان" in persian_variants("پزشکیان")  # Arabic kaf and yeh


def test_zero_width_non_joiner_compounds_are_covered_with_space_and_without():
    forms = persian_variants("قاضی\u200cزاده")
    assert "قاضی زاده" in forms and "قاضیزاده" in forms


def test_latin_names_without_apostrophes_and_hyphens():
    assert "Khamenei" in latin_variants("Khamene'i")
    assert {"Pour Mohammadi", "PourMohammadi"} <= latin_variants("Pour-Mohammadi")


def test_variants_leave_out_what_the_entry_already_shows():
    rec = {"name": "Ali Khamenei", "aliases": ["Khamene'i", "Khamenei"], "persian": "علی خامنه‌ای"}
    out = search_variants(rec)
    assert "Khamenei" not in out and "Ali Khamenei" not in out
    assert "علي خامنه‌اي" in out


def test_synonym_targets_exist(site_data):
    kinds = {"person": site_data.by_id("people"), "faction": site_data.by_id("factions"),
             "glossary": site_data.by_id("glossary"), "event": site_data.by_id("events")}
    assert site_data.synonyms
    for syn in site_data.synonyms:
        kind, rid = syn["target"].split(":")
        assert rid in kinds[kind], syn["target"]
