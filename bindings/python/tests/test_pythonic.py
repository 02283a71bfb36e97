"""The Pythonic layer (tsi/__init__.py): documents as dict/list or JSON text, the names without
`_json`, records as real dataclasses. Each answer is compared with the JSON-text call."""
import dataclasses
import inspect
import json
from pathlib import Path

import pytest
import tsi

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
PLAN = json.loads((EXAMPLES / "sip" / "invalid.json").read_text(encoding="utf-8"))


def test_a_document_as_a_dict_answers_as_its_json_text():
    as_text = tsi.validate_sip_json(json.dumps(PLAN, ensure_ascii=False), "sv")
    as_dict = tsi.validate_sip_json(PLAN, "sv")
    assert not as_text.valid and as_dict == as_text and as_dict.findings


def test_documents_as_lists_and_tuples_and_in_methods():
    acc = tsi.StatsAccumulator("2026-12-01T12:00:00+01:00")
    assert acc.add([]) == acc.add("[]") == acc.add(()) is not None
    assert tsi.verify_audit_chain_json([], "en") == tsi.verify_audit_chain_json("[]", "en")


def test_values_json_cannot_hold_are_wrong_type_naming_the_argument():
    for bad in ({"x": float("nan")}, {"x": {1, 2}}, [object()], {"x": float("inf")}):
        with pytest.raises(tsi.TsiError.Invalid) as e:
            tsi.validate_sip(bad, "en")
        assert (e.value.code, e.value.path) == ("JSON_WRONG_TYPE", "/sip_json")
    loop = []
    loop.append(loop)
    with pytest.raises(tsi.TsiError.Invalid) as e:
        tsi.validate_sip(loop, "en")
    assert e.value.code == "JSON_WRONG_TYPE"
    with pytest.raises(tsi.TsiError.Invalid) as e:
        tsi.validate_sip(42, "en")  # not a document at all
    assert e.value.code == "JSON_WRONG_TYPE"


def test_every_json_function_has_a_pythonic_name_with_the_same_parameters():
    long_names = [n for n in tsi.__all__ if n.endswith("_json") and inspect.isfunction(getattr(tsi, n))]
    assert len(long_names) >= 19
    for name in long_names:
        short = getattr(tsi, name[: -len("_json")])
        assert short.__name__ == name[: -len("_json")] and getattr(tsi, name).__name__ == name
        assert inspect.signature(short) == inspect.signature(getattr(tsi, name))


def test_pythonic_names_return_json_documents_as_data_and_everything_else_unchanged():
    assert tsi.default_policy() == json.loads(tsi.default_policy_json())
    assert tsi.parse_policy({"schema_version": 1}) == json.loads(tsi.parse_policy_json('{"schema_version":1}'))
    assert tsi.sip_summary(PLAN, "en") == tsi.sip_summary_json(PLAN, "en")
    assert tsi.validate_sip(PLAN, "en") == tsi.validate_sip_json(PLAN, "en")


def test_returns_json_names_exactly_the_functions_whose_text_result_is_json():
    # Every `_json` function that returns text, called once: its text parses as JSON exactly
    # when it is listed (a listed plain-text result would break on json.loads).
    text_results = {
        "agenda_json": tsi.agenda_json([], "2026-12-01T09:00:00+01:00"),
        "default_policy_json": tsi.default_policy_json(),
        "parse_policy_json": tsi.parse_policy_json({"schema_version": 1}),
        "sip_summary_json": tsi.sip_summary_json(PLAN, "en"),
    }
    returns_text = {n for n in tsi.__all__ if n.endswith("_json") and inspect.isfunction(getattr(tsi, n))
                    and inspect.signature(getattr(tsi, n)).return_annotation in (str, "str")}
    assert returns_text == set(text_results)
    for name, text in text_results.items():
        try:
            json.loads(text)
            is_json = True
        except ValueError:
            is_json = False
        assert is_json == (name in tsi.RETURNS_JSON), name


def test_records_are_dataclasses_with_their_fields():
    report = tsi.validate_sip(PLAN, "en")
    as_dict = dataclasses.asdict(report)
    assert as_dict["valid"] is False and as_dict["findings"][0]["code"] == report.findings[0].code
    assert [f.name for f in dataclasses.fields(tsi.Finding)] == ["code", "severity", "path", "params", "message"]
    assert repr(report).startswith("Report(valid=False, findings=[Finding(code=")
    for name in tsi.__all__:
        obj = getattr(tsi, name)
        if dataclasses.is_dataclass(obj):
            assert dataclasses.fields(obj), name
