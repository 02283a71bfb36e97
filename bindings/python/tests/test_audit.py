"""R-AU-1 outside Rust: the audit records tsi writes are re-verified with Python's hashlib and a
plain canonical JSON (docs/audit-format.md); every case event, applied or refused, is recorded."""
import hashlib
import hmac
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
import tsi

ROOT = Path(__file__).resolve().parents[3]
LOG = json.loads((ROOT / "examples" / "case" / "log.json").read_text(encoding="utf-8"))
KEY = json.loads((ROOT / "examples" / "audit" / "key.json").read_text(encoding="utf-8"))


def canonical(value):
    # RFC 8785 for strings, integers, booleans, null, arrays and objects with ASCII keys.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def record_hash(record):
    body = {k: v for k, v in record.items() if k != "hash"}
    body["at"] = datetime.fromisoformat(body["at"]).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return hashlib.sha256(canonical(body)).hexdigest()


def verify_outside_rust(records):
    prev = "0" * 64
    for i, r in enumerate(records):
        assert (r["schema_version"], r["seq"], r["prev_hash"]) == (3, i, prev)
        assert record_hash(r) == r["hash"], i
        prev = r["hash"]


def test_replayed_chain_reverifies_with_hashlib():
    view = tsi.replay_case(json.dumps(LOG), tsi.Lang.EN, audit_key_json=json.dumps(KEY))
    records = json.loads(view.audit_json)
    assert len(records) == len(LOG)
    verify_outside_rust(records)
    # The subject digest: HMAC-SHA-256 of the canonical entry under the key, named by its id.
    digest = hmac.new(bytes.fromhex(KEY["secret"]), canonical(LOG[3]), hashlib.sha256).hexdigest()
    assert (records[3]["subject_digest"], records[3]["key_id"]) == (digest, KEY["id"])
    assert tsi.audit_proves(json.dumps(records[3]), json.dumps(LOG[3]), json.dumps(KEY))
    assert not tsi.audit_proves(json.dumps(records[3]), json.dumps(LOG[4]), json.dumps(KEY))
    bare = json.loads(tsi.replay_case(json.dumps(LOG), tsi.Lang.EN).audit_json)
    assert bare[3]["subject_digest"] is None and "key_id" not in bare[3]
    with pytest.raises(tsi.TsiError) as info:
        tsi.replay_case(json.dumps(LOG), tsi.Lang.EN, audit_key_json='{"id":"k","secret":"00"}')
    assert (info.value.code, info.value.path) == (tsi.Code.AUDIT_KEY_INVALID, "/audit_key/secret")


def test_stored_example_chain_reverifies():
    lines = (ROOT / "examples" / "audit" / "case-log.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    verify_outside_rust(records)
    report = tsi.verify_audit_chain(json.dumps(records), tsi.Lang.EN)
    assert report.valid and report.head == records[-1]["hash"] and report.starts_at is tsi.ChainStart.GENESIS


def test_record_case_event_records_applied_and_refused_events():
    first = tsi.record_case_event(None, json.dumps(LOG[0]), tsi.Lang.EN)
    assert first.applied
    meeting = {"ctx": LOG[1]["ctx"], "event": {"type": "FirstMeeting", "meeting_id": "m", "participants": ["soc-barn-unga"],
                                              "guardians_invited": True, "child_view": {"Recorded": "x"}}}
    refused = tsi.record_case_event(first.case_json, json.dumps(meeting), tsi.Lang.EN, audit_prev_json=first.audit_json)
    assert not refused.applied and refused.refusal_code == tsi.Code.CASE_CONSENT_NOT_COVERING
    assert refused.refusal_params["agencies"] == "soc-barn-unga"
    assert json.loads(refused.case_json) == json.loads(first.case_json)
    records = [json.loads(first.audit_json), json.loads(refused.audit_json)]
    assert records[1]["outcome"] == "Denied" and records[1]["reason_codes"] == ["CASE_CONSENT_NOT_COVERING"]
    verify_outside_rust(records)
    forged = dict(records[0], actor="someone-else")
    with pytest.raises(tsi.TsiError.Invalid) as info:
        tsi.record_case_event(first.case_json, json.dumps(meeting), tsi.Lang.EN, audit_prev_json=json.dumps(forged))
    assert info.value.code == tsi.Code.AUDIT_PREV_INVALID
