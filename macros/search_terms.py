"""Other spellings a reader may type, generated from the aliases in data/: search (lunr) finds only
words on the page. Persian typed on an Arabic keyboard (ي for ی, ك for ک) or with a space or
nothing for the zero-width non-joiner; Latin names without apostrophes or hyphens (Khamene'i)."""
import json

ZWNJ = "\u200c"
ARABIC_FORMS = str.maketrans({"ی": "ي", "ک": "ك"})


def persian_variants(text: str) -> set[str]:
    forms = {text, text.replace(ZWNJ, ""), text.replace(ZWNJ, " ")}
    forms |= {f.translate(ARABIC_FORMS) for f in forms}
    return forms - {text}


def latin_variants(text: str) -> set[str]:
    forms = {text.replace("'", ""), text.replace("’", ""), text.replace("-", " "), text.replace("-", "")}
    return {f for f in forms if f != text}


def search_variants(record: dict) -> list[str]:
    """Spellings of a record to put in the search index beyond those shown on its entry."""
    shown = {record.get("name"), record.get("term"), record.get("short"), record.get("persian"),
             *record.get("aliases", [])} - {None}
    out: set[str] = set()
    if record.get("persian"):
        out |= persian_variants(record["persian"])
    for word in shown - {record.get("persian")}:
        out |= latin_variants(word)
    return sorted(out - shown)


RULES_SCRIPT = "assets/javascripts/search-rules.js"


def rules_script(rules: dict) -> str:
    """data/search_rules.yaml as a script setting a global for search-fuzzy.js (a <script> tag
    works from file:// too)."""
    body = json.dumps(rules, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f"// Written by the build from data/search_rules.yaml: edit that file, not this one.\nself.__searchRules = {body}\n"


def add_rules_script(files, config, **kwargs):
    """The rules script added to the build as a generated file (on_files, from macros/hooks.py)."""
    from mkdocs.structure.files import File

    from .site import Site

    site = Site.of_build(config)
    if site.data.search_rules is None:
        return files
    if files.get_file_from_path(RULES_SCRIPT) is not None:
        files.remove(files.get_file_from_path(RULES_SCRIPT))
    files.append(File.generated(config, RULES_SCRIPT, content=rules_script(site.data.search_rules).encode("utf-8")))
    return files
