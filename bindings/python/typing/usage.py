"""Typed use of the installed package, checked by `mypy --strict` (scripts/python-wheel): what a
user's editor and CI see. Also run, so every line here is a real call."""
import dataclasses
import json

import tsi

check: tsi.IdCheck = tsi.check_personal_identity("121212-1212", "2026-11-23")
age: int = check.age
report: tsi.Report = tsi.validate_policy({"schema_version": 1, "min_cell": 2}, "en")
codes: list[tsi.Code] = [f.code for f in report.findings]
assert codes == [tsi.Code.POLICY_MIN_CELL_LOW] and codes[0].name == "POLICY_MIN_CELL_LOW"
same: tsi.Report = tsi.validate_policy(json.dumps({"schema_version": 1, "min_cell": 2}), tsi.Lang.EN)
assert dataclasses.asdict(report) == dataclasses.asdict(same)
policy = tsi.default_policy()  # a dict: the Pythonic name parses JSON results
assert isinstance(policy, dict) and policy["schema_version"] == 1
severity: tsi.Severity = report.findings[0].severity
try:
    tsi.check_personal_identity("121212-1213", "2026-11-23")
except tsi.TsiError.Invalid as e:
    code: tsi.Code = e.code
    params: dict[str, str] = e.params
    assert (code, e.path, params) == (tsi.Code.ID_BAD_CHECKSUM, "", {})
stats = tsi.StatsAccumulator("2026-11-23T12:00:00Z")
skipped: tsi.Code | None = stats.add([])
counted: int = stats.cases()
first_broken: int | None = tsi.verify_audit_chain([], "sv").first_broken
allowed: list[tsi.EventKind] = tsi.allowed_events(None)
assert allowed == [tsi.EventKind.RAISE]
print("typed usage ok:", codes, counted, skipped, first_broken)
