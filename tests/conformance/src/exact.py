#!/usr/bin/env python3
"""Writes tests/conformance/exact.json: the cases of the "exact decisions" work (R-CP-2,
R-CN-2, R-CN-3, R-CN-4, R-CN-6, SPEC §9 local dates). Expectations are written by hand here,
from SPEC and the README's decisions; run this script after editing it."""
import copy
import json
import pathlib

AT = "2026-11-23T10:00:00+01:00"


def agency(id_, kind, principal):
    return {"id": id_, "kind": kind, "principal": {"id": principal.lower(), "kind": principal}}


AGENCIES = [
    agency("eh", "StudentHealth", "Municipality"),
    agency("soc", "SocialServices", "Municipality"),
    agency("school", "School", "Municipality"),
    agency("bup", "ChildPsychiatry", "Region"),
]
GUARDIANS = [{"id": "g1", "kind": "Parent"}, {"id": "g2", "kind": "Parent"}]


def day(n, hour=9):
    return f"2026-09-{n + 1:02d}T{hour:02d}:00:00+02:00"


def entry(n, event, actor="eh"):
    return {"ctx": {"now": day(n), "actor": "staff-1", "actor_agency": actor}, "event": event}


def raise_(concern, birth="2011-06-01"):
    return {"type": "Raise", "case_id": "k1", "raised_by": "eh", "concern_areas": concern,
            "suggested_level": "Selective", "child": {"birth_date": birth}, "guardians": GUARDIANS,
            "agencies": AGENCIES}


def consent(id_, givers, categories, recipients=("soc", "school", "bup"), until="2027-06-01T00:00:00+02:00",
            purpose="TsiCollaboration"):
    return {"id": id_, "givers": [{"giver": g, "form": "Written"} for g in givers],
            "recipients": [{"Agency": r} for r in recipients], "categories": categories, "purpose": purpose,
            "valid_from": day(0), "valid_until": until, "recorded_at": day(2), "recorded_by": "staff-1"}


EVERYONE = [{"Guardian": "g1"}, {"Guardian": "g2"}, "Child"]
CHILD = ["Child"]
ALL_CATEGORIES = ["Attendance", "Learning", "Health", "MentalHealth", "SocialSituation", "FamilySituation",
                  "Assessments", "PlanContent"]


def meeting(participants, categories=None, invited=True, reason=None):
    e = {"type": "FirstMeeting", "meeting_id": "m1", "participants": participants, "guardians_invited": invited,
         "child_view": {"Recorded": "vill ha hjälp"}}
    if categories is not None:
        e["categories"] = categories
    if reason is not None:
        e["guardians_not_invited_reason"] = reason
    return e


def planning(concern, c):
    return [entry(0, raise_(concern)), entry(1, {"type": "RequestConsent"}), entry(2, {"type": "RecordConsent", "consent": c})]


def active(extra_consent=None):
    log = planning(["ChildDevelopment"], consent("c1", EVERYONE, ALL_CATEGORIES))
    log.append(entry(3, meeting(["eh", "soc", "bup"])))
    if extra_consent:
        log.append(entry(4, {"type": "RecordConsent", "consent": extra_consent}))
    return log


def withdraw(n, consent_id, by, scope, at=None):
    return entry(n, {"type": "WithdrawConsent",
                     "withdrawal": {"consent": consent_id, "by": by, "at": at or day(n), "scope": scope}})


def replay(id_, rule, log, expect, **extra):
    return {"id": id_, "rule": rule, "op": "case.replay", "input": {"log": log, **extra}, "expect": expect}


def error(code, path, **params):
    e = {"code": code, "path": path}
    if params:
        e["params"] = params
    return {"error": e}


CASES = []
add = CASES.append

# ---- R-CP-2: a meeting is covered for every agency and every category it discusses
health_alone = planning(["ChildDevelopment", "ParentingCapacity"], consent("c1", CHILD, ["Health"]))
add(replay("exact-child-alone-health-consent-starts-planning", "R-CN-3", health_alone,
           {"ok": {"case": {"state": "Planning"}}}))
add(replay("exact-meeting-about-the-family-needs-the-guardians", "R-CP-2",
           health_alone + [entry(3, meeting(["eh", "soc", "school"]))],
           error("CASE_CONSENT_NOT_COVERING", "/3/event/participants", agencies="soc, school",
                 categories="FamilySituation, Learning, MentalHealth", event="FirstMeeting", state="Planning")))
for order, cats in (("first", ["FamilySituation", "Health"]), ("last", ["Health", "FamilySituation"])):
    add(replay(f"exact-meeting-coverage-does-not-depend-on-order-family-{order}", "R-CP-2",
               health_alone + [entry(3, meeting(["eh", "soc", "school"], cats))],
               error("CASE_CONSENT_NOT_COVERING", "/3/event/participants", agencies="soc, school",
                     categories="FamilySituation")))
add(replay("exact-meeting-about-health-only-is-covered", "R-CP-2",
           health_alone + [entry(3, meeting(["eh", "soc", "school"], ["Health"]))],
           {"ok": {"case": {"state": "Active"}, "warnings": []}}))
add(replay("exact-meeting-with-an-empty-category-list", "R-CP-2",
           health_alone + [entry(3, meeting(["eh", "soc"], []))],
           error("CASE_REQUIRED_FIELD_EMPTY", "/3/event/categories")))
for state, log in (("Raised", [entry(0, raise_(["SchoolAttendance"]))]),
                   ("AwaitingConsent", [entry(0, raise_(["SchoolAttendance"])), entry(1, {"type": "RequestConsent"})])):
    add(replay(f"exact-meeting-before-any-consent-in-{state.lower()}", "R-CP-2",
               log + [entry(len(log), meeting(["eh", "soc"]))],
               error("CASE_CONSENT_NOT_COVERING", f"/{len(log)}/event/participants", agencies="soc",
                     categories="Attendance", state=state)))

# ---- R-CP-2 / R-CN-3: only a consent that satisfies R-CN-3 for what it names moves the case on
add(replay("exact-child-alone-consent-with-family-situation-is-refused", "R-CN-3",
           planning(["ChildDevelopment"], consent("c1", CHILD, ["Health", "FamilySituation"])),
           error("CASE_CONSENT_INSUFFICIENT", "/2/event/consent", reasons="CONSENT_GIVER_MISSING",
                 categories="FamilySituation", agencies="soc, school, bup",
                 givers="/sharing/guardians/0, /sharing/guardians/1")))
add(replay("exact-expired-consent-is-refused", "R-CN-6",
           planning(["ChildDevelopment"], consent("c1", EVERYONE, ["Health"], until=day(1))),
           error("CASE_CONSENT_INSUFFICIENT", "/2/event/consent", reasons="CONSENT_EXPIRED")))
oral = consent("c1", EVERYONE, ["Health"])
oral["givers"][0]["form"] = {"OralDocumented": {"documented_by": " "}}
add(replay("exact-undocumented-oral-consent-is-refused", "R-CN-1",
           planning(["ChildDevelopment"], oral),
           error("CASE_CONSENT_INSUFFICIENT", "/2/event/consent", reasons="CONSENT_ORAL_UNDOCUMENTED")))
paused = active() + [withdraw(4, "c1", "Child", "Whole")]
add(replay("exact-resume-needs-every-required-giver", "R-CP-5",
           paused + [entry(5, {"type": "RecordConsent",
                               "consent": consent("c2", [{"Guardian": "g1"}, {"Guardian": "g2"}], ["Health"])})],
           error("CASE_CONSENT_INSUFFICIENT", "/5/event/consent", givers="/sharing/child")))
add(replay("exact-resume-with-a-complete-consent", "R-CP-5",
           paused + [entry(5, {"type": "RecordConsent", "consent": consent("c2", EVERYONE, ["Health"])})],
           {"ok": {"case": {"state": "Active", "paused_from": None},
                   "allowed_events": ["AcceptHandover", "AddNeed", "Close", "DeclineHandover", "Deescalate",
                                      "EndIntervention", "Escalate", "EstablishSip", "FollowUpMeeting",
                                      "OfferHandover", "RecordConsent", "ReportOfConcern", "StartIntervention",
                                      "WithdrawConsent"]}}))

# ---- R-CN-2: a withdrawal takes effect at its own instant, within the log; pause follows sharing
add(replay("exact-withdrawal-dated-after-its-event", "R-CN-2", active() + [withdraw(4, "c1", "Child", "Whole", day(5))],
           error("CASE_WITHDRAWAL_TIME", "/4/event/withdrawal/at")))
add(replay("exact-withdrawal-dated-before-the-previous-event", "R-CN-2",
           active() + [withdraw(4, "c1", "Child", "Whole", day(2))],
           error("CASE_WITHDRAWAL_TIME", "/4/event/withdrawal/at")))
add(replay("exact-partial-withdrawal-pauses-when-nothing-else-carries", "R-CN-2",
           active() + [withdraw(4, "c1", {"Guardian": "g1"}, {"Category": "FamilySituation"})],
           {"ok": {"case": {"state": "Paused", "paused_from": "Active"}}}))
# The child is 15 and student health is health care: health is the child's to release alone, so a
# guardian's withdrawal of health stops nothing the case needs (giver by giver, R-CN-2/R-CN-3).
add(replay("exact-guardians-withdrawal-of-what-the-child-releases-alone", "R-CN-2",
           active() + [withdraw(4, "c1", {"Guardian": "g1"}, {"Category": "Health"})],
           {"ok": {"case": {"state": "Active"}}}))
add(replay("exact-partial-withdrawal-keeps-the-case-when-another-consent-carries", "R-CN-2",
           active(consent("c2", EVERYONE, ["Health", "MentalHealth"])) +
           [withdraw(5, "c1", {"Guardian": "g1"}, {"Category": "Health"})],
           {"ok": {"case": {"state": "Active"}}}))

# ---- required texts (R-CP-1, R-RS-2, R-RS-3) and the guardians' invitation (R-CP-3)
add(replay("exact-raise-without-concern-areas", "R-CP-1", [entry(0, raise_([]))],
           error("CASE_REQUIRED_FIELD_EMPTY", "/0/event/concern_areas")))
need = entry(4, {"type": "AddNeed", "need_id": "n1", "area": "ChildDevelopment", "level": "Selective",
                 "accountable": "soc"})
add(replay("exact-escalation-without-a-reason", "R-RS-3",
           active() + [need, entry(5, {"type": "Escalate", "need_id": "n1", "to": "Indicated", "reason": "  "})],
           error("CASE_REQUIRED_FIELD_EMPTY", "/5/event/reason")))
add(replay("exact-declined-handover-without-a-reason", "R-RS-2",
           active() + [need, entry(5, {"type": "OfferHandover", "need_id": "n1", "to": "bup"}, "soc"),
                       entry(6, {"type": "DeclineHandover", "need_id": "n1", "reason": ""}, "bup")],
           error("CASE_REQUIRED_FIELD_EMPTY", "/6/event/reason")))
full = planning(["ChildDevelopment"], consent("c1", EVERYONE, ALL_CATEGORIES))
add(replay("exact-guardians-not-invited-without-a-reason-warns", "R-CP-3",
           full + [entry(3, meeting(["eh", "soc"], invited=False))],
           {"ok": {"case": {"state": "Active"},
                   "warnings": [{"code": "CASE_GUARDIANS_NOT_INVITED", "path": "/3/event/guardians_invited",
                                 "severity": "warning"}]}}))
add(replay("exact-guardians-not-invited-with-a-reason", "R-CP-3",
           full + [entry(3, meeting(["eh", "soc"], invited=False, reason="skyddade personuppgifter"))],
           {"ok": {"case": {"state": "Active"}, "warnings": []}}))

# ---- R-AU-1: every event, applied or refused, is recorded (case.record)
def _python_chain():
    src = (pathlib.Path(__file__).resolve().parent / "audit.py").read_text().split("c = chain(4)")[0]
    ns = {}
    exec(src, ns)
    return ns["chain"](1)


PREV = _python_chain()[0]
GENESIS = "0" * 64
RAISE = entry(0, raise_(["ChildDevelopment"]))


def record(id_, log, the_entry, expect, **extra):
    inp = {"entry": the_entry, **extra}
    if log:
        inp["log"] = log
    return {"id": id_, "rule": "R-AU-1", "op": "case.record", "input": inp, "expect": expect}


add(record("exact-record-an-applied-event", [], RAISE,
           {"ok": {"applied": True, "refusal": None, "case": {"state": "Raised"},
                   "audit": {"schema_version": 3, "seq": 0, "prev_hash": GENESIS, "outcome": "Allowed",
                             "at": "2026-09-01T07:00:00Z", "reason_codes": [],
                             "action": {"kind": "CaseEvent", "event": "Raise", "from": None, "to": "Raised"}}}}))
add(record("exact-record-a-refused-event", [RAISE], entry(1, meeting(["eh", "soc"])),
           {"ok": {"applied": False, "case": {"state": "Raised"},
                   "refusal": {"code": "CASE_CONSENT_NOT_COVERING", "path": "/entry/event/participants"},
                   "audit": {"seq": 0, "outcome": "Denied", "reason_codes": ["CASE_CONSENT_NOT_COVERING"],
                             "action": {"kind": "CaseEvent", "event": "FirstMeeting", "from": "Raised", "to": "Raised"}}}}))
add(record("exact-record-chains-onto-a-record-written-elsewhere", [RAISE], entry(1, {"type": "RequestConsent"}),
           {"ok": {"applied": True, "audit": {"seq": 1, "prev_hash": PREV["hash"], "outcome": "Allowed"}}},
           audit_prev=PREV))
add(record("exact-record-refuses-a-forged-previous-record", [RAISE], entry(1, {"type": "RequestConsent"}),
           error("AUDIT_PREV_INVALID", "/audit_prev"), audit_prev=dict(PREV, actor="someone-else")))
pnr_entry = entry(1, {"type": "RequestConsent"})
pnr_entry["ctx"]["actor"] = "19121212-1212"
add(record("exact-record-refuses-a-personal-number-as-actor", [RAISE], pnr_entry,
           error("REFERENCE_IS_PERSONAL_NUMBER", "/entry/ctx/actor")))

# ---- may_share: local dates, the expiry warning's edge, only valid records
def sharing_case(birth="2012-01-01", consents=(), grounds=()):
    return {"schema_version": 1, "case_id": "k1", "child": {"birth_date": birth}, "guardians": GUARDIANS,
            "agencies": AGENCIES, "consents": list(consents), "legal_grounds": list(grounds)}


def request(category="Health", at=AT, from_="eh", to="bup"):
    return {"from": from_, "to": to, "category": category, "purpose": "TsiCollaboration", "at": at, "actor": "staff-9"}


def decide(id_, rule, case, req, expect, **extra):
    return {"id": id_, "rule": rule, "op": "consent.decide", "input": {"case": case, "request": req, **extra},
            "expect": expect}


parents = consent("c1", [{"Guardian": "g1"}, {"Guardian": "g2"}], ALL_CATEGORIES)
for written in ("2026-11-22T23:30:00Z", "2026-11-23T00:30:00+01:00", "2026-11-22T18:30:00-05:00"):
    add(decide(f"exact-age-on-the-stockholm-date-{written[-6:].replace(':', '').replace('+', 'p').replace('-', 'm').lower()}",
               "§9", sharing_case("2014-11-23", [parents]), request("Learning", written, "school"),
               {"ok": {"allowed": False, "basis": None,
                       "reasons": [{"code": "CONSENT_GIVER_MISSING", "path": "/case/child"}]}}))
add(decide("exact-age-on-the-utc-date-with-a-utc-policy", "§9", sharing_case("2014-11-23", [parents]),
           request("Learning", "2026-11-22T23:30:00Z", "school"),
           {"ok": {"allowed": True, "basis": {"kind": "Consent", "id": "c1"}, "reasons": []}},
           policy={"schema_version": 1, "time_zone": "UTC"}))
add(decide("exact-unknown-time-zone-is-refused", "§9", sharing_case(), request(),
           error("JSON_INVALID_VALUE", "/policy/time_zone"), policy={"schema_version": 1, "time_zone": "Europe/Berlin"}))
edge = consent("c1", EVERYONE, ALL_CATEGORIES, until="2026-12-23T10:00:00+01:00")
add(decide("exact-thirty-days-left-warns", "R-CN-6", sharing_case(consents=[edge]), request(),
           {"ok": {"allowed": True, "reasons": [{"code": "CONSENT_EXPIRING", "path": "/case/consents/0/valid_until",
                                                 "severity": "warning", "params": {"days": "30"}}]}}))
later = consent("c2", EVERYONE, ALL_CATEGORIES, until="2027-06-01T00:00:00+02:00")
add(decide("exact-no-expiry-warning-when-another-consent-lasts", "R-CN-6", sharing_case(consents=[edge, later]),
           request(), {"ok": {"allowed": True, "basis": {"kind": "Consent", "id": "c1"}, "reasons": []}}))
add(decide("exact-undocumented-oral-consent-is-no-basis", "R-CN-4", sharing_case(consents=[oral]), request(),
           {"ok": {"allowed": False, "reasons": [{"code": "CONSENT_ORAL_UNDOCUMENTED",
                                                  "path": "/case/consents/0/givers/0/form"}]}}))
ground = {"id": "lg1", "ground": "ChildAtRisk", "assessed_by": "", "assessed_at": "2026-11-20T08:00:00+01:00",
          "provision": "OSL 25 kap 12 §",
          "scope": {"categories": ["Health"], "valid_from": "2026-11-20T08:00:00+01:00"}}
add(decide("exact-legal-ground-without-assessor-is-no-basis", "R-CN-5", sharing_case(grounds=[ground]), request(),
           {"ok": {"allowed": False, "basis": None, "reasons": [
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/child"},
               {"code": "CONSENT_NONE", "path": "/case/consents"},
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/guardians/0"},
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/guardians/1"},
               {"code": "LEGAL_GROUND_INCOMPLETE", "path": "/case/legal_grounds/0"}]}}))
add({"id": "exact-validation-reports-a-ground-without-assessor", "rule": "R-CN-5", "op": "consent.validate",
     "input": {"case": sharing_case(grounds=[ground]), "at": AT},
     "expect": {"ok": {"valid": False, "findings": [{"code": "LEGAL_GROUND_INCOMPLETE", "path": "/legal_grounds/0"}]}}})

# ---- R-MT-1: slots keep their wall-clock time in the policy's zone
schedule = {"first_slot": "2026-09-30T13:00:00+02:00", "interval_days": 14}
add({"id": "exact-slots-follow-daylight-saving-time", "rule": "R-MT-1", "op": "meeting.next_slots",
     "input": {"schedule": schedule, "after": "2026-09-30T13:00:00+02:00", "n": 2},
     "expect": {"ok": ["2026-10-14T13:00:00+02:00", "2026-10-28T13:00:00+01:00"]}})
add({"id": "exact-slots-in-utc-keep-the-utc-time", "rule": "R-MT-1", "op": "meeting.next_slots",
     "input": {"schedule": schedule, "after": "2026-09-30T13:00:00+02:00", "n": 2,
               "policy": {"schema_version": 1, "time_zone": "UTC"}},
     "expect": {"ok": ["2026-10-14T11:00:00+00:00", "2026-10-28T11:00:00+00:00"]}})

# ---- R-PD-1 (clarified 2026-12): every id is a reference, wherever it stands
PNR = "19121212-1212"


def with_pnr(doc, *steps):
    """`doc` with the personal number at the path `steps`."""
    doc = copy.deepcopy(doc)
    node = doc
    for step in steps[:-1]:
        node = node[step]
    node[steps[-1]] = PNR
    return doc


ORAL = dict(consent("c1", EVERYONE, ALL_CATEGORIES),
            givers=[{"giver": {"Guardian": "g1"}, "form": {"OralDocumented": {"documented_by": "staff-2"}}},
                    {"giver": {"Guardian": "g2"}, "form": "Written"}, {"giver": "Child", "form": "Written"}])
OTHER_GROUND = {"id": "lg1", "ground": {"Other": "OSL 10 kap 19 §"}, "assessed_by": "staff-2",
                "assessed_at": day(1), "provision": "OSL 10 kap 19 §",
                "scope": {"from": "eh", "to": "bup", "categories": ["Health"], "valid_from": day(1)}}
for name, case, path in [
    ("principal", with_pnr(sharing_case(consents=[ORAL]), "agencies", 0, "principal", "id"),
     "/case/agencies/0/principal/id"),
    ("documented-by", with_pnr(sharing_case(consents=[ORAL]), "consents", 0, "givers", 0, "form", "OralDocumented",
                               "documented_by"), "/case/consents/0/givers/0/form/OralDocumented/documented_by"),
    ("giver", with_pnr(sharing_case(consents=[ORAL]), "consents", 0, "givers", 1, "giver", "Guardian"),
     "/case/consents/0/givers/1/giver/Guardian"),
    ("recipient", with_pnr(sharing_case(consents=[consent("c1", EVERYONE, ALL_CATEGORIES)]), "consents", 0,
                           "recipients", 2, "Agency"), "/case/consents/0/recipients/2/Agency"),
    ("ground-scope", with_pnr(sharing_case(grounds=[OTHER_GROUND]), "legal_grounds", 0, "scope", "to"),
     "/case/legal_grounds/0/scope/to"),
    ("ground-citation", with_pnr(sharing_case(grounds=[OTHER_GROUND]), "legal_grounds", 0, "ground", "Other"),
     "/case/legal_grounds/0/ground/Other"),
]:
    add(decide(f"exact-pd-refuses-a-personal-number-as-{name}", "R-PD-1", case, request(),
               error("REFERENCE_IS_PERSONAL_NUMBER", path)))
add(decide("exact-pd-refuses-a-personal-number-as-meeting", "R-PD-1", sharing_case(consents=[ORAL]),
           dict(request(), purpose={"SpecificMeeting": PNR}),
           error("REFERENCE_IS_PERSONAL_NUMBER", "/request/purpose/SpecificMeeting")))
raise_pnr = raise_(["SchoolAttendance"])
raise_pnr["agencies"] = with_pnr(AGENCIES, 1, "principal", "id")
add(replay("exact-pd-refuses-a-personal-number-as-principal-in-raise", "R-PD-1", [entry(0, raise_pnr)],
           error("REFERENCE_IS_PERSONAL_NUMBER", "/0/event/agencies/1/principal/id")))
add(replay("exact-pd-refuses-a-personal-number-documenting-an-oral-consent", "R-PD-1",
           [entry(0, raise_(["SchoolAttendance"])), entry(1, {"type": "RequestConsent"}),
            entry(2, {"type": "RecordConsent", "consent": with_pnr(ORAL, "givers", 0, "form", "OralDocumented",
                                                                   "documented_by")})],
           error("REFERENCE_IS_PERSONAL_NUMBER", "/2/event/consent/givers/0/form/OralDocumented/documented_by")))

# ---- #25: an expired legal ground is out of scope at its end, not its start
EXPIRED = dict(OTHER_GROUND, scope=dict(OTHER_GROUND["scope"], valid_until="2026-11-01T00:00:00+01:00"))
add(decide("exact-ground-expired-at-valid-until", "R-CN-5", sharing_case(grounds=[EXPIRED]), request(),
           {"ok": {"allowed": False, "reasons": [
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/child"},
               {"code": "CONSENT_NONE", "path": "/case/consents"},
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/guardians/0"},
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/guardians/1"},
               {"code": "LEGAL_GROUND_OUT_OF_SCOPE", "path": "/case/legal_grounds/0/scope/valid_until",
                "params": {"field": "valid_until"}}]}}))

# ---- #25: a refusal inside a case event names the node, not the event (`type` first)
def event_log():
    # A deep copy: the changes below must not reach the shared agencies and guardians.
    return copy.deepcopy([entry(0, raise_(["SchoolAttendance"])), entry(1, {"type": "RequestConsent"}),
                          entry(2, {"type": "RecordConsent", "consent": consent("c1", EVERYONE, ALL_CATEGORIES)})])


def changed_log(change):
    log = event_log()
    change(log)
    return log


for name, change, code, path in [
    ("birth-date-as-number", lambda l: l[0]["event"]["child"].update(birth_date=20110601),
     "JSON_WRONG_TYPE", "/0/event/child/birth_date"),
    ("member-in-child", lambda l: l[0]["event"]["child"].update(nickname="x"),
     "JSON_UNKNOWN_FIELD", "/0/event/child/nickname"),
    ("principal-kind", lambda l: l[0]["event"]["agencies"][0]["principal"].update(kind="Parish"),
     "JSON_INVALID_VALUE", "/0/event/agencies/0/principal/kind"),
    ("category-in-consent", lambda l: l[2]["event"]["consent"]["categories"].__setitem__(0, "Shoes"),
     "JSON_INVALID_VALUE", "/2/event/consent/categories/0"),
    ("member-in-oral-form", lambda l: l[2]["event"]["consent"]["givers"][0].update(
        form={"OralDocumented": {"documented_by": "staff-2", "nickname": "x"}}),
     "JSON_UNKNOWN_FIELD", "/2/event/consent/givers/0/form/OralDocumented/nickname"),
]:
    add(replay(f"exact-path-inside-an-event-{name}", "§9", changed_log(change), error(code, path)))
oral_member = dict(ORAL, givers=[{"giver": {"Guardian": "g1"},
                                  "form": {"OralDocumented": {"documented_by": "staff-2", "nickname": "x"}}}])
add(decide("exact-path-member-in-oral-form-of-a-sharing-case", "§9", sharing_case(consents=[oral_member]), request(),
           error("JSON_UNKNOWN_FIELD", "/case/consents/0/givers/0/form/OralDocumented/nickname")))

# ---- #25, R-CN-4 (clarified 2026-12): a defect never hides a reason; an unknown entry matches nothing
MISSING_EVERYONE = [{"code": "CONSENT_GIVER_MISSING", "path": "/case/child"},
                    {"code": "CONSENT_NONE", "path": "/case/consents"},
                    {"code": "CONSENT_GIVER_MISSING", "path": "/case/guardians/0"},
                    {"code": "CONSENT_GIVER_MISSING", "path": "/case/guardians/1"}]
no_recipients = dict(consent("c1", EVERYONE, ALL_CATEGORIES), recipients=[])
refused = dict(sharing_case(consents=[no_recipients]), refusals=[{"by": "Child", "at": day(5)}])
add(decide("exact-cn4-a-defect-does-not-hide-the-childs-refusal", "R-CN-4", refused, request(),
           {"ok": {"allowed": False, "basis": None, "reasons": [
               {"code": "CONSENT_RECIPIENT_NOT_COVERED", "path": "/case/consents/0/recipients"},
               {"code": "CONSENT_SCOPE_EMPTY", "path": "/case/consents/0/recipients"},
               {"code": "CONSENT_GIVER_REFUSED", "path": "/case/refusals/0", "params": {"consent": "c1"}}]}}))
add(decide("exact-cn4-no-givers-and-expired-says-both", "R-CN-4",
           sharing_case(consents=[consent("c1", [], ALL_CATEGORIES, until=day(10))]), request(),
           {"ok": {"allowed": False, "basis": None, "reasons": [
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/child", "params": {"consent": "c1"}},
               {"code": "CONSENT_SCOPE_EMPTY", "path": "/case/consents/0/givers"},
               {"code": "CONSENT_EXPIRED", "path": "/case/consents/0/valid_until"},
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/guardians/0", "params": {"consent": "c1"}},
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/guardians/1", "params": {"consent": "c1"}}]}}))
before_bup = dict(sharing_case(consents=[consent("c1", EVERYONE, ALL_CATEGORIES)]),
                  agencies=[a for a in AGENCIES if a["id"] != "bup"])
add(decide("exact-cn4-a-consent-naming-bup-before-bup-joins-covers-social-services", "R-CN-4", before_bup,
           request(to="soc"), {"ok": {"allowed": True, "basis": {"kind": "Consent", "id": "c1"}, "reasons": []}}))
typo = copy.deepcopy(before_bup)
typo["consents"][0]["givers"][1]["giver"] = {"Guardian": "g3"}
add(decide("exact-cn4-a-mistyped-giver-is-listed-as-the-likely-typo", "R-CN-4", typo, request(to="soc"),
           {"ok": {"allowed": False, "basis": None, "reasons": [
               {"code": "DANGLING_REFERENCE", "path": "/case/consents/0/givers/1/giver"},
               {"code": "DANGLING_REFERENCE", "path": "/case/consents/0/recipients/2"},
               {"code": "CONSENT_GIVER_MISSING", "path": "/case/guardians/1", "params": {"consent": "c1"}}]}}))
typo_ground = dict(OTHER_GROUND, scope=dict(OTHER_GROUND["scope"], **{"from": "elevhalsa"}))
add(decide("exact-cn4-a-mistyped-ground-sender-hides-nothing", "R-CN-4", sharing_case(grounds=[typo_ground]),
           request("Learning"),
           {"ok": {"allowed": False, "basis": None, "reasons": MISSING_EVERYONE + [
               {"code": "LEGAL_GROUND_OUT_OF_SCOPE", "path": "/case/legal_grounds/0/scope/categories",
                "params": {"field": "categories"}},
               {"code": "DANGLING_REFERENCE", "path": "/case/legal_grounds/0/scope/from"},
               {"code": "LEGAL_GROUND_OUT_OF_SCOPE", "path": "/case/legal_grounds/0/scope/from",
                "params": {"field": "from"}}]}}))
add({"id": "exact-cn4-validation-names-the-unknown-entry", "rule": "R-CN-4", "op": "consent.validate",
     "input": {"case": {k: v for k, v in before_bup.items()}, "at": AT},
     "expect": {"ok": {"valid": False, "findings": [
         {"code": "DANGLING_REFERENCE", "path": "/consents/0/recipients/2"}]}}})
raise_before_bup = dict(raise_(["ChildDevelopment"]), agencies=[a for a in AGENCIES if a["id"] != "bup"])
add(replay("exact-cn4-a-meeting-is-covered-by-a-consent-naming-bup-before-bup-joins", "R-CP-2",
           [entry(0, raise_before_bup), entry(1, {"type": "RequestConsent"}),
            entry(2, {"type": "RecordConsent", "consent": consent("c1", EVERYONE, ALL_CATEGORIES)}),
            entry(3, meeting(["eh", "soc", "school"]))],
           {"ok": {"case": {"state": "Active"}, "warnings": []}}))

# ---- #25, R-SP-6: wrong-typed enums, and members inside tagged objects, at their node
typed = copy.deepcopy(sharing_case(consents=[consent("c1", EVERYONE, ALL_CATEGORIES)]))
typed["agencies"][0]["kind"] = 7
add({"id": "exact-path-wrong-typed-agency-kind", "rule": "R-SP-6", "op": "consent.validate",
     "input": {"case": typed, "at": AT},
     "expect": error("JSON_WRONG_TYPE", "/agencies/0/kind")})
typed_giver = copy.deepcopy(sharing_case(consents=[consent("c1", EVERYONE, ALL_CATEGORIES)]))
typed_giver["consents"][0]["givers"][2]["giver"] = True
add(decide("exact-path-wrong-typed-giver", "R-SP-6", typed_giver, request(),
           error("JSON_WRONG_TYPE", "/case/consents/0/givers/2/giver")))
add(decide("exact-path-wrong-typed-purpose-in-a-request", "R-SP-6", sharing_case(), dict(request(), purpose=5),
           error("JSON_WRONG_TYPE", "/request/purpose")))
add({"id": "exact-path-wrong-typed-measure-kind-in-a-sip", "rule": "R-SP-6", "op": "sip.validate",
     "input": {"sip_text": "{\"schema_version\": 1, \"measures_by_others\": 7}"},
     "expect": error("JSON_WRONG_TYPE", "/measures_by_others")})

# ---- #25, R-PD-1: the ids of a plan are references too
SIP = json.loads((pathlib.Path(__file__).resolve().parents[3] / "examples" / "sip" / "valid.json").read_text())
for name, steps in [("sip-id", ("sip_id",)), ("participant-agency", ("participants", 0, "agency", "id")),
                    ("participant-principal", ("participants", 1, "agency", "principal", "id")),
                    ("need-id", ("needs", 0, "id")), ("intervention-need", ("interventions", 0, "need")),
                    ("lead-principal", ("lead_principals", 0))]:
    add({"id": f"exact-pd-refuses-a-personal-number-as-{name}", "rule": "R-PD-1", "op": "sip.validate",
         "input": {"sip": with_pnr(SIP, *steps)},
         "expect": error("REFERENCE_IS_PERSONAL_NUMBER", "".join(f"/{s}" for s in steps))})

out = pathlib.Path(__file__).resolve().parent.parent / "exact.json"
out.write_text(json.dumps({"$schema": "./case.schema.json", "cases": CASES}, ensure_ascii=False, indent=1) + "\n")
print(f"{len(CASES)} cases written to {out}")
