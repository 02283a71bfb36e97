#!/usr/bin/env python3
"""Writes tests/conformance/followup.json and stats.json: follow-up measures and change
classification (R-FU-1 … R-FU-3) and statistics (R-ST-1 … R-ST-3). Expectations are written by
hand here from SPEC §8 and the default policy (ORS cut-offs 32 at 6–12, 28 at 13–17, 25 from 18;
reliable change 5; SRS alert below 36; problematic absence below 90 %; min_cell 5) — not by
tsi. Run this script after editing it."""
import copy
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- follow-up
FOLLOWUP = []


def validate(id_, rule, measures, expect, **extra):
    key = "measures_text" if isinstance(measures, str) else "measures"
    FOLLOWUP.append({"id": f"followup-{id_}", "rule": rule, "op": "followup.validate",
                     "input": {key: measures, **extra}, "expect": expect})


def report(valid, *findings):
    return {"ok": {"valid": valid, "findings": list(findings)}}


def error(code, path, **params):
    e = {"code": code, "path": path}
    if params:
        e["params"] = {k: str(v) for k, v in params.items()}
    return {"error": e}


GOOD = {"ors": [7, 8, 6.5, 8], "srs": [9, 9.5, 9, 10], "attendance_percent": 95,
        "worry": {"child": 3, "family": 2.5, "school": 4}, "goals": [{"intervention": "i1", "attainment": 0}]}
validate("all-measures-in-range-are-valid", "R-FU-1", GOOD, report(True))
validate("ors-item-above-10-names-the-item", "R-FU-1", {"ors": [7, 8, 10.5, 8]},
         report(False, {"code": "FOLLOWUP_VALUE_OUT_OF_RANGE", "path": "/ors/2", "params": {"min": "0", "max": "10"}}))
validate("negative-srs-item-names-the-item", "R-FU-1", {"srs": [-1, 9, 9, 9]},
         report(False, {"code": "FOLLOWUP_VALUE_OUT_OF_RANGE", "path": "/srs/0"}))
validate("ors-needs-four-items", "R-FU-1", {"ors": [7, 8, 9]},
         report(False, {"code": "FOLLOWUP_ITEM_COUNT", "path": "/ors", "params": {"expected": "4", "found": "3"}}))
validate("srs-needs-four-items", "R-FU-1", {"srs": [9, 9, 9, 9, 9]},
         report(False, {"code": "FOLLOWUP_ITEM_COUNT", "path": "/srs", "params": {"expected": "4", "found": "5"}}))
validate("attendance-above-100-is-out-of-range", "R-FU-1", {"attendance_percent": 100.5},
         report(False, {"code": "FOLLOWUP_VALUE_OUT_OF_RANGE", "path": "/attendance_percent",
                        "params": {"min": "0", "max": "100"}}))
validate("worry-above-10-names-the-focus-area", "R-FU-1", {"worry": {"child": 2, "school": 11}},
         report(False, {"code": "FOLLOWUP_VALUE_OUT_OF_RANGE", "path": "/worry/school"}))
validate("goal-attainment-is-minus-2-to-2", "R-FU-1", {"goals": [{"intervention": "i1", "attainment": 3}]},
         report(False, {"code": "FOLLOWUP_VALUE_OUT_OF_RANGE", "path": "/goals/0/attainment",
                        "params": {"min": "-2", "max": "2"}}))
validate("a-goal-rated-twice", "R-FU-1",
         {"goals": [{"intervention": "i1", "attainment": 1}, {"intervention": "i1", "attainment": 0}]},
         report(False, {"code": "FOLLOWUP_GOAL_TWICE", "path": "/goals/1/intervention"}))
validate("values-have-at-most-one-decimal", "R-FU-1", {"ors": [7.25, 8, 8, 8]},
         report(False, {"code": "FOLLOWUP_VALUE_PRECISION", "path": "/ors/0"}))
validate("no-measure-at-all", "R-FU-1", {}, report(False, {"code": "FOLLOWUP_MEASURES_EMPTY", "path": ""}))
validate("attendance-below-90-is-problematic-absence", "R-FU-3", {"attendance_percent": 89.9},
         report(True, {"code": "FOLLOWUP_PROBLEMATIC_ABSENCE", "severity": "warning", "path": "/attendance_percent",
                       "params": {"percent": "89.9", "threshold": "90"}}))
validate("attendance-of-exactly-90-is-not-problematic", "R-FU-3", {"attendance_percent": 90}, report(True))
validate("absence-threshold-is-policy", "R-FU-3", {"attendance_percent": 85}, report(True),
         policy={"schema_version": 1, "followup": {"attendance_problem_below_percent": 80}})
validate("srs-below-36-alerts-the-alliance", "R-FU-2", {"srs": [8.9, 9, 9, 9]},
         report(True, {"code": "FOLLOWUP_ALLIANCE_LOW", "severity": "warning", "path": "/srs",
                       "params": {"total": "35.9", "threshold": "36"}}))
validate("srs-of-exactly-36-is-fine", "R-FU-2", {"srs": [9, 9, 9, 9]}, report(True))
validate("a-misspelt-measure-is-refused", "R-FU-1", {"orss": [7, 8, 9, 9]},
         error("JSON_UNKNOWN_FIELD", "/orss"))
validate("a-score-as-text-is-refused", "R-FU-1", {"ors": ["7", 8, 9, 9]}, error("JSON_WRONG_TYPE", "/ors/0"))
validate("unparsable-measures", "§9", '{"ors": [7, 8', error("JSON_SYNTAX", ""))


def classify(id_, rule, birth, before, after, expect, **extra):
    q = {"schema_version": 1, "birth_date": birth, "before": {"at": before[0], "measures": before[1]},
         "after": {"at": after[0], "measures": after[1]}}
    FOLLOWUP.append({"id": f"followup-{id_}", "rule": rule, "op": "followup.classify",
                     "input": {"question": q, **extra}, "expect": expect})


def ors(total):
    """Four items adding up to `total` (a decimal with at most one place)."""
    tenths = round(total * 10)
    items = [tenths // 4 + (1 if i < tenths % 4 else 0) for i in range(4)]
    return [i / 10 if i % 10 else i // 10 for i in items]


def change(kind, before, after, att=None, problems=None):
    return {"ok": {"ors": kind, "ors_totals": [before, after] if kind else None, "attendance_change": att,
                   "problematic_absence": problems}}


T0, T1 = "2026-09-01T10:00:00+02:00", "2026-11-10T10:00:00+01:00"
CHILD_10 = "2016-05-01"
classify("ten-year-old-improves-below-the-cut-off", "R-FU-2", CHILD_10, (T0, {"ors": ors(20)}),
         (T1, {"ors": ors(30)}), change("Improved", "20", "30"))
classify("ten-year-old-recovers-crossing-32", "R-FU-2", CHILD_10, (T0, {"ors": ors(28)}), (T1, {"ors": ors(33)}),
         change("Recovered", "28", "33"))
classify("a-change-of-4-9-is-not-reliable", "R-FU-2", CHILD_10, (T0, {"ors": ors(25)}), (T1, {"ors": ors(29.9)}),
         change("Unchanged", "25", "29.9"))
classify("a-drop-of-5-is-a-deterioration", "R-FU-2", CHILD_10, (T0, {"ors": ors(30)}), (T1, {"ors": ors(25)}),
         change("Deteriorated", "30", "25"))
classify("a-drop-of-4-9-is-unchanged", "R-FU-2", CHILD_10, (T0, {"ors": ors(30)}), (T1, {"ors": ors(25.1)}),
         change("Unchanged", "30", "25.1"))
classify("already-above-the-cut-off-improves", "R-FU-2", CHILD_10, (T0, {"ors": ors(33)}), (T1, {"ors": ors(38)}),
         change("Improved", "33", "38"))
classify("fifteen-year-old-recovers-crossing-28", "R-FU-2", "2011-03-01", (T0, {"ors": ors(24)}),
         (T1, {"ors": ors(29)}), change("Recovered", "24", "29"))
classify("adult-cut-off-is-25", "R-FU-2", "2007-01-01", (T0, {"ors": ors(20)}), (T1, {"ors": ors(25)}),
         change("Recovered", "20", "25"))
classify("under-six-has-no-cut-off", "R-FU-2", "2021-06-01", (T0, {"ors": ors(20)}), (T1, {"ors": ors(35)}),
         change("Improved", "20", "35"))
# Born 2013-11-24: 12 until the local day of the 13th birthday, when the cut-off drops to 28.
classify("the-age-band-is-the-local-date-of-the-measurement", "R-FU-2", "2013-11-24",
         ("2026-11-01T10:00:00+01:00", {"ors": ors(25)}), ("2026-11-23T23:30:00Z", {"ors": ors(30)}),
         change("Recovered", "25", "30"))
classify("the-evening-before-the-birthday-is-still-12", "R-FU-2", "2013-11-24",
         ("2026-11-01T10:00:00+01:00", {"ors": ors(25)}), ("2026-11-23T22:30:00Z", {"ors": ors(30)}),
         change("Improved", "25", "30"))
classify("reliable-change-is-policy", "R-FU-2", CHILD_10, (T0, {"ors": ors(20)}), (T1, {"ors": ors(23)}),
         change("Improved", "20", "23"), policy={"schema_version": 1, "followup": {"reliable_change": 3}})
classify("attendance-change-and-absence-before-and-after", "R-FU-3", CHILD_10,
         (T0, {"attendance_percent": 80}), (T1, {"attendance_percent": 92.5}),
         change(None, None, None, "12.5", [True, False]))
classify("attendance-falling-is-negative", "R-FU-3", CHILD_10, (T0, {"attendance_percent": 95}),
         (T1, {"attendance_percent": 87.5, "ors": ors(30)}), change(None, None, None, "-7.5", [False, True]))
classify("the-later-measurement-may-not-be-earlier", "R-FU-2", CHILD_10, (T1, {"ors": ors(20)}),
         (T0, {"ors": ors(30)}), error("CASE_TIME_BACKWARDS", "/after/at"))
classify("each-measurement-is-checked-first", "R-FU-1", CHILD_10, (T0, {"ors": [5, 11, 5, 5]}),
         (T1, {"ors": ors(30)}), error("FOLLOWUP_VALUE_OUT_OF_RANGE", "/before/measures/ors/1", min=0, max=10))
FOLLOWUP.append({"id": "followup-question-of-another-schema-version", "rule": "§9", "op": "followup.classify",
                 "input": {"question": {"schema_version": 2, "birth_date": CHILD_10,
                                        "before": {"at": T0, "measures": {"ors": ors(20)}},
                                        "after": {"at": T1, "measures": {"ors": ors(30)}}}},
                 "expect": error("SCHEMA_VERSION_UNSUPPORTED", "/schema_version")})

# ---------------------------------------------------------------- statistics
STATS = []
AT = "2026-12-01T12:00:00+01:00"
AGENCIES = [
    {"id": "school", "kind": "School", "principal": {"id": "municipality", "kind": "Municipality"}},
    {"id": "soc", "kind": "SocialServices", "principal": {"id": "municipality", "kind": "Municipality"}},
    {"id": "first-line", "kind": "FirstLine", "principal": {"id": "region", "kind": "Region"}},
]


def day(n):
    """09:00 Stockholm time, n days after 2026-09-01 (summer time until 25 October)."""
    d = 1 + n
    month, dom = (9, d) if d <= 30 else (10, d - 30) if d <= 61 else (11, d - 61)
    offset = "+02:00" if (month, dom) < (10, 25) else "+01:00"
    return f"2026-{month:02d}-{dom:02d}T09:00:00{offset}"


def at_day(n, event, actor="school"):
    return {"ctx": {"now": day(n), "actor": "staff", "actor_agency": actor}, "event": event}


def case_log(k, stage, level="Selective", raised_by="school", ors_scores=(20, 30), att=(80, 95), start=0):
    """One case from the raise on `start`: consent asked on +1, recorded on +3, first meeting on
    +10 with measures, a follow-up on +38 with measures, closed (goals met) on +39."""
    kid = f"case-{k}"
    log = [at_day(start, {"type": "Raise", "case_id": kid, "raised_by": raised_by,
                          "concern_areas": ["SchoolAttendance"], "suggested_level": level,
                          "child": {"birth_date": "2016-04-01"}, "guardians": [{"id": "g1", "kind": "Parent"}],
                          "agencies": AGENCIES}, raised_by)]
    if stage == "raised":
        return log
    log.append(at_day(start + 1, {"type": "RequestConsent"}, raised_by))
    if stage == "declined":
        log.append(at_day(start + 2, {"type": "DeclineConsent"}, raised_by))
        log.append(at_day(start + 2, {"type": "Close", "reason": "Declined"}, raised_by))
        return log
    consent = {"id": "c1", "givers": [{"giver": {"Guardian": "g1"}, "form": "Written"}],
               "recipients": [{"Agency": a["id"]} for a in AGENCIES],
               "categories": ["Attendance", "Learning", "Health", "MentalHealth"], "purpose": "TsiCollaboration",
               "valid_from": day(start), "valid_until": "2028-01-01T00:00:00+01:00", "recorded_at": day(start + 3),
               "recorded_by": "staff"}
    log.append(at_day(start + 3, {"type": "RecordConsent", "consent": consent}, raised_by))
    if stage == "consented":
        return log
    parts = [a["id"] for a in AGENCIES]
    log.append(at_day(start + 10, {"type": "FirstMeeting", "meeting_id": "m1", "participants": parts,
                                   "guardians_invited": True, "child_view": {"Recorded": "view"},
                                   "measures": {"ors": ors(ors_scores[0]), "attendance_percent": att[0]}}, raised_by))
    log.append(at_day(start + 10, {"type": "AddNeed", "need_id": "n1", "area": "SchoolAttendance", "level": level,
                                   "accountable": raised_by}, raised_by))
    iv = {"id": "i1", "need": "n1", "responsible_agency": raised_by, "level": level, "start": day(start + 10)[:10],
          "goal": "goal", "next_follow_up": day(start + 38)[:10]}
    log.append(at_day(start + 10, {"type": "StartIntervention", "intervention": iv}, raised_by))
    if stage == "working":
        return log
    log.append(at_day(start + 38, {"type": "FollowUpMeeting", "meeting_id": "m2", "participants": parts}, raised_by))
    log.append(at_day(start + 38, {"type": "RecordFollowUp", "decision": "Continue",
                                   "measures": {"ors": ors(ors_scores[1]), "attendance_percent": att[1]}}, raised_by))
    if stage == "followed":
        return log
    log.append(at_day(start + 39, {"type": "EndIntervention", "intervention_id": "i1"}, raised_by))
    log.append(at_day(start + 39, {"type": "Close", "reason": "GoalsMet"}, raised_by))
    return log


def stats(id_, rule, op, input_, expect):
    is_error = isinstance(expect, dict) and "error" in expect
    STATS.append({"id": f"stats-{id_}", "rule": rule, "op": op, "input": input_,
                  "expect": expect if is_error else {"ok": expect}})


def logs(*specs):
    return [case_log(k, *s) if isinstance(s, tuple) else case_log(k, s) for k, s in enumerate(specs)]


# Partial aggregates: what is counted, by hand.
stats("one-closed-case-is-counted-everywhere", "R-ST-1", "stats.partial", {"at": AT, "logs": logs("closed")},
      {"cases": 1, "skipped_logs": 0, "by_state": {"Closed": 1}, "by_level": {"Selective": 1},
       "by_raising_agency_kind": {"School": 1}, "by_close_reason": {"GoalsMet": 1}, "funnel": {"Closed": 1},
       "raise_to_consent_days": {"3": 1}, "consent_to_first_meeting_days": {"7": 1},
       "outcomes": {"Selective": {"Improved": 1}},
       "attendance": {"cases": 1, "first_tenths": 800, "last_tenths": 950, "problematic_first": 1,
                      "problematic_last": 0}, "overdue": {}, "cases_overdue": 0})
stats("each-case-counts-at-its-furthest-stage", "R-ST-1", "stats.partial",
      {"at": AT, "logs": logs("raised", "consented", "working", "closed", "closed")},
      {"cases": 5, "funnel": {"Raised": 1, "Consent": 1, "FirstMeeting": 1, "Closed": 2},
       "by_state": {"Raised": 1, "Planning": 1, "Active": 1, "Closed": 2}})
stats("a-declined-case-stays-at-raised-in-the-funnel", "R-ST-1", "stats.partial",
      {"at": AT, "logs": logs("declined")},
      {"funnel": {"Raised": 1}, "by_close_reason": {"Declined": 1}, "raise_to_consent_days": {}})
stats("overdue-counts-by-code-and-by-case", "R-ST-1", "stats.partial",
      {"at": AT, "logs": logs("raised", "consented", "working")},
      {"overdue": {"DUE_CONSENT_REQUEST": 1, "DUE_FIRST_MEETING": 1, "DUE_FOLLOW_UP": 1}, "cases_overdue": 3})
stats("events-after-the-instant-are-left-out", "R-ST-1", "stats.partial",
      {"at": day(5), "logs": logs("closed", ("raised", "Selective", "school", (20, 30), (80, 95), 9))},
      {"cases": 1, "by_state": {"Planning": 1}, "funnel": {"Consent": 1}})
stats("the-level-is-the-highest-need-and-the-raiser-kind-is-named", "R-ST-1", "stats.partial",
      {"at": AT, "logs": logs(("closed", "Universal"), ("working", "Indicated", "first-line"), ("raised", "Universal", "soc"))},
      {"by_level": {"Universal": 2, "Indicated": 1},
       "by_raising_agency_kind": {"School": 1, "FirstLine": 1, "SocialServices": 1}})
stats("outcomes-by-level-recovered-and-deteriorated", "R-ST-1", "stats.partial",
      {"at": AT, "logs": logs(("closed", "Selective", "school", (25, 33)), ("followed", "Indicated", "school", (30, 24)),
                              ("followed", "Indicated", "school", (30, 32)))},
      {"outcomes": {"Selective": {"Recovered": 1}, "Indicated": {"Deteriorated": 1, "Unchanged": 1}}})
stats("a-log-that-does-not-replay-is-skipped-not-counted", "R-ST-1", "stats.partial",
      {"at": AT, "logs": [case_log(0, "closed")[1:], case_log(1, "closed")]},
      {"cases": 1, "skipped_logs": 1})

# Adding one log: the code of a skipped log, never its content.
stats("add-answers-null-for-a-counted-log", "R-ST-1", "stats.add", {"at": AT, "log": case_log(0, "working")}, None)
stats("add-answers-the-code-of-a-log-that-does-not-start-with-raise", "R-ST-1", "stats.add",
      {"at": AT, "log": case_log(0, "working")[1:]}, "CASE_MUST_START_WITH_RAISE")
stats("add-answers-the-code-of-unparsable-text", "§9", "stats.add", {"at": AT, "log_text": "[{\"ctx\": "},
      "JSON_SYNTAX")
stats("add-answers-the-code-of-an-empty-log", "R-ST-1", "stats.add", {"at": AT, "log": []},
      "CASE_MUST_START_WITH_RAISE")

# Publishing (R-ST-3).
SIX_CLOSED = logs(*["closed"] * 6)
stats("six-alike-cases-are-published-whole", "R-ST-3", "stats.publish", {"at": AT, "logs": SIX_CLOSED},
      {"min_cell": 5, "cases": {"count": 6},
       # p90 of 6 is the 6th (⌈5.4⌉): the group's last rank, never shown; the median is the 3rd.
       "durations": [{"name": "raise_to_consent_days", "n": 6, "median": 3, "p90": None},
                     {"name": "consent_to_first_meeting_days", "n": 6, "median": 7, "p90": None},
                     {"name": "selective_waiting_days", "n": 0, "median": None, "p90": None}],
       "attendance": {"n": 6, "first": "80", "last": "95", "change": "15"}, "findings": []})
# 2 raised of 8: the 2 is suppressed, and so is the 6 closed (8 − 6 would give it away); what else is
# hidden is the engine's choice, so the other tables are only counted (14 in all).
# A suppressed count carries the range a reader cannot narrow; it is never zero, so it starts at 1.
BY_STATE = [{"key": "Raised", "count": None, "range": {"min": 1}}] + [{}] * 7 + [{"key": "Closed", "count": None}]
stats("a-small-cell-and-its-complement-are-suppressed", "R-ST-3", "stats.publish",
      {"at": AT, "logs": logs(*["closed"] * 6, "raised", "raised"), "min_cell": 5},
      {"cases": {"count": 8}, "tables": [{"name": "by_state", "total": {"key": "cases", "count": 8},
                                           "cells": BY_STATE}] + [{}] * 13})
# min_cell comes from the policy; a call may raise it, never lower it (the allowed range in params).
stats("a-policy-min-cell-of-1-publishes-everything-with-the-policy-warning", "R-ST-3", "stats.publish",
      {"at": AT, "logs": logs("closed", "raised"), "policy": {"schema_version": 1, "min_cell": 1}},
      {"min_cell": 1, "cases": {"count": 2}, "attendance": {"n": 1, "first": "80", "last": "95", "change": "15"},
       "findings": [{"code": "POLICY_MIN_CELL_LOW", "severity": "warning", "path": "/min_cell",
                     "params": {"value": "1"}}]})
stats("min-cell-below-the-policy-is-refused", "R-ST-3", "stats.publish",
      {"at": AT, "logs": logs("closed", "raised"), "min_cell": 4},
      {"error": {"code": "ARGUMENT_OUT_OF_RANGE", "params": {"field": "min_cell", "min": "5", "max": "1000"}}})
stats("min-cell-above-the-policy-is-used", "R-ST-3", "stats.publish",
      {"at": AT, "logs": SIX_CLOSED, "min_cell": 7},
      {"min_cell": 7, "cases": {"count": None}})
# p90 by nearest rank is the 9th of 9 (the largest: withheld) and the 9th of 10 (shown).
stats("p90-is-shown-from-ten-cases", "R-ST-3", "stats.publish",
      {"at": AT, "logs": logs(*["closed"] * 10)},
      {"durations": [{"name": "raise_to_consent_days", "n": 10, "median": 3, "p90": 3}, {}, {}]})
stats("p90-of-nine-cases-would-be-the-largest", "R-ST-3", "stats.publish",
      {"at": AT, "logs": logs(*["closed"] * 9)},
      {"durations": [{"name": "raise_to_consent_days", "n": 9, "median": 3, "p90": None}, {}, {}]})
stats("durations-of-a-group-below-min-cell-are-suppressed", "R-ST-3", "stats.publish",
      {"at": AT, "logs": logs("closed", "closed"), "min_cell": 5},
      {"cases": {"count": None},
       "durations": [{"name": "raise_to_consent_days", "n": None, "median": None, "p90": None},
                     {"name": "consent_to_first_meeting_days", "n": None, "median": None, "p90": None},
                     {"name": "selective_waiting_days", "n": 0, "median": None, "p90": None}],
       "attendance": {"n": None, "first": None, "last": None, "change": None}})
stats("skipped-logs-are-a-finding-with-their-count", "R-ST-1", "stats.publish",
      {"at": AT, "logs": [[], case_log(0, "closed")], "lang": "en"},
      {"findings": [{"code": "STATS_LOGS_SKIPPED", "severity": "warning", "params": {"count": "1"}}]})
# Merging partial aggregates.
stats("merge-of-two-municipalities-equals-the-whole", "R-ST-1", "stats.merge",
      {"at": AT, "parts": [logs("closed", "raised"), logs("working", "closed", "declined")]},
      {"cases": 5, "by_state": {"Closed": 3, "Raised": 1, "Active": 1}, "funnel": {"Raised": 2, "FirstMeeting": 1,
                                                                                  "Closed": 2},
       "raise_to_consent_days": {"3": 3}, "by_close_reason": {"GoalsMet": 2, "Declined": 1}})


def partial(**over):
    p = {"schema_version": 1, "at": "2026-12-01T11:00:00Z", "basis": BASIS, "cases": 1, "skipped_logs": 0,
         "by_state": {"Raised": 1}, "by_level": {"Selective": 1}, "by_raising_agency_kind": {"School": 1},
         "by_close_reason": {}, "funnel": {"Raised": 1}, "raise_to_consent_days": {},
         "consent_to_first_meeting_days": {}, "outcomes": {},
         "attendance": {"cases": 0, "first_tenths": 0, "last_tenths": 0, "problematic_first": 0, "problematic_last": 0},
         "overdue": {"DUE_CONSENT_REQUEST": 1}, "cases_overdue": 1,
         "selective": {"needs": 0, "waiting": 0, "waiting_days": {}, "declined_handovers": 0}}
    p.update(over)
    return p


# The digest of the default policy's statistics-relevant values (tsi stats partial prints it).
BASIS = "PLACEHOLDER"
stats("merge-of-written-partials", "R-ST-1", "stats.merge", {"partials": [partial(), partial()]},
      {"cases": 2, "by_state": {"Raised": 2}, "overdue": {"DUE_CONSENT_REQUEST": 2}})
stats("partials-of-other-instants-do-not-merge", "R-ST-1", "stats.merge",
      {"partials": [partial(), partial(at="2026-12-02T11:00:00Z")]},
      {"error": {"code": "STATS_MERGE_MISMATCH", "params": {"field": "at"}}})
stats("partials-of-other-policies-do-not-merge", "R-ST-1", "stats.merge",
      {"partials": [partial(), partial(basis="0000000000000000")]},
      {"error": {"code": "STATS_MERGE_MISMATCH", "params": {"field": "basis"}}})
stats("an-edited-partial-whose-counts-do-not-add-up-is-refused", "R-ST-3", "stats.merge",
      {"partials": [partial(), partial(by_state={"Raised": 3})]},
      {"error": {"code": "STATS_PARTIAL_INCONSISTENT", "path": "/by_state"}})
stats("a-partial-naming-a-vendor-kind-is-refused", "R-ST-3", "stats.merge",
      {"partials": [partial(), partial(by_raising_agency_kind={"Anna Andersson": 1})]},
      {"error": {"code": "STATS_PARTIAL_INCONSISTENT", "path": "/by_raising_agency_kind/*"}})
stats("a-partial-whose-count-is-beyond-exact-numbers-is-refused", "R-ST-3", "stats.merge",
      {"partials": [partial(), partial(selective={"needs": 0, "waiting": 0, "waiting_days": {},
                                                  "declined_handovers": 2 ** 53})]},
      {"error": {"code": "STATS_PARTIAL_INCONSISTENT", "path": "/selective"}})
# Relations a reader knows (docs/followup-and-stats.md): cases measured twice had a first meeting;
# a follow-up is overdue only in active work, and this partial's one case is raised.
stats("a-partial-measuring-a-case-without-a-first-meeting-is-refused", "R-ST-3", "stats.merge",
      {"partials": [partial(), partial(outcomes={"Selective": {"Improved": 1}})]},
      {"error": {"code": "STATS_PARTIAL_INCONSISTENT", "path": "/outcomes"}})
stats("a-partial-owing-a-follow-up-in-no-state-that-can-owe-it-is-refused", "R-ST-3", "stats.merge",
      {"partials": [partial(), partial(overdue={"DUE_FOLLOW_UP": 1})]},
      {"error": {"code": "STATS_PARTIAL_INCONSISTENT", "path": ""}})
stats("a-partial-of-another-schema-version-is-refused", "§9", "stats.merge",
      {"partials": [partial(schema_version=2)]}, {"error": {"code": "SCHEMA_VERSION_UNSUPPORTED"}})


def write(name, cases):
    (OUT / name).write_text(json.dumps({"$schema": "./case.schema.json", "cases": cases}, ensure_ascii=False,
                                       indent=1) + "\n")
    print(f"{len(cases)} cases written to {name}")


if __name__ == "__main__":
    import subprocess
    import sys
    # The basis is a digest, not an expectation: read it from an empty partial of the default policy.
    out = subprocess.run(sys.argv[1:] or ["cargo", "run", "-q", "-p", "tsi-cli", "--", "stats", "partial",
                                          "--at", AT], input="", capture_output=True, text=True, check=True)
    BASIS = json.loads(out.stdout)["basis"]
    for c in STATS:
        for p in c["input"].get("partials", []):
            if p.get("basis") == "PLACEHOLDER":
                p["basis"] = BASIS
    write("followup.json", FOLLOWUP)
    write("stats.json", STATS)
