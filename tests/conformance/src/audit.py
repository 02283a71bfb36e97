#!/usr/bin/env python3
"""Writes tests/conformance/audit.json. The records are made here, in Python, from the format
in docs/audit-format.md (RFC 8785 canonical JSON of the record without "hash", "at" in UTC,
SHA-256 hex; the subject digest HMAC-SHA-256 under the journal system's key, version 3, or a
plain SHA-256 in the earlier version 2) — not by tsi — so every runner proves it verifies
records another implementation wrote. Our records hold only strings, integers, null and arrays: for those, json.dumps with
sorted keys and no spaces is the canonical form (keys here are ASCII, so code-point order is
UTF-16 order)."""
import copy
import hashlib
import hmac
import json
import pathlib
from datetime import datetime, timezone

GENESIS = "0" * 64
# The journal system's key: only its id goes into records.
KEY = {"id": "k-2026", "secret": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"}


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


def subject_digest(subject, key=KEY):
    return hmac.new(bytes.fromhex(key["secret"]), canonical(subject), hashlib.sha256).hexdigest()


def request_of(i):
    return {"from": "skola-ekbacken", "to": ["soc-barn-unga", "bup"][i % 2],
            "category": ["Attendance", "MentalHealth"][i % 2], "purpose": "TsiCollaboration",
            "at": f"2026-11-23T1{i}:00:00+01:00", "actor": "rektor-1"}


def chain(n, version=3, start=0, before=None):
    """n decision records; version 3 keyed with KEY, version 2 with plain digests (the earlier
    format). `start`/`before` go on from an earlier chain."""
    out = []
    for i in range(start, start + n):
        request = request_of(i)
        allowed = i % 2 == 0
        record = {
            "schema_version": version, "seq": i, "at": utc(request["at"]), "actor": "rektor-1", "case_id": "case-2026-0147",
            "action": {"kind": "ShareDecision", "from": request["from"], "to": request["to"],
                       "category": request["category"], "purpose": request["purpose"]},
            "outcome": "Allowed" if allowed else "Denied",
            "basis": {"kind": "Consent", "id": "samtycke-1"} if allowed else None,
            "reason_codes": [] if allowed else ["CONSENT_RECIPIENT_NOT_COVERED"],
            "prev_hash": out[-1]["hash"] if out else (before["hash"] if before else GENESIS),
        }
        if version == 3:
            record.update(subject_digest=subject_digest(request), key_id=KEY["id"])
        else:
            record.update(subject_digest=hashlib.sha256(canonical(request)).hexdigest())
        out.append(seal(record))
    return out


def case(id_, records, expect, **extra):
    return {"id": id_, "rule": "R-AU-1", "op": "audit.verify", "input": {"records": records, **extra}, "expect": expect}


def ok(checked, head, starts="Genesis", legacy=0):
    return {"ok": {"valid": True, "starts_at": starts, "checked": checked, "first_broken": None, "finding": None,
                   "head": head, "legacy_records": legacy}}


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

# The earlier format (version 2, plain digests) still verifies, counted as such; a log goes on
# across the upgrade (version 3 records after version 2 ones).
old = chain(4, version=2)
CASES.append(case("audit-records-of-the-earlier-format-verify-and-are-counted", old, ok(4, old[3]["hash"], legacy=4)))
on = chain(2, start=2, before=old[1])
CASES.append(case("audit-a-log-goes-on-across-the-upgrade", old[:2] + on, ok(4, on[1]["hash"], legacy=2)))
t = copy.deepcopy(c); t[0]["key_id"] = "k-other"
CASES.append(case("audit-altered-key-id", t, broken(0, "AUDIT_HASH_MISMATCH")))


# The key holder proves what a record was made of (R-AU-1); without the key nothing can be.
def proves(id_, record, subject, key, expect):
    CASES.append({"id": id_, "rule": "R-AU-1", "op": "audit.proves",
                  "input": {"record": record, "subject": subject, "audit_key": key}, "expect": expect})


proves("audit-the-key-proves-the-request-of-a-decision", c[0], request_of(0), KEY, {"ok": True})
proves("audit-another-request-is-not-proved", c[0], request_of(2), KEY, {"ok": False})
proves("audit-the-request-with-its-keys-in-another-order-is-proved", c[0],
       dict(reversed(list(request_of(0).items()))), KEY, {"ok": True})
# The subject is proved as it was written: an instant with another offset is another value.
proves("audit-the-request-with-another-offset-is-another-subject", c[0],
       dict(request_of(0), at="2026-11-23T09:00:00Z"), KEY, {"ok": False})
proves("audit-another-secret-proves-nothing", c[0], request_of(0),
       dict(KEY, secret="ff" * 32), {"ok": False})
proves("audit-a-record-of-another-key-id-proves-nothing", c[0], request_of(0), dict(KEY, id="k-2027"), {"ok": False})
proves("audit-a-short-secret-is-refused", c[0], request_of(0), dict(KEY, secret="00" * 15),
       {"error": {"code": "AUDIT_KEY_INVALID", "path": "/audit_key/secret"}})
proves("audit-a-secret-that-is-not-hexadecimal-is-refused", c[0], request_of(0), dict(KEY, secret="zz" * 16),
       {"error": {"code": "AUDIT_KEY_INVALID", "path": "/audit_key/secret"}})
proves("audit-a-key-id-that-is-a-personal-number-is-refused", c[0], request_of(0),
       dict(KEY, id="19121212-1212"), {"error": {"code": "REFERENCE_IS_PERSONAL_NUMBER", "path": "/audit_key/id"}})

# A decision made with the key: its record names the key and holds the keyed digest of the request.
CASE_DOC = {"schema_version": 1, "case_id": "case-2026-0147", "child": {"birth_date": "2014-03-01"},
            "guardians": [], "agencies": [
                {"id": "skola-ekbacken", "kind": "School", "principal": {"id": "kommun", "kind": "Municipality"}},
                {"id": "soc-barn-unga", "kind": "SocialServices", "principal": {"id": "kommun", "kind": "Municipality"}}],
            "consents": [], "withdrawals": [], "refusals": [], "legal_grounds": []}
REQUEST = dict(request_of(0), at="2026-11-23T10:00:00+01:00")
CASES.append({"id": "audit-a-decision-made-with-the-key-holds-its-keyed-digest", "rule": "R-AU-1",
              "op": "consent.decide", "input": {"case": CASE_DOC, "request": REQUEST, "audit_key": KEY},
              "expect": {"ok": {"allowed": False, "audit": {"schema_version": 3, "key_id": KEY["id"],
                                                             "subject_digest": subject_digest(REQUEST)}}}})
CASES.append({"id": "audit-a-decision-made-without-a-key-holds-no-digest", "rule": "R-AU-1",
              "op": "consent.decide", "input": {"case": CASE_DOC, "request": REQUEST},
              "expect": {"ok": {"allowed": False, "audit": {"schema_version": 3, "subject_digest": None}}}})

if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parent.parent / "audit.json"
    out.write_text(json.dumps({"$schema": "./case.schema.json", "cases": CASES}, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(CASES)} cases written to {out}")
