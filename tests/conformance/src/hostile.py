#!/usr/bin/env python3
"""Writes tests/conformance/hostile.json: input an attacker or a careless vendor would send
(SPEC §9, R-PD-1). Documents are objects at every depth; keys that may be personal data
never reach an error path."""
import json
import pathlib

AGENCIES = [{"id": "school", "kind": "School", "principal": {"id": "m", "kind": "Municipality"}},
            {"id": "soc", "kind": "SocialServices", "principal": {"id": "m", "kind": "Municipality"}}]
CASE = {"schema_version": 1, "case_id": "k1", "child": {"birth_date": "2012-01-01"},
        "guardians": [{"id": "g1", "kind": "Parent"}], "agencies": AGENCIES}
REQUEST = {"from": "school", "to": "soc", "category": "Learning", "purpose": "TsiCollaboration",
           "at": "2026-11-23T10:00:00+01:00", "actor": "s"}
CTX = {"now": "2026-09-01T09:00:00+02:00", "actor": "s", "actor_agency": "school"}


def decide(id_, case, request, expect):
    inp = {}
    inp["case_text" if isinstance(case, str) else "case"] = case
    inp["request_text" if isinstance(request, str) else "request"] = request
    return {"id": id_, "rule": "§9", "op": "consent.decide", "input": inp, "expect": expect}


def raise_event(type_first=True):
    """A Raise event as JSON text, its `type` first or last."""
    fields = {"case_id": "k1", "raised_by": "school", "concern_areas": ["SchoolAttendance"],
              "suggested_level": "Selective", "child": {"birth_date": "2013-03-14"},
              "guardians": [{"id": "g1", "kind": "Parent"}], "agencies": AGENCIES}
    body = json.dumps(fields, separators=(",", ":"))[1:-1]
    return '{"type":"Raise",' + body + '}' if type_first else '{' + body + ',"type":"Raise"}'


def log_case(id_, events, expect):
    """A replay of events given as JSON texts, in the key order written."""
    entries = ",".join('{"ctx":' + json.dumps(CTX) + ',"event":' + e + '}' for e in events)
    return {"id": id_, "rule": "§9", "op": "case.replay", "input": {"log_text": "[" + entries + "]"},
            "expect": expect}


def err(code, path):
    return {"error": {"code": code, "path": path}}


CASES = [
    decide("hostile-positional-request", CASE,
           json.dumps(["school", "school", "Learning", "TsiCollaboration", "2026-11-23T10:00:00+01:00", "s"]),
           err("JSON_WRONG_TYPE", "/request")),
    decide("hostile-positional-child-inside-the-case", json.dumps(dict(CASE, child=["2012-01-01"])), REQUEST,
           err("JSON_WRONG_TYPE", "/case/child")),
    decide("hostile-personal-number-as-a-key-is-not-echoed", dict(CASE, **{"191212121212": 1}), REQUEST,
           err("JSON_UNKNOWN_FIELD", "/case/*")),
    decide("hostile-name-as-a-key-is-not-echoed", CASE, dict(REQUEST, **{"Anna Svensson": 1}),
           err("JSON_UNKNOWN_FIELD", "/request/*")),
    decide("hostile-plain-unknown-key-is-shown", CASE, dict(REQUEST, purpse="x"),
           err("JSON_UNKNOWN_FIELD", "/request/purpse")),
    {"id": "hostile-positional-context-of-an-entry", "rule": "§9", "op": "case.apply",
     "input": {"entry": {"ctx": ["2026-09-01T09:00:00+02:00", "s", "school"], "event": {"type": "RequestConsent"}}},
     "expect": err("JSON_WRONG_TYPE", "/entry/ctx")},
    {"id": "hostile-positional-schedule", "rule": "§9", "op": "meeting.next_slots",
     "input": {"schedule": ["2026-09-02T13:00:00+02:00", 14], "after": "2026-09-02T13:00:00+02:00", "n": 1},
     "expect": err("JSON_WRONG_TYPE", "")},
    {"id": "hostile-text-over-max-text-chars", "rule": "§9", "op": "deid.check",
     "input": {"summary": {"schema_version": 1, "raised_by": "School", "summary": {"$repeat": "a", "times": 10001}}},
     "expect": err("LIMIT_EXCEEDED", "/summary")},
    {"id": "hostile-text-within-a-lower-policy-limit", "rule": "§9", "op": "deid.check",
     "input": {"summary": {"schema_version": 1, "raised_by": "School", "summary": "Elev 12 år med hög frånvaro."},
               "policy": {"schema_version": 1, "limits": {"max_text_chars": 10}}},
     "expect": err("LIMIT_EXCEEDED", "/summary")},
    decide("hostile-instant-before-1800", CASE, dict(REQUEST, at="0001-01-01T00:00:00Z"),
           err("JSON_INVALID_VALUE", "/request/at")),
    decide("hostile-instant-in-year-10000-utc", CASE, dict(REQUEST, at="9999-12-31T23:30:00-05:00"),
           err("JSON_INVALID_VALUE", "/request/at")),
    decide("hostile-leap-second-is-refused", CASE, dict(REQUEST, at="2016-12-31T23:59:60Z"),
           err("JSON_INVALID_VALUE", "/request/at")),
    {"id": "hostile-ext-numbers-round-trip-exactly", "rule": "§9", "op": "policy.parse",
     "input": {"policy_text": '{"schema_version":1,"ext":{"a":0.30000000000000004,"b":2.2250738585072014e-308,'
                              '"c":1.7976931348623157e308}}'},
     "expect": {"ok": {"ext": {"a": 0.30000000000000004, "b": 2.2250738585072014e-308,
                               "c": 1.7976931348623157e308}}}},
    {"id": "hostile-policy-key-with-a-long-digit-run", "rule": "R-PD-1", "op": "policy.validate",
     "input": {"policy": {"schema_version": 1, "x121212": 1}}, "expect": err("JSON_UNKNOWN_FIELD", "/*")},
    # Case events are read fastest with `type` first; key order must not change what is read or
    # refused (texts keep the order as written, which objects in some languages would not).
    log_case("hostile-event-with-type-last-reads-as-with-type-first",
             [raise_event(type_first=False)], {"ok": {"case": {"state": "Raised", "raised_by": "school"}}}),
    log_case("hostile-positional-struct-inside-a-type-first-event",
             [raise_event(), '{"type":"RequestConsent"}',
              '{"type":"RecordConsent","consent":["c1",[{"giver":{"Guardian":"g1"},"form":"Written"}],'
              '[{"Agency":"soc"}],["Learning"],"TsiCollaboration","2026-09-01T09:00:00+02:00",'
              '"2027-09-01T09:00:00+02:00","2026-09-01T09:00:00+02:00","s",null]}'],
             err("JSON_WRONG_TYPE", "/2/event/consent")),
    log_case("hostile-repeated-key-in-a-type-first-event",
             [raise_event(), '{"type":"RequestConsent","type":"RequestConsent"}'],
             err("JSON_DUPLICATE_FIELD", "/1/event/type")),
    log_case("hostile-repeated-key-in-a-type-last-event",
             ['{"raised_by":"school","raised_by":"soc",' + raise_event(type_first=False)[1:]],
             err("JSON_DUPLICATE_FIELD", "/0/event/raised_by")),
]

out = pathlib.Path(__file__).resolve().parent.parent / "hostile.json"
out.write_text(json.dumps({"$schema": "./case.schema.json", "cases": CASES}, ensure_ascii=False, indent=1) + "\n")
print(f"{len(CASES)} cases written to {out}")
