#!/usr/bin/env python3
"""Writes tests/conformance/audit.json. The records are made here, in Python, from the format
in docs/audit-format.md (RFC 8785 canonical JSON of the record without "hash", "at" in UTC,
SHA-256 hex) — not by tsi — so every runner proves it verifies records another implementation
wrote. Our records hold only strings, integers, null and arrays: for those, json.dumps with
sorted keys and no spaces is the canonical form (keys here are ASCII, so code-point order is
UTF-16 order)."""
import copy
import hashlib
import json
import pathlib
from datetime import datetime, timezone

GENESIS = "0" * 64


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def utc(at):
    return datetime.fromisoformat(at).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_hash(record):
    body = {k: v for k, v in record.items() if k != "hash"}
    body["at"] = utc(body["at"])
    return hashlib.sha256(canonical(body)).hexdigest()


def seal(record):
    record["hash"] = record_hash(record)
    return record


def chain(n):
    out = []
    for i in range(n):
        request = {"from": "skola-ekbacken", "to": ["soc-barn-unga", "bup"][i % 2],
                   "category": ["Attendance", "MentalHealth"][i % 2], "purpose": "TsiCollaboration",
                   "at": f"2026-11-23T1{i}:00:00+01:00", "actor": "rektor-1"}
        allowed = i % 2 == 0
        out.append(seal({
            "schema_version": 2, "seq": i, "at": utc(request["at"]), "actor": "rektor-1", "case_id": "case-2026-0147",
            "action": {"kind": "ShareDecision", "from": request["from"], "to": request["to"],
                       "category": request["category"], "purpose": request["purpose"]},
            "outcome": "Allowed" if allowed else "Denied",
            "basis": {"kind": "Consent", "id": "samtycke-1"} if allowed else None,
            "reason_codes": [] if allowed else ["CONSENT_RECIPIENT_NOT_COVERED"],
            "subject_digest": hashlib.sha256(canonical(request)).hexdigest(),
            "prev_hash": out[-1]["hash"] if out else GENESIS,
        }))
    return out


def case(id_, records, expect, **extra):
    return {"id": id_, "rule": "R-AU-1", "op": "audit.verify", "input": {"records": records, **extra}, "expect": expect}


def ok(checked, head, starts="Genesis"):
    return {"ok": {"valid": True, "starts_at": starts, "checked": checked, "first_broken": None, "finding": None,
                   "head": head}}


def broken(index, code, checked=None):
    return {"ok": {"valid": False, "checked": index + 1 if checked is None else checked, "first_broken": index,
                   "finding": {"code": code, "path": f"/{index}", "severity": "error"}, "head": None}}


c = chain(4)
CASES = [
    case("audit-intact-chain", c, ok(4, c[3]["hash"])),
    case("audit-empty-log", [], ok(0, None)),
    case("audit-segment-without-anchor-is-not-a-whole-log", c[2:], broken(0, "AUDIT_NOT_AT_GENESIS")),
    case("audit-segment-verifies-against-its-anchor", c[2:], ok(2, c[3]["hash"], "Anchor"), anchor=c[1]["hash"]),
    case("audit-segment-against-another-anchor", c[2:], broken(0, "AUDIT_PREV_MISMATCH"), anchor=c[0]["hash"]),
    case("audit-first-record-deleted", c[1:], broken(0, "AUDIT_NOT_AT_GENESIS")),
]
t = copy.deepcopy(c); t[1]["outcome"] = "Allowed"
CASES.append(case("audit-altered-outcome", t, broken(1, "AUDIT_HASH_MISMATCH")))
t = copy.deepcopy(c); t[2]["actor"] = "rektor-2"
CASES.append(case("audit-altered-actor", t, broken(2, "AUDIT_HASH_MISMATCH")))
t = copy.deepcopy(c); t[3]["subject_digest"] = "0" * 64
CASES.append(case("audit-altered-subject-digest", t, broken(3, "AUDIT_HASH_MISMATCH")))
CASES.append(case("audit-removed-record", [c[0]] + c[2:], broken(1, "AUDIT_PREV_MISMATCH")))
CASES.append(case("audit-reordered-records", [c[0], c[2], c[1], c[3]], broken(1, "AUDIT_PREV_MISMATCH")))
CASES.append(case("audit-duplicated-record", c[:2] + [c[1]] + c[2:], broken(2, "AUDIT_PREV_MISMATCH")))
t = copy.deepcopy(c)
forged = seal(dict(copy.deepcopy(c[1]), actor="forger", seq=2, prev_hash=c[1]["hash"]))
CASES.append(case("audit-well-forged-insertion-breaks-the-next-link", c[:2] + [forged] + c[2:],
                  broken(3, "AUDIT_PREV_MISMATCH")))
t = copy.deepcopy(c); t[1]["seq"] = 5; seal(t[1]); t[2]["prev_hash"] = t[1]["hash"]; seal(t[2])
CASES.append(case("audit-sequence-gap", t, broken(1, "AUDIT_SEQ_GAP")))
# The same record written with another offset and the keys in another order hashes the same.
t = copy.deepcopy(c)
t[0]["at"] = "2026-11-23T10:00:00+01:00"
t[0] = dict(reversed(list(t[0].items())))
CASES.append(case("audit-offset-and-key-order-do-not-change-the-hash", t, ok(4, c[3]["hash"])))
CASES.append(case("audit-not-an-array", {"seq": 0}, {"error": {"code": "JSON_WRONG_TYPE", "path": ""}}))
t = copy.deepcopy(c); t[0]["extra"] = 1; seal(t[0])
CASES.append(case("audit-record-unknown-field", t, {"error": {"code": "JSON_UNKNOWN_FIELD", "path": "/0/extra"}}))
t = copy.deepcopy(c); del t[0]["schema_version"]; seal(t[0])
CASES.append(case("audit-record-without-version", t, {"error": {"code": "JSON_MISSING_FIELD", "path": "/0/schema_version"}}))
t = copy.deepcopy(c); t[0] = [0, "2026-11-23T09:00:00Z"]
CASES.append(case("audit-positional-record-is-refused", t, {"error": {"code": "JSON_WRONG_TYPE", "path": "/0"}}))

out = pathlib.Path(__file__).resolve().parent.parent / "audit.json"
out.write_text(json.dumps({"$schema": "./case.schema.json", "cases": CASES}, ensure_ascii=False, indent=1) + "\n")
print(f"{len(CASES)} cases written to {out}")
