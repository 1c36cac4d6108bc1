"""macros/loader: a data file that is not UTF-8 is named with the line where it stops being so,
however far into the file that is (a text reader decoding in chunks counts from its chunk)."""
from __future__ import annotations

import pytest

from macros.errors import DataError
from macros.loader import read_csv, read_yaml


def test_the_line_of_a_latin_1_byte_deep_in_a_big_csv(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(b"a,b\n" + b"1,plain ascii text well past one read chunk\n" * 20_000 + "2,café\n".encode("latin-1"))
    with pytest.raises(DataError) as err:
        read_csv(path)
    assert "line 20002" in str(err.value) and "byte 0xe9" in str(err.value)


def test_a_byte_order_mark_does_not_shift_the_line(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(b"\xef\xbb\xbfa,b\n1,2\n" + "3,Zanjānī\n".encode("utf-8") + b"4,\x96\n")
    with pytest.raises(DataError) as err:
        read_csv(path)
    assert "line 4" in str(err.value) and "byte 0x96" in str(err.value)


def test_yaml_in_windows_1252(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_bytes("people:\n  - name: Pezeshkian\n    summary: “balanced”\n".encode("cp1252"))
    with pytest.raises(DataError, match=r"line 3: not UTF-8 text \(byte 0x93\)"):
        read_yaml(path)


def test_a_schema_is_checked_once_and_again_when_it_changes(tmp_path, monkeypatch):
    from macros import loader
    data = tmp_path / "data"
    (data / "schema").mkdir(parents=True)
    schema = data / "schema" / "things.schema.json"
    schema.write_text('{"type": "object"}', encoding="utf-8")
    checks = []
    real = loader._check_schema
    monkeypatch.setattr(loader, "_check_schema", lambda s, p: checks.append(p) or real(s, p))
    assert loader.load_schema(data, "things") == {"type": "object"}
    assert loader.load_schema(data, "things") == {"type": "object"}
    assert len(checks) == 1, "a schema that passed should be remembered in this process"
    schema.write_text('{"type": "objekt"}', encoding="utf-8")
    with pytest.raises(DataError, match="not a valid JSON Schema"):
        loader.load_schema(data, "things")
    assert len(checks) == 2


def test_data_that_passed_is_validated_once_and_again_when_it_or_its_schema_changes(tmp_path, monkeypatch):
    from macros import loader
    path = tmp_path / "data" / "things.yaml"
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}}
    runs = []
    real = loader._validate
    monkeypatch.setattr(loader, "_validate", lambda *a: runs.append(1) or real(*a))
    loader.validate({"n": 1}, schema, path)
    loader.validate({"n": 1}, schema, path)
    assert len(runs) == 1, "data that passed should be remembered in this process"
    loader.validate({"n": 2}, schema, path)
    loader.validate({"n": 2}, {**schema, "required": ["n"]}, path)
    assert len(runs) == 3


def test_data_that_failed_is_never_remembered(tmp_path):
    from macros import loader
    path = tmp_path / "data" / "things.yaml"
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}}
    for _ in range(2):
        with pytest.raises(DataError, match="things.yaml.*field 'n'.*not of type 'integer'"):
            loader.validate({"n": "one"}, schema, path)
        with pytest.raises(DataError, match="is blank"):
            loader.validate({"n": 1, "note": "   "}, schema, path)
    assert not any(k[0] == "data" and "one" in k[1] for k in loader._PASSED)  # a hash, never the failing data


def test_a_mapping_with_number_and_text_keys_is_still_reported_by_the_schema(tmp_path):
    from macros import loader
    schema = {"type": "object", "additionalProperties": False, "properties": {"b": {"type": "integer"}}}
    with pytest.raises(DataError, match="things.yaml"):
        loader.validate({1: "a", "b": 2}, schema, tmp_path / "data" / "things.yaml")
