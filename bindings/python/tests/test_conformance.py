"""Runs the shared conformance corpus through the Python bindings."""
import json

import pytest
import tsi

from corpus import expand, load_cases, matches

CASES = load_cases()


def doc(i, name):
    """A document input: `<name>_text` (JSON text as given) or `<name>` (an object); None if absent."""
    if f"{name}_text" in i:
        return i[f"{name}_text"]
    return json.dumps(i[name], ensure_ascii=False) if name in i else None


def document(i):
    return doc(i, "policy")


GROUNDS = {"REPORT_OF_CONCERN": "ReportOfConcern", "OBLIGATION_TO_PROVIDE": "ObligationToProvide",
           "CHILD_AT_RISK": "ChildAtRisk", "EMERGENCY": "Emergency"}


def ground_json(g):
    if g.is_other():
        return {"Other": g[0]}  # a Rust tuple variant: its citation by position
    return next(name for variant, name in GROUNDS.items() if getattr(g, f"is_{variant}")())


def basis_json(b):
    if b is None:
        return None
    if b.is_same_agency():
        return {"kind": "SameAgency"}
    if b.is_consent():
        return {"kind": "Consent", "id": b.id}
    return {"kind": "LegalGround", "id": b.id, "ground": ground_json(b.ground)}


def finding_dict(f):
    return {"code": f.code.name, "severity": f.severity.name.lower(), "path": f.path, "params": f.params, "message": f.message}


def decision_dict(d):
    return {"allowed": d.allowed, "basis": basis_json(d.basis), "reasons": [finding_dict(f) for f in d.reasons],
            "audit": json.loads(d.audit_json)}


def matrix_dict(m):
    """A sharing matrix as its JSON document; an instant crosses as the text it was written as."""
    cells = [{"to": c.to, "category": json_name(c.category), "lapses": c.lapses,
              "decision": {"allowed": c.decision.allowed, "basis": basis_json(c.decision.basis),
                           "reasons": [finding_dict(f) for f in c.decision.reasons]}} for c in m.cells]
    first = m.expires_first
    return {"cells": cells, "audit": json.loads(m.audit_json),
            "expires_first": {"to": first.to, "category": json_name(first.category), "at": first.at} if first else None}


def chain_dict(r):
    return {"valid": r.valid, "starts_at": r.starts_at.name.title(), "checked": r.checked, "first_broken": r.first_broken,
            "finding": finding_dict(r.finding) if r.finding else None, "head": r.head, "legacy_records": r.legacy_records}


def due_dict(d):
    return {"code": d.code.name, "path": d.path, "due": d.due, "overdue": d.overdue, "message": d.message}


def view_dict(v):
    return {"case": json.loads(v.case_json), "allowed_events": [json_name(e) for e in v.allowed_events], "due_actions": [due_dict(d) for d in v.due_actions],
            "warnings": [finding_dict(f) for f in v.warnings], "audit": json.loads(v.audit_json)}


def applied_dict(a):
    return {"case": json.loads(a.case_json), "warnings": [finding_dict(f) for f in a.warnings]}


def prepared_step_dict(s):
    """A prepared case's step as recordCaseEvent's document: the case is the next prepared case's."""
    refusal = None if s.refusal_code is None else {"code": s.refusal_code.name, "path": s.refusal_path,
                                                   "details": dict(s.refusal_params)}
    case = s.next.case_json()
    return {"applied": s.applied, "case": json.loads(case) if case else None,
            "warnings": [finding_dict(f) for f in s.warnings], "refusal": refusal, "audit": json.loads(s.audit_json)}


def recorded_dict(s):
    refusal = None if s.refusal_code is None else {"code": s.refusal_code.name, "path": s.refusal_path,
                                                   "details": dict(s.refusal_params)}
    return {"applied": s.applied, "case": json.loads(s.case_json) if s.case_json else None,
            "warnings": [finding_dict(f) for f in s.warnings], "refusal": refusal, "audit": json.loads(s.audit_json)}


def replayed(i):
    return tsi.replay_case(json.dumps(i["log"]), tsi.Lang.SV).case_json if "log" in i else None


def report_dict(r):
    return {"valid": r.valid, "findings": [finding_dict(f) for f in r.findings]}


def json_name(kind):
    """An event kind or state as JSON writes it: `REPORT_OF_CONCERN` is `ReportOfConcern`."""
    return "".join(word.title() for word in kind.name.split("_"))


def code_dict(c):
    return {"code": c.code.name, "kind": c.kind.name.lower(), "severity": c.severity.name.lower(), "rule": c.rule,
            "sv": c.sv, "en": c.en}


def id_dict(c):
    kind = {tsi.IdKind.PERSONAL_NUMBER: "PersonalNumber", tsi.IdKind.COORDINATION_NUMBER: "CoordinationNumber"}[c.kind]
    return {"normalized": c.normalized, "kind": kind, "birth_date": c.birth_date, "age": c.age}


def prepared_policy(i):
    """The input's policy read once (#30); SPEC's defaults when it has none."""
    return tsi.PreparedPolicy(policy_json=doc(i, "policy"))


def lang(i):
    return {"sv": tsi.Lang.SV, "en": tsi.Lang.EN}[i.get("lang", "sv")]


OPS = {
    "id.check": lambda i: id_dict(tsi.check_personal_identity(i["number"], i["at"])),
    "age.at": lambda i: tsi.age_at(i["birth_date"], i["at"]),
    "policy.validate": lambda i: report_dict(tsi.validate_policy(document(i), lang(i))),
    "policy.parse": lambda i: json.loads(tsi.parse_policy_json(document(i))),
    "policy.default": lambda i: json.loads(tsi.default_policy_json()),
    "names.display": lambda i: tsi.display_name(i["enum"], i["value"], lang(i)),
    "codes.get": lambda i: next((code_dict(c) for c in tsi.codes() if c.code.name == i["code"]), None),
    "consent.decide": lambda i: decision_dict(tsi.may_share(
        doc(i, "case"), doc(i, "request"), lang(i), audit_prev_json=doc(i, "audit_prev"), policy_json=doc(i, "policy"),
        audit_key_json=doc(i, "audit_key"))),
    "consent.prepared": lambda i: decision_dict(tsi.PreparedSharingCase(doc(i, "case"), policy_json=doc(i, "policy")).may_share(
        doc(i, "request"), lang(i), audit_prev_json=doc(i, "audit_prev"), audit_key_json=doc(i, "audit_key"))),
    "consent.matrix": lambda i: matrix_dict(tsi.sharing_matrix(
        doc(i, "case"), doc(i, "request"), lang(i), audit_prev_json=doc(i, "audit_prev"), policy_json=doc(i, "policy"),
        audit_key_json=doc(i, "audit_key"))),
    "consent.prepared_matrix": lambda i: matrix_dict(tsi.PreparedSharingCase(doc(i, "case"), policy_json=doc(i, "policy"))
        .sharing_matrix(doc(i, "request"), lang(i), audit_prev_json=doc(i, "audit_prev"), audit_key_json=doc(i, "audit_key"))),
    "consent.remedies": lambda i: tsi.remedies(doc(i, "case"), doc(i, "request"), lang(i), policy_json=doc(i, "policy")),
    "consent.plan": lambda i: tsi.plan_consent(doc(i, "case"), doc(i, "plan"), lang(i), policy_json=doc(i, "policy")),
    "consent.validate": lambda i: report_dict(tsi.validate_sharing_case(
        doc(i, "case"), i["at"], lang(i), policy_json=doc(i, "policy"))),
    "deid.check": lambda i: report_dict(tsi.check_deidentified(doc(i, "summary"), lang(i), policy_json=doc(i, "policy"))),
    "audit.verify": lambda i: chain_dict(tsi.verify_audit_chain(doc(i, "records"), lang(i), anchor=i.get("anchor"))),
    "audit.proves": lambda i: tsi.audit_proves(doc(i, "record"), doc(i, "subject"), doc(i, "audit_key")),
    "sip.validate": lambda i: report_dict(tsi.validate_sip(doc(i, "sip"), lang(i), policy_json=doc(i, "policy"))),
    "sip.summary": lambda i: tsi.sip_summary(doc(i, "sip"), lang(i), policy_json=doc(i, "policy")),
    "sip.indicated": lambda i: tsi.sip_indicated(doc(i, "agencies"), i["responsible"]),
    "case.replay": lambda i: view_dict(tsi.replay_case(doc(i, "log"), lang(i), at=i.get("at"), policy_json=doc(i, "policy"),
                                                           audit_key_json=doc(i, "audit_key"), audit=i.get("audit", True))),
    "case.record": lambda i: recorded_dict(tsi.record_case_event(
        replayed(i), doc(i, "entry"), lang(i), audit_prev_json=doc(i, "audit_prev"), policy_json=doc(i, "policy"),
        audit_key_json=doc(i, "audit_key"))),
    "case.prepared_record": lambda i: prepared_step_dict(tsi.PreparedCase(replayed(i), policy_json=doc(i, "policy")).record(
        doc(i, "entry"), lang(i), audit_prev_json=doc(i, "audit_prev"), audit_key_json=doc(i, "audit_key"))),
    "policy.prepared_decide": lambda i: decision_dict(prepared_policy(i).may_share(
        doc(i, "case"), doc(i, "request"), lang(i), audit_prev_json=doc(i, "audit_prev"), audit_key_json=doc(i, "audit_key"))),
    "policy.prepared_sharing_case": lambda i: decision_dict(prepared_policy(i).prepare_sharing_case(doc(i, "case")).may_share(
        doc(i, "request"), lang(i), audit_prev_json=doc(i, "audit_prev"), audit_key_json=doc(i, "audit_key"))),
    "policy.prepared_sip": lambda i: report_dict(prepared_policy(i).validate_sip(doc(i, "sip"), lang(i))),
    "policy.prepared_replay": lambda i: view_dict(prepared_policy(i).replay_case(
        doc(i, "log"), lang(i), at=i.get("at"), audit_key_json=doc(i, "audit_key"), audit=i.get("audit", True))),
    "policy.prepared_record": lambda i: prepared_step_dict(prepared_policy(i).prepare_case(replayed(i)).record(
        doc(i, "entry"), lang(i), audit_prev_json=doc(i, "audit_prev"), audit_key_json=doc(i, "audit_key"))),
    "case.apply": lambda i: applied_dict(tsi.apply_case_event(replayed(i), doc(i, "entry"), lang(i), policy_json=doc(i, "policy"))),
    "case.allowed": lambda i: [json_name(e) for e in tsi.allowed_events(replayed(i))],
    "meeting.next_slots": lambda i: tsi.next_slots(doc(i, "schedule"), i["after"], i["n"], policy_json=doc(i, "policy")),
    "meeting.agenda": lambda i: json.loads(tsi.agenda_json(
        json.dumps([json.loads(tsi.replay_case(json.dumps(log), tsi.Lang.SV).case_json) for log in i["logs"]]), i["slot"])),
    "followup.validate": lambda i: report_dict(tsi.validate_measures(doc(i, "measures"), lang(i), policy_json=doc(i, "policy"))),
    "followup.classify": lambda i: change_dict(tsi.classify_change(doc(i, "question"), policy_json=doc(i, "policy"))),
    "stats.add": lambda i: getattr(tsi.StatsAccumulator(i["at"]).add(doc(i, "log")), "name", None),
    "stats.partial": lambda i: json.loads(accumulate(i["at"], i["logs"]).partial_json()),
    "stats.publish": lambda i: json.loads(
        accumulate(i["at"], i["logs"], doc(i, "policy")).publish_json(lang(i), min_cell=i.get("min_cell"))),
    "stats.merge": lambda i: json.loads(merged(i).partial_json()),
}

CHANGES = {tsi.Change.RECOVERED: "Recovered", tsi.Change.IMPROVED: "Improved", tsi.Change.UNCHANGED: "Unchanged",
           tsi.Change.DETERIORATED: "Deteriorated"}


def change_dict(a):
    pair = lambda x, y: None if x is None else [x, y]  # noqa: E731
    return {"ors": CHANGES.get(a.ors), "ors_totals": pair(a.ors_before, a.ors_after),
            "attendance_change": a.attendance_change, "problematic_absence": pair(a.problematic_before, a.problematic_after)}


def accumulate(at, logs, policy_json=None):
    """An accumulator over logs, one at a time, as a Python user feeds one from an iterator."""
    acc = tsi.StatsAccumulator(at, policy_json=policy_json)
    for log in logs:
        acc.add(json.dumps(log))
    return acc


def merged(i):
    if "parts" in i:
        parts = [accumulate(i["at"], logs) for logs in i["parts"]]
    else:
        parts = [tsi.StatsAccumulator.from_partial(json.dumps(p)) for p in i["partials"]]
    out = parts[0]
    for p in parts[1:]:
        out = out.merge(p)
    return out


def run(op, inp):
    try:
        return {"ok": OPS[op](inp)}
    except tsi.TsiError.Invalid as e:
        return {"error": {"code": e.code.name, "path": e.path, "params": dict(e.params)}}


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
