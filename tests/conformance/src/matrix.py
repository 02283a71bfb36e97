#!/usr/bin/env python3
"""Writes tests/conformance/matrix.json: sharing matrices (#29) whose expected answers are not
made by the matrix. Each cell is what `tsi consent decide` answers for that one question; the
error is the first one those one-by-one questions raise (the sender's own question first); the
audit record is written here, in Python, from docs/audit-format.md (as audit.py writes its
chains). Every runner asks each matrix twice: one-shot (`consent.matrix`) and of a prepared case
(`consent.prepared_matrix`).

Run from the repository root after `cargo build -p tsi-cli`:
    python3 tests/conformance/src/matrix.py"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from audit import GENESIS, KEY, seal, subject_digest, utc  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
TSI = os.environ.get("TSI", str(ROOT.parents[1] / "target" / "debug" / "tsi"))
CATEGORIES = ["Attendance", "Learning", "Health", "MentalHealth", "SocialSituation", "FamilySituation",
              "Assessments", "PlanContent"]
MAX_ALLOWED_MATRICES = 8


def decide(case, request, policy, lang):
    """`tsi consent decide --json` of one question: ("ok", decision without audit) or ("error", …)."""
    with tempfile.TemporaryDirectory() as tmp:
        question = pathlib.Path(tmp, "q.json")
        question.write_text(json.dumps({"case": case, "request": request}), encoding="utf-8")
        args = [TSI, "--lang", lang, "consent", "decide", str(question), "--json"]
        if policy is not None:
            pathlib.Path(tmp, "p.json").write_text(json.dumps(policy), encoding="utf-8")
            args += ["--policy", str(pathlib.Path(tmp, "p.json"))]
        out = json.loads(subprocess.run(args, capture_output=True, text=True, check=False).stdout)
    if "error" in out:
        return "error", {"code": out["error"]["code"], "path": out["error"]["path"]}
    out.pop("audit")
    return "ok", out


def expected(case, request, policy, lang, audit_prev, key):
    def ask(to, category):
        one = {"from": request["from"], "to": to, "category": category, "purpose": request["purpose"],
               "at": request["at"], "actor": request["actor"]}
        return decide(case, one, policy, lang)

    kind, own = ask(request["from"], CATEGORIES[0])
    if kind == "error":
        return {"error": own}
    recipients = [a["id"] for a in case["agencies"] if a["id"] != request["from"]]
    cells = []
    for to in recipients:
        for category in CATEGORIES:
            kind, decision = ask(to, category)
            if kind == "error":
                return {"error": decision}
            cells.append({"to": to, "category": category, "decision": decision})
    codes = []
    for c in cells:
        if not c["decision"]["allowed"]:
            for r in c["decision"]["reasons"]:
                if r["code"] not in codes:
                    codes.append(r["code"])
    record = {
        "schema_version": 3, "seq": audit_prev["seq"] + 1 if audit_prev else 0, "at": utc(request["at"]),
        "actor": request["actor"], "case_id": case["case_id"],
        "action": {"kind": "SharingMatrix", "from": request["from"], "purpose": request["purpose"]},
        "outcome": "Allowed" if any(c["decision"]["allowed"] for c in cells) else "Denied",
        "basis": None, "reason_codes": codes,
        "subject_digest": subject_digest(request) if key else None,
        "prev_hash": audit_prev["hash"] if audit_prev else GENESIS,
    }
    if key:
        record["key_id"] = KEY["id"]
    return {"ok": {"cells": cells, "audit": seal(record)}}


def matrices():
    """One matrix per distinct (case, sender, purpose, instant) of the corpus's decide cases."""
    seen, allowed = set(), 0
    for name in ["consent.json", "exact.json"]:
        for source in json.loads((ROOT / name).read_text(encoding="utf-8"))["cases"]:
            i = source["input"]
            if source["op"] != "consent.decide" or "case" not in i or "request" not in i:
                continue
            r = i["request"]
            if not all(k in r for k in ["from", "purpose", "at", "actor"]):
                continue
            request = {"from": r["from"], "purpose": r["purpose"], "at": r["at"], "actor": r["actor"]}
            identity = json.dumps([i["case"], request, i.get("policy")], sort_keys=True)
            if identity in seen:
                continue
            seen.add(identity)
            ok = "ok" in source["expect"]
            if ok and allowed >= MAX_ALLOWED_MATRICES:
                continue
            allowed += ok
            yield source["id"], source.get("rule", "R-CN-4"), i, request


def main():
    cases = []
    for n, (source_id, rule, i, request) in enumerate(matrices()):
        # Every third matrix keyed and chained after a record, so both parts of the record are checked.
        key = KEY if n % 3 == 1 else None
        audit_prev = json.loads((ROOT / "audit.json").read_text())["cases"][0]["input"]["records"][0] if n % 3 == 1 else None
        lang = "en" if n % 2 else "sv"
        expect = expected(i["case"], request, i.get("policy"), lang, audit_prev, key)
        inp = {"case": i["case"], "request": request, "lang": lang}
        if "policy" in i:
            inp["policy"] = i["policy"]
        if key:
            inp.update(audit_key=KEY, audit_prev=audit_prev)
        for op in ["consent.matrix", "consent.prepared_matrix"]:
            suffix = "" if op == "consent.matrix" else "-prepared"
            cases.append({"id": f"matrix-{source_id}{suffix}", "rule": rule, "op": op, "input": inp, "expect": expect})
    doc = {"$schema": "./case.schema.json", "cases": cases}
    (ROOT / "matrix.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"matrix.json: {len(cases)} cases")


if __name__ == "__main__":
    main()
