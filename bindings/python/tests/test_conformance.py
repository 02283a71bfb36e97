"""Runs the shared conformance corpus through the Python bindings."""
import json

import pytest
import tsi

from corpus import expand, load_cases, matches

CASES = load_cases()


def document(i):
    return i["policy_text"] if "policy_text" in i else json.dumps(i["policy"], ensure_ascii=False)


def report_dict(r):
    return {"valid": r.valid, "findings": [
        {"code": f.code, "severity": f.severity.name.lower(), "path": f.path, "params": f.params, "message": f.message}
        for f in r.findings]}


def code_dict(c):
    return {"code": c.code, "kind": c.kind.name.lower(), "severity": c.severity.name.lower(), "rule": c.rule,
            "sv": c.sv, "en": c.en}


def id_dict(c):
    kind = {tsi.IdKind.PERSONAL_NUMBER: "PersonalNumber", tsi.IdKind.COORDINATION_NUMBER: "CoordinationNumber"}[c.kind]
    return {"normalized": c.normalized, "kind": kind, "birth_date": c.birth_date, "age": c.age}


def lang(i):
    return {"sv": tsi.Lang.SV, "en": tsi.Lang.EN}[i.get("lang", "sv")]


OPS = {
    "id.check": lambda i: id_dict(tsi.check_personal_identity(i["number"], i["at"])),
    "age.at": lambda i: tsi.age_at(i["birth_date"], i["at"]),
    "policy.validate": lambda i: report_dict(tsi.validate_policy_json(document(i), lang(i))),
    "policy.parse": lambda i: json.loads(tsi.parse_policy_json(document(i))),
    "policy.default": lambda i: json.loads(tsi.default_policy_json()),
    "codes.get": lambda i: next((code_dict(c) for c in tsi.codes() if c.code == i["code"]), None),
}


def run(op, inp):
    try:
        return {"ok": OPS[op](inp)}
    except tsi.TsiError.Invalid as e:
        return {"error": {"code": e.code, "path": e.path}}


def test_corpus_is_large_and_ids_unique():
    assert len(CASES) >= 100
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_conformance(case):
    actual = run(case["op"], expand(case["input"]))
    assert matches(case["expect"], actual), f"expected {case['expect']} got {actual}"


def test_matcher_can_fail():
    assert not matches({"a": 1}, {"a": 2})
    assert not matches([1], [1, 2])
    assert not matches({"a": 1}, {})
    assert not matches(True, 1)
