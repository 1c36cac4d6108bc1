"""Read the files in data/: YAML that refuses duplicate keys, CSV with typed columns,
and JSON Schema validation that names the file and the record at fault."""
import csv
import hashlib
import io
import json
import math
import unicodedata
from pathlib import Path

import yaml

from .errors import DataError, named_characters

SCHEMA_DIR_NAME = "schema"
# The patterns the schemas share, in words: jsonschema names only the regular expression
PATTERN_WORDS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "an id: lower-case letters a-z and digits 0-9, in words joined by hyphens",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "a date written YYYY, YYYY-MM or YYYY-MM-DD",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date written YYYY-MM-DD",
    "^[\\u0600-\\u06FF\\u200c\\s]+$": "Persian script, spaces and the zero-width non-joiner",
}


# libyaml's parser when PyYAML was built with it (several times faster on big files).
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):
    """SafeLoader that raises on a duplicate mapping key instead of keeping the last one."""


def _construct_mapping(loader: _StrictLoader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            problem = f"duplicate key {key!r} (first at line {seen[key] + 1})"
            raise yaml.constructor.ConstructorError(None, None, problem, key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings, as written: schemas check their format and CSL wants the parts anyway.
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)


def _read_text(path: Path) -> str:
    """The file's text, decoded whole, so that a byte that is not UTF-8 (a spreadsheet saved as
    Latin-1 or Windows-1252, say) is named with its line in the file. Plain utf-8, not utf-8-sig:
    the latter counts an error's place from after the byte-order mark."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(str(path), "file", "missing") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError(str(path), f"line {line}",
                        f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8") from None


def read_yaml(path: Path):
    text = _read_text(path)
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise DataError(str(path), "YAML", str(exc).replace("\n", " ")) from None
    if data is None:
        raise DataError(str(path), "file", "empty (no data, only blank lines or comments)")
    return data


def read_csv(path: Path) -> list[dict]:
    """Rows as dicts of strings; the schema decides the types. A cell with spaces around it stops
    the build: the pages would read it trimmed, the downloads (the file as written) not."""
    # a spreadsheet's byte-order mark must not become part of the first header
    text = _read_text(path).removeprefix("\ufeff")
    # the csv module skips a blank line, the data package's readers do not (and the downloads
    # are the file as written): one stops the build, named
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            raise DataError(str(path), f"line {n}", "a blank line: a CSV file has none, not even at its end")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if twice := sorted({name for name in header if header.count(name) > 1}):
        raise DataError(str(path), "line 1", f"column {twice[0]!r} is named twice (the second would hide the first)")
    rows = list(reader)
    for n, row in enumerate(rows, start=2):
        if None in row:
            raise DataError(str(path), f"line {n}", "more cells than columns")
        if any(v is None for v in row.values()):
            raise DataError(str(path), f"line {n}", "fewer cells than columns")
        for column, cell in row.items():
            if cell != cell.strip():
                raise DataError(str(path), f"line {n}, column {column!r}", f"{cell!r} has spaces around it")
    return rows


def validate(instance, schema: dict, path: Path, id_of=None) -> None:
    """Validate against a JSON Schema; the first error names the record and the field.
    Data that passed is remembered in memory by its content and its schema's: `mkdocs serve`
    rebuilds in one process, and an unchanged file then costs a hash, not a validation."""
    key = ("data", hashlib.sha256(repr((instance, schema)).encode()).hexdigest())
    # repr, not JSON: exact (1, 1.0, True and "1" differ) and never fails (a YAML mapping may
    # mix number and text keys)
    if key not in _PASSED:
        _validate(instance, schema, path, id_of)
        _PASSED.add(key)


_PASSED: set[tuple[str, str]] = set()


def _validate(instance, schema: dict, path: Path, id_of) -> None:
    import jsonschema  # only when data or a schema changed (validate)

    validator = jsonschema.Draft202012Validator(schema)
    err = min(validator.iter_errors(instance), key=lambda e: list(e.absolute_path), default=None)
    if err is not None:
        raise DataError(str(path), _describe_path(instance, list(err.absolute_path), path, id_of), _message(err))
    for parts, problem in _blank_or_not_finite(instance):
        raise DataError(str(path), _describe_path(instance, parts, path, id_of), problem)


def _message(err) -> str:
    """jsonschema's message in words a data editor reads: the value cut short (a whole file was
    quoted), a pattern or a choice of forms said in words, and invisible or look-alike characters
    named ("registered-2024" with a Cyrillic i looks right)."""
    shown = repr(err.instance)
    text = err.message.replace(shown, shown[:60] + "…") if len(shown) > 80 else err.message
    if err.validator == "pattern" and err.validator_value in PATTERN_WORDS:
        text += f": it must be {PATTERN_WORDS[err.validator_value]}"
    elif err.validator in ("oneOf", "anyOf") and err.schema.get("description"):
        text += f": it must be {err.schema['description'][0].lower()}{err.schema['description'][1:]}"
    if err.validator == "pattern" and isinstance(err.instance, str):
        ascii_only = "\\u" not in err.validator_value
        odd = [c for c in err.instance if unicodedata.category(c) == "Cf" or (ascii_only and ord(c) > 127)]
        if odd:
            text += f"; it holds {named_characters(odd)}"
    return text


def _blank_or_not_finite(node, parts=()):
    """What a schema's minLength, pattern and number type let through, and a page would show as an
    empty heading, a broken id or 'nan': text of spaces only or with spaces or line breaks around it,
    and numbers that are not finite (YAML's .nan, .inf)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _blank_or_not_finite(value, (*parts, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _blank_or_not_finite(value, (*parts, n))
    elif isinstance(node, str) and node and not node.strip():
        yield list(parts), f"{node!r} is blank (spaces only)"
    elif isinstance(node, str) and node != node.strip():   # an id "x\n" passes a pattern ending in $
        yield list(parts), f"{node!r} starts or ends with a space or a line break"
    elif isinstance(node, float) and not math.isfinite(node):
        yield list(parts), f"{node!r} is not a finite number"


def _describe_path(instance, parts, path: Path, id_of) -> str:
    """Turn a JSON path like [3, 'votes'] into 'line 5 (election=..., candidate=...), field votes'."""
    label = []
    node = instance
    for part in parts:
        if isinstance(part, int) and isinstance(node, list):
            rid = id_of(node[part]) if id_of and isinstance(node[part], dict) else None
            if path.suffix == ".csv":
                label.append(f"line {part + 2}" + (f" ({rid})" if rid else ""))
            else:
                label.append(f"record {rid!r}" if rid else f"item {part + 1}")
        else:
            label.append(f"field {part!r}")
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return ", ".join(label) or "top level"


def load_schema(data_dir: Path, name: str) -> dict:
    path = data_dir / SCHEMA_DIR_NAME / f"{name}.schema.json"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(str(path), "schema", "missing") from None
    except json.JSONDecodeError as exc:
        raise DataError(str(path), f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}") from None
    key = ("schema", hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest())
    if key not in _PASSED:
        _check_schema(schema, path)
        _PASSED.add(key)
    return schema


def _check_schema(schema: dict, path: Path) -> None:
    import jsonschema  # only for a schema not checked before (load_schema)

    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "top level"
        raise DataError(str(path), f"schema at {where}", f"not a valid JSON Schema: {exc.message}") from None
