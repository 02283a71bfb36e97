"""prepared_policy.json: every consent.decide, sip.validate, case.replay and case.record case of
the corpus asked again under a prepared policy (#30) — a policy read once, then used for the
question, or to prepare the sharing case or case that is then asked: the same input, the same
expected answer, audit record or error. Run from the repository root:
python3 tests/conformance/src/prepared_policy.py"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
AS_PREPARED = {
    "consent.decide": ["policy.prepared_decide", "policy.prepared_sharing_case"],
    "sip.validate": ["policy.prepared_sip"],
    "case.replay": ["policy.prepared_replay"],
    "case.record": ["policy.prepared_record"],
}
cases = []
for name in ["consent.json", "sip.json", "case.json", "audit.json", "exact.json", "hostile.json"]:
    for case in json.loads((ROOT / name).read_text(encoding="utf-8"))["cases"]:
        for op in AS_PREPARED.get(case["op"], []):
            cases.append(dict(case, id=f"{op.split('.')[1].replace('_', '-')}-{case['id']}", op=op))
doc = {"$schema": "./case.schema.json", "cases": cases}
(ROOT / "prepared_policy.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"prepared_policy.json: {len(cases)} cases")
