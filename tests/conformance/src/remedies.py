#!/usr/bin/env python3
"""Writes tests/conformance/remedies.json: "what do we need so that we may?" (#27). Every
expectation is written out here by hand from SPEC (R-CN-1 … R-CN-4), not taken from the engine:
the drafts are what the family must sign, the blocks are whose consent no draft can replace."""
import copy
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[3]
DENIED = json.loads((ROOT / "examples/sharing/denied.json").read_text())
ALLOWED = json.loads((ROOT / "examples/sharing/allowed.json").read_text())
CASE, REQUEST = DENIED["case"], DENIED["request"]  # school asks to share MentalHealth with BUP
AT = REQUEST["at"]  # 2026-11-23T10:00:00+01:00; the child is 13: both guardians and the child
A_YEAR_ON = "2027-11-23T10:00:00+01:00"  # the policy's consent_valid_days (365) later
WRITTEN = lambda giver: {"giver": giver, "form": "Written"}
EVERYONE = [WRITTEN({"Guardian": "vh-1"}), WRITTEN({"Guardian": "vh-2"}), WRITTEN("Child")]


def case_with(**changes):
    case = copy.deepcopy(CASE)
    case.update(changes)
    return case


def remedies(id_, expect, case=CASE, request=REQUEST, lang="en"):
    return {"id": id_, "rule": "R-CN-4", "op": "consent.remedies",
            "input": {"case": case, "request": request, "lang": lang}, "expect": expect}


# The signed consent lacks BUP and MentalHealth: completing it comes first, then a new one of
# exactly the question.
completed = copy.deepcopy(CASE["consents"][0])
completed.update(id="draft-1", valid_from=AT, valid_until=A_YEAR_ON, recorded_at=AT, recorded_by="rektor-1")
completed["recipients"].append({"Agency": "bup"})
completed["categories"].append("MentalHealth")
fresh = {"id": "draft-1", "givers": EVERYONE, "recipients": [{"Agency": "bup"}], "categories": ["MentalHealth"],
         "purpose": "TsiCollaboration", "valid_from": AT, "valid_until": A_YEAR_ON, "recorded_at": AT,
         "recorded_by": "rektor-1"}
ASK_BOTH = [{"kind": "AskConsent", "supersedes": "samtycke-1", "consent": completed},
            {"kind": "AskConsent", "supersedes": None, "consent": fresh}]

later = {"id": "samtycke-2", "givers": EVERYONE, "recipients": [{"Kind": "ChildPsychiatry"}],
         "categories": ["MentalHealth"], "purpose": "TsiCollaboration",
         "valid_from": "2026-12-01T00:00:00+01:00", "valid_until": "2027-06-01T00:00:00+02:00",
         "recorded_at": "2026-11-20T09:00:00+01:00", "recorded_by": "kurator-3"}

CASES = [
    remedies("remedies-complete-the-signed-consent-or-ask-anew",
             {"ok": {"allowed": False, "remedies": ASK_BOTH, "blocked": []}}),
    remedies("remedies-allowed-nothing-to-do", {"ok": {"allowed": True, "remedies": [], "blocked": []}},
             ALLOWED["case"], ALLOWED["request"]),
    remedies("remedies-same-agency-nothing-to-do", {"ok": {"allowed": True, "remedies": [], "blocked": []}},
             request=dict(REQUEST, to="skola-ekbacken")),
    remedies("remedies-a-consent-signed-for-next-month-is-waited-for",
             {"ok": {"allowed": False, "blocked": [], "remedies": [
                 {"kind": "AskConsent", "supersedes": "samtycke-1"}, {"kind": "AskConsent", "supersedes": None},
                 {"kind": "WaitUntil", "at": "2026-12-01T00:00:00+01:00", "consent": "samtycke-2"}]}},
             case_with(consents=CASE["consents"] + [later])),
    # A guardian said no after signing: that takes the signed consent back, and no new draft
    # replaces that guardian's word — say whose it is.
    remedies("remedies-a-refusal-blocks-and-says-whose",
             {"ok": {"allowed": False, "remedies": [],
                     "blocked": [{"code": "CONSENT_GIVER_REFUSED", "path": "/case/refusals/0"}]}},
             case_with(refusals=[{"by": {"Guardian": "vh-2"}, "at": "2026-11-01T10:00:00+01:00"}]), lang="sv"),
    remedies("remedies-an-unreachable-guardian-blocks",
             {"ok": {"allowed": False, "remedies": [],
                     "blocked": [{"code": "CONSENT_GUARDIAN_UNREACHABLE", "path": "/case/guardians/1"}]}},
             case_with(guardians=[CASE["guardians"][0], dict(CASE["guardians"][1], reachable=False)])),
    remedies("remedies-a-minor-without-a-recorded-guardian-blocks",
             {"ok": {"allowed": False, "remedies": [],
                     "blocked": [{"code": "CONSENT_NO_GUARDIAN", "path": "/case/guardians",
                                  "params": {"age": "13"}}]}},
             case_with(guardians=[], consents=[])),
    # A case holding as many consents as the policy allows cannot record a draft: say so.
    dict(remedies("remedies-a-case-full-of-consents-cannot-take-another",
                  {"ok": {"allowed": False, "remedies": [],
                          "blocked": [{"code": "LIMIT_EXCEEDED", "path": "/case/consents",
                                       "params": {"count": "1", "limit": "1"}}]}}),
         input={"case": CASE, "request": REQUEST, "lang": "en",
                "policy": {"schema_version": 1, "limits": {"max_consents": 1}}}),
    remedies("remedies-unknown-recipient-is-an-error",
             {"error": {"code": "CONSENT_UNKNOWN_AGENCY", "path": "/request/to"}},
             request=dict(REQUEST, to="okand")),
    remedies("remedies-a-case-without-version-is-an-error",
             {"error": {"code": "JSON_MISSING_FIELD", "path": "/case/schema_version"}},
             case={k: v for k, v in CASE.items() if k != "schema_version"}),
]

# The consent plan: before a meeting, the one consent to ask for (R-CN-3 over the whole period).
PLAN = json.loads((ROOT / "examples/sharing/plan.json").read_text())["plan"]
ASKED_AT = PLAN["valid_from"]


def plan(id_, expect, case=CASE, **changes):
    return {"id": id_, "rule": "R-CP-2", "op": "consent.plan",
            "input": {"case": case, "plan": dict(PLAN, **changes), "lang": "sv"}, "expect": expect}


def draft(givers, recipients, categories, valid_until):
    return {"id": "plan-1", "givers": givers, "recipients": [{"Agency": r} for r in recipients],
            "categories": categories, "purpose": "TsiCollaboration", "valid_from": ASKED_AT,
            "valid_until": valid_until, "recorded_at": ASKED_AT, "recorded_by": "kurator-3"}


YOUNGER = dict(CASE, child={"birth_date": "2015-01-10"}, consents=[])  # 11 at the meeting
CASES += [
    # 13 now, 15 on 14 March 2028: both guardians and the child sign for everything; from 15 the
    # child alone may release health information shared by health care.
    plan("plan-a-meeting-asks-one-consent-and-says-the-15th-birthday",
         {"ok": {"covered": False, "blocked": [],
                 "consent": draft(EVERYONE, ["soc-barn-unga", "bup", "forsta-linjen"],
                                  ["Attendance", "MentalHealth", "SocialSituation"], PLAN["valid_until"]),
                 "birthdays": [{"date": "2028-03-14", "age": 15, "change": "ChildAloneForHealth"}]}}),
    plan("plan-covered-by-the-signed-consent-nothing-to-ask",
         {"ok": {"covered": True, "consent": None, "birthdays": [], "blocked": []}},
         recipients=["soc-barn-unga", "forsta-linjen"], categories=["Attendance", "Learning"],
         valid_until="2027-02-01T00:00:00+01:00"),
    # 11 at the meeting, 12 on 10 January: the child signs too, or sharing stops that day.
    plan("plan-a-child-turning-12-in-the-period-signs-too",
         {"ok": {"covered": False, "blocked": [],
                 "consent": draft(EVERYONE, ["bup"], ["MentalHealth"], "2027-06-01T00:00:00+02:00"),
                 "birthdays": [{"date": "2027-01-10", "age": 12, "change": "ChildConsentNeeded"}]}},
         case=YOUNGER, recipients=["bup"], categories=["MentalHealth"], valid_until="2027-06-01T00:00:00+02:00"),
    # A meeting about school attendance and the child's development shares those areas'
    # categories (R-CP-2): attendance; health, mental health and learning.
    plan("plan-concern-areas-give-their-categories",
         {"ok": {"covered": False, "blocked": [], "birthdays": [],
                 "consent": draft(EVERYONE, ["bup"], ["Attendance", "Learning", "Health", "MentalHealth"],
                                  "2027-06-01T00:00:00+02:00")}},
         recipients=["bup"], categories=[], concern_areas=["SchoolAttendance", "ChildDevelopment"],
         valid_until="2027-06-01T00:00:00+02:00"),
    plan("plan-a-refusal-blocks",
         {"ok": {"covered": False, "consent": None, "birthdays": [{"date": "2028-03-14", "age": 15}],
                 "blocked": [{"code": "CONSENT_GIVER_REFUSED", "path": "/case/refusals/0"}]}},
         case=case_with(refusals=[{"by": "Child", "at": "2026-11-01T10:00:00+01:00"}])),
    plan("plan-an-unknown-participant-is-an-error",
         {"error": {"code": "CONSENT_UNKNOWN_AGENCY", "path": "/plan/recipients/1"}}, recipients=["bup", "okand"]),
    plan("plan-a-period-that-ends-before-it-starts-is-an-error",
         {"error": {"code": "CONSENT_DATES_REVERSED", "path": "/plan/valid_until"}},
         valid_until="2026-11-01T00:00:00+01:00"),
]

out = ROOT / "tests/conformance/remedies.json"
out.write_text(json.dumps({"$schema": "./case.schema.json", "cases": CASES}, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {out.relative_to(ROOT)}: {len(CASES)} cases")
