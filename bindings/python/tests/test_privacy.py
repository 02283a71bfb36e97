"""R-PD-1 through the Python API: a personal identity number and a name go into every string
field and, as a key, into every object of the example documents, one at a time; no error,
finding, decision or audit record may contain them (the case state and the family summary
carry the caller's own data back by design and are not searched)."""
import copy
import json
import re
from pathlib import Path

import tsi

ROOT = Path(__file__).resolve().parents[3]
NUMBER, NAME = "19121212-1212", "Anna Svensson"
REFERENCES = {"id", "case_id", "actor", "actor_agency", "raised_by", "from", "to", "recorded_by", "assessed_by",
              "documented_by", "consent", "meeting_id", "need_id", "need", "intervention_id", "accountable",
              "responsible_agency", "participants", "Agency", "Guardian", "sip_id", "agency"}


def example(p):
    return json.loads((ROOT / "examples" / p).read_text(encoding="utf-8"))


def leaks(text):
    if "1212-1212" in text or "1212121212" in re.sub(r"\D", "", text):
        return "number"
    return "name" if "Svensson" in text else None


def variants(root):
    def walk(node, at):
        if isinstance(node, str):
            key = next((s for s in reversed(at) if not isinstance(s, int)), None)
            for value in ([NUMBER] if key in REFERENCES else [NUMBER, NAME]):
                v = copy.deepcopy(root)
                parent = v
                for s in at[:-1]:
                    parent = parent[s]
                parent[at[-1]] = value
                yield f"{at} = {value}", v
        elif isinstance(node, dict):
            for key in ("191212121212", NAME):
                v = copy.deepcopy(root)
                target = v
                for s in at:
                    target = target[s]
                target[key] = 1
                yield f"{at} + key {key}", v
            for k, child in node.items():
                yield from walk(child, at + [k])
        elif isinstance(node, list):
            for i, child in enumerate(node):
                yield from walk(child, at + [i])
    yield from walk(root, [])


def text(obj):
    if isinstance(obj, (list, tuple)):
        return " ".join(text(o) for o in obj)
    if isinstance(obj, dict):
        return " ".join(f"{k} {text(v)}" for k, v in obj.items())
    if hasattr(obj, "__dict__"):
        return text(vars(obj))
    return str(obj)


def sweep(name, doc, run):
    checked = 0
    for what, v in variants(doc):
        try:
            out = text(run(v))
        except tsi.TsiError.Invalid as e:
            out = f"{e.code} {e.path} {e.params} {e.detail} {e}"
        kind = leaks(out)
        assert kind is None, f"{name}: {what}: the {kind} leaks into {out}"
        checked += 1
    return checked


def test_no_personal_data_in_errors_findings_decisions_or_audit_records():
    en = tsi.Lang.EN
    log = example("case/log.json")
    before = tsi.replay_case(json.dumps(log[:4]), en).case_json
    lines = (ROOT / "examples" / "audit" / "case-log.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    checked = 0
    checked += sweep("may_share", example("sharing/allowed.json"), lambda q: (
        lambda d: (d.basis, d.reasons, d.audit_json))(tsi.may_share(json.dumps(q["case"]), json.dumps(q["request"]), en)))
    checked += sweep("validate_sharing_case", example("sharing/case.json"),
                     lambda c: tsi.validate_sharing_case(json.dumps(c), "2026-11-23T10:00:00+01:00", en))
    checked += sweep("check_deidentified", example("sharing/deidentified.json"),
                     lambda s: tsi.check_deidentified(json.dumps(s), en))
    checked += sweep("validate_sip", example("sip/invalid.json"), lambda s: tsi.validate_sip(json.dumps(s), en))
    checked += sweep("replay_case", log[:6], lambda l: (
        lambda v: (v.warnings, v.due_actions, v.audit_json))(tsi.replay_case(json.dumps(l), en)))
    checked += sweep("record_case_event", log[4], lambda e: (
        lambda s: (s.warnings, s.refusal_code, s.refusal_path, s.refusal_params, s.audit_json))(
            tsi.record_case_event(before, json.dumps(e), en)))
    checked += sweep("validate_policy", {"schema_version": 1, "min_cell": 2, "ext": {"a": "b"}},
                     lambda p: tsi.validate_policy(json.dumps(p), en))
    checked += sweep("verify_audit_chain", [json.loads(line) for line in lines],
                     lambda r: tsi.verify_audit_chain(json.dumps(r), en))
    assert checked > 500
