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
PLANNED = json.loads((EXAMPLES / "sharing" / "plan.json").read_text(encoding="utf-8"))
SHARING = json.loads((EXAMPLES / "sharing" / "denied.json").read_text(encoding="utf-8"))


def test_a_document_as_a_dict_answers_as_its_json_text():
    as_text = tsi.validate_sip(json.dumps(PLAN, ensure_ascii=False), "sv")
    as_dict = tsi.validate_sip(PLAN, "sv")
    assert not as_text.valid and as_dict == as_text and as_dict.findings


def test_documents_as_lists_and_tuples_and_in_methods():
    acc = tsi.StatsAccumulator("2026-12-01T12:00:00+01:00")
    assert acc.add([]) == acc.add("[]") == acc.add(()) is not None
    assert tsi.verify_audit_chain([], "en") == tsi.verify_audit_chain("[]", "en")


def test_values_json_cannot_hold_are_wrong_type_naming_the_argument():
    for bad in ({"x": float("nan")}, {"x": {1, 2}}, [object()], {"x": float("inf")}):
        with pytest.raises(tsi.TsiError.Invalid) as e:
            tsi.validate_sip(bad, "en")
        assert (e.value.code, e.value.path) == (tsi.Code.JSON_WRONG_TYPE, "/sip_json")
    loop = []
    loop.append(loop)
    with pytest.raises(tsi.TsiError.Invalid) as e:
        tsi.validate_sip(loop, "en")
    assert e.value.code == tsi.Code.JSON_WRONG_TYPE
    with pytest.raises(tsi.TsiError.Invalid) as e:
        tsi.validate_sip(42, "en")  # not a document at all
    assert e.value.code == tsi.Code.JSON_WRONG_TYPE


def test_every_function_that_returns_a_document_has_a_twin_with_the_same_parameters():
    long_names = [n for n in tsi.__all__ if n.endswith("_json") and inspect.isfunction(getattr(tsi, n))]
    assert sorted(long_names) == ["agenda_json", "default_policy_json", "parse_policy_json", "plan_consent_json", "remedies_json"]
    for name in long_names:
        short = getattr(tsi, name[: -len("_json")])
        assert short.__name__ == name[: -len("_json")] and getattr(tsi, name).__name__ == name
        assert inspect.signature(short) == inspect.signature(getattr(tsi, name))


def test_twins_return_the_document_as_data():
    assert tsi.default_policy() == json.loads(tsi.default_policy_json())
    assert tsi.parse_policy({"schema_version": 1}) == json.loads(tsi.parse_policy_json('{"schema_version":1}'))
    assert tsi.agenda([], "2026-12-01T09:00:00+01:00") == json.loads(tsi.agenda_json([], "2026-12-01T09:00:00+01:00"))
    remedies = tsi.remedies(SHARING["case"], SHARING["request"], "sv")
    assert remedies == json.loads(tsi.remedies_json(SHARING["case"], SHARING["request"], "sv"))
    assert [r["kind"] for r in remedies["remedies"]] == ["AskConsent", "AskConsent"]


def test_a_prepared_case_takes_dicts_and_its_methods_follow_the_naming_rule():
    prepared = tsi.PreparedSharingCase(SHARING["case"])
    decided = prepared.may_share(SHARING["request"], tsi.Lang.EN)
    one_shot = tsi.may_share(SHARING["case"], SHARING["request"], tsi.Lang.EN)
    assert (decided.allowed, decided.reasons, decided.audit_json) == (one_shot.allowed, one_shot.reasons, one_shot.audit_json)
    remedies = prepared.remedies(SHARING["request"], "sv")
    assert remedies == json.loads(prepared.remedies_json(SHARING["request"], "sv"))
    assert remedies == tsi.remedies(SHARING["case"], SHARING["request"], "sv")
    stats = tsi.StatsAccumulator("2026-12-01T09:00:00+01:00")
    assert stats.partial() == json.loads(stats.partial_json())
    with pytest.raises(tsi.TsiError) as e:
        tsi.PreparedSharingCase({"schema_version": 1})
    assert e.value.code == tsi.Code.JSON_MISSING_FIELD and e.value.path.startswith("/case/")


def test_a_name_ends_in_json_exactly_when_its_text_result_is_a_json_document():
    # The naming rule (docs/architecture.md), checked on every function whose result is text:
    # each is called once, and its text parses as JSON exactly when its name ends in `_json`.
    text_results = {
        "agenda_json": tsi.agenda_json([], "2026-12-01T09:00:00+01:00"),
        "default_policy_json": tsi.default_policy_json(),
        "parse_policy_json": tsi.parse_policy_json({"schema_version": 1}),
        "remedies_json": tsi.remedies_json(SHARING["case"], SHARING["request"], "en"),
        "plan_consent_json": tsi.plan_consent_json(PLANNED["case"], PLANNED["plan"], "en"),
        "consent_form": tsi.consent_form(PLANNED["case"], PLANNED["plan"], "sv"),
        "sip_summary": tsi.sip_summary(PLAN, "en"),
        "case_diagram": tsi.case_diagram(),
        "version": tsi.version(),
        "code_text": tsi.code_text(tsi.Code.INPUT_EMPTY),
    }
    returns_text = {n for n in tsi.__all__ if inspect.isfunction(getattr(tsi, n))
                    and not (n.endswith("_json") is False and inspect.isfunction(getattr(tsi, n + "_json", None)))
                    and inspect.signature(getattr(tsi, n)).return_annotation in (str, "str")}
    assert returns_text == set(text_results)
    for name, text in text_results.items():
        try:
            json.loads(text)
            is_json = True
        except ValueError:
            is_json = False
        assert is_json == name.endswith("_json"), name


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


def test_a_prepared_policy_is_read_once_and_answers_as_the_policy_given_each_time():
    policy = {"schema_version": 1, "sip_start_days": 1, "consent_warn_days": 365}
    prepared = tsi.PreparedPolicy(policy)
    assert json.loads(prepared.policy_json()) == tsi.parse_policy(policy)
    one_shot = tsi.may_share(SHARING["case"], SHARING["request"], "en", policy_json=policy)
    for decided in (prepared.may_share(SHARING["case"], SHARING["request"], "en"),
                    prepared.prepare_sharing_case(SHARING["case"]).may_share(SHARING["request"], "en")):
        assert (decided.allowed, decided.reasons, decided.audit_json) == (one_shot.allowed, one_shot.reasons, one_shot.audit_json)
    assert prepared.validate_sip(PLAN, "sv") == tsi.validate_sip(PLAN, "sv", policy_json=policy) != tsi.validate_sip(PLAN, "sv")
    with pytest.raises(tsi.TsiError) as e:
        tsi.PreparedPolicy({"schema_version": 1, "min_cell": 0})
    assert e.value.code == tsi.Code.POLICY_INVALID and e.value.path.startswith("/policy/")


def test_one_prepared_policy_serves_many_threads():
    from concurrent.futures import ThreadPoolExecutor
    prepared = tsi.PreparedPolicy()
    expected = tsi.validate_sip(PLAN, "en")
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: prepared.validate_sip(PLAN, "en"), range(32)))
    assert all(a == expected for a in answers) and not expected.valid
