"""prepared.json: every consent.decide case of the corpus asked again of a prepared sharing case,
and every case.record case recorded again on a prepared case (#30): the same input, the same
expected decision or step, audit record or error. Run from the
repository root: python3 tests/conformance/src/prepared.py"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
cases = []
for name in ["consent.json", "exact.json", "hostile.json"]:
    for case in json.loads((ROOT / name).read_text(encoding="utf-8"))["cases"]:
        if case["op"] == "consent.decide":
            cases.append(dict(case, id=f"prepared-{case['id']}", op="consent.prepared"))
        elif case["op"] == "case.record":
            cases.append(dict(case, id=f"prepared-{case['id']}", op="case.prepared_record"))
doc = {"$schema": "./case.schema.json", "cases": cases}
(ROOT / "prepared.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"prepared.json: {len(cases)} cases")
