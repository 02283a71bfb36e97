"""Every export called from Python; errors are a typed exception with code and path."""
import json

import pytest
import tsi

AT = "2026-11-23"


def test_version_and_codes():
    assert tsi.version().count(".") == 2
    codes = {c.code: c for c in tsi.codes()}
    assert codes[tsi.Code.ID_BAD_CHECKSUM].rule == "R-ID-1"
    assert codes[tsi.Code.ID_BAD_CHECKSUM].kind == tsi.CodeKind.ERROR
    assert codes[tsi.Code.POLICY_MIN_CELL_LOW].severity == tsi.Severity.WARNING
    # Every code, typed: its Python name is its stable text, the text the library writes.
    assert len(codes) == len(tsi.Code) and all(tsi.code_text(c) == c.name for c in tsi.Code)


def test_check_personal_identity():
    r = tsi.check_personal_identity("121212-1212", AT)
    assert (r.normalized, r.kind, r.birth_date, r.age) == ("201212121212", tsi.IdKind.PERSONAL_NUMBER, "2012-12-12", 13)
    assert tsi.age_at("2014-11-23", AT) == 12


def test_errors_carry_code_and_path_but_no_input_value():
    with pytest.raises(tsi.TsiError.Invalid) as info:
        tsi.check_personal_identity("121212-1213", AT)
    assert info.value.code == tsi.Code.ID_BAD_CHECKSUM
    assert info.value.path == ""
    assert "1213" not in str(info.value)
    with pytest.raises(tsi.TsiError) as info:
        tsi.age_at("2014-11-23", "tomorrow")
    assert info.value.code == tsi.Code.DATE_INVALID


def test_hostile_strings_are_coded_errors():
    for bad in ["", "\x00" * 10, "😀" * 1000, "1" * 1_000_000, "\ud7ff" * 3]:
        with pytest.raises(tsi.TsiError.Invalid) as info:
            tsi.check_personal_identity(bad, AT)
        assert info.value.code.name.startswith("ID_")
    with pytest.raises(tsi.TsiError.Invalid) as info:
        tsi.validate_policy(" " * (2 << 20), tsi.Lang.SV)
    assert info.value.code == tsi.Code.INPUT_TOO_LARGE


def test_policy_default_parse_validate():
    default = json.loads(tsi.default_policy_json())
    assert default["consent_policy"]["child_consent_from"] == 12
    assert json.loads(tsi.parse_policy_json('{"schema_version":1}')) == default
    report = tsi.validate_policy('{"schema_version":1,"min_cell":2}', tsi.Lang.EN)
    assert report.valid is True
    [finding] = report.findings
    assert (finding.code, finding.path, finding.severity) == (tsi.Code.POLICY_MIN_CELL_LOW, "/min_cell", tsi.Severity.WARNING)
    assert finding.params == {"value": "2"}
    assert "is low" in finding.message
    assert "är låg" in tsi.validate_policy('{"schema_version":1,"min_cell":2}', tsi.Lang.SV).findings[0].message


EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[3] / "examples" / "sharing"


def example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def test_may_share_with_defaults_and_audit_chain():
    allowed = example("allowed.json")
    d1 = tsi.may_share(json.dumps(allowed["case"]), json.dumps(allowed["request"]), tsi.Lang.SV)
    assert d1.allowed and d1.basis == tsi.Basis.CONSENT(id="samtycke-1")
    denied = example("denied.json")
    d2 = tsi.may_share(json.dumps(denied["case"]), json.dumps(denied["request"]), tsi.Lang.EN, audit_prev_json=d1.audit_json)
    assert not d2.allowed and d2.basis is None
    assert [r.code for r in d2.reasons] == [tsi.Code.CONSENT_CATEGORY_NOT_COVERED, tsi.Code.CONSENT_RECIPIENT_NOT_COVERED]
    chain = [json.loads(d1.audit_json), json.loads(d2.audit_json)]
    assert tsi.verify_audit_chain(json.dumps(chain), tsi.Lang.EN).valid
    chain[1]["outcome"] = "Allowed"
    report = tsi.verify_audit_chain(json.dumps(chain), tsi.Lang.EN)
    assert (report.valid, report.first_broken, report.finding.code) == (False, 1, tsi.Code.AUDIT_HASH_MISMATCH)


def test_sharing_errors_are_coded():
    allowed = example("allowed.json")
    with pytest.raises(tsi.TsiError.Invalid) as info:
        tsi.may_share(json.dumps(allowed["case"]), "{}", tsi.Lang.SV)
    assert (info.value.code, info.value.path) == (tsi.Code.JSON_MISSING_FIELD, "/request/from")
    with pytest.raises(tsi.TsiError.Invalid) as info:
        tsi.validate_sharing_case(json.dumps(allowed["case"]), "2026-11-23", tsi.Lang.SV)
    assert info.value.code == tsi.Code.INSTANT_INVALID
    report = tsi.check_deidentified(json.dumps(example("deidentified.json")), tsi.Lang.EN)
    assert [f.code for f in report.findings] == [tsi.Code.DEID_SMALL_POPULATION]


def test_sip_validate_summary_indicated():
    sip_dir = EXAMPLES.parent / "sip"
    valid = (sip_dir / "valid.json").read_text(encoding="utf-8")
    assert tsi.validate_sip(valid, tsi.Lang.SV).findings == []
    report = tsi.validate_sip((sip_dir / "invalid.json").read_text(encoding="utf-8"), tsi.Lang.EN)
    assert not report.valid
    assert (tsi.Code.SIP_LEAD_NOT_UNIQUE, "/lead_principals/1") in [(f.code, f.path) for f in report.findings]
    assert "Who does what:" in tsi.sip_summary(valid, tsi.Lang.EN)
    agencies = json.dumps([p["agency"] for p in json.loads(valid)["participants"]])
    assert tsi.sip_indicated(agencies, ["soc-barn-unga", "bup-uddevalla"]) is True
    assert tsi.sip_indicated(agencies, ["skola-ekbacken"]) is False


def test_case_process():
    log = json.loads((EXAMPLES.parent / "case" / "log.json").read_text(encoding="utf-8"))
    view = tsi.replay_case(json.dumps(log), tsi.Lang.EN)
    assert view.state == tsi.CaseState.CLOSED and view.allowed_events == [tsi.EventKind.REPORT_OF_CONCERN]
    assert len(json.loads(view.audit_json)) == 23
    active = tsi.replay_case(json.dumps(log[:11]), tsi.Lang.EN, at="2026-09-20T10:00:00+02:00")
    assert [d.code for d in active.due_actions] == [tsi.Code.DUE_SIP_MEETING, tsi.Code.DUE_FOLLOW_UP]
    close = json.dumps({"ctx": log[10]["ctx"], "event": {"type": "Close", "reason": "GoalsMet"}})
    with pytest.raises(tsi.TsiError.Invalid) as info:
        tsi.apply_case_event(active.case_json, close, tsi.Lang.EN)
    assert (info.value.code, info.value.path) == (tsi.Code.CASE_CLOSE_OPEN_NEEDS, "/entry/event/reason")
    # The open needs come as data, not only inside the message.
    assert info.value.params["event"] == "Close" and info.value.params["state"] == "Active"
    assert info.value.params["needs"] and info.value.params["needs"] in info.value.detail
    raised = tsi.apply_case_event(None, json.dumps(log[0]), tsi.Lang.SV)
    assert raised.state == tsi.CaseState.RAISED
    assert tsi.allowed_events(None) == [tsi.EventKind.RAISE]
    assert [d.code for d in tsi.due_actions(raised.case_json, "2026-09-09T09:00:00+02:00", tsi.Lang.EN)] == [tsi.Code.DUE_CONSENT_REQUEST]
    assert tsi.next_slots('{"first_slot":"2026-09-02T13:00:00+02:00"}', "2026-09-02T13:00:00+02:00", 1) == ["2026-09-16T13:00:00+02:00"]
    agenda = json.loads(tsi.agenda_json(f"[{raised.case_json}]", "2026-09-16T13:00:00+02:00"))
    assert agenda["new_raises"] == ["case-2026-0147"]
    assert tsi.case_diagram().startswith("stateDiagram-v2")


def test_stats_accumulator_from_an_iterator_merges_like_the_whole():
    """A region merges two municipalities' partials: the same as counting all logs at once."""
    import pathlib
    corpus = json.loads((pathlib.Path(__file__).parents[3] / "tests/conformance/stats.json").read_text())
    logs = next(c for c in corpus["cases"] if c["id"] == "stats-each-case-counts-at-its-furthest-stage")["input"]["logs"]
    at = "2026-12-01T12:00:00+01:00"

    def over(it):
        acc = tsi.StatsAccumulator(at)
        for log in it:
            assert acc.add(json.dumps(log)) is None
        return acc

    whole = json.loads(over(iter(logs)).partial_json())
    a, b = over(logs[:2]), over(logs[2:])
    assert json.loads(a.merge(b).partial_json()) == whole == json.loads(b.merge(a).partial_json())
    again = tsi.StatsAccumulator.from_partial(a.partial_json())
    assert again.cases() == 2
    published = json.loads(a.merge(b).publish_json(tsi.Lang.EN, min_cell=7))
    assert published["min_cell"] == 7 and "case-" not in json.dumps(published)
    # Five cases of five kinds: protecting them hides the total too; its range reaches 7.
    total = published["cases"]
    assert total["count"] is None and (total["range"]["max"] is None or total["range"]["max"] >= 7)
    with pytest.raises(tsi.TsiError) as below:
        a.publish_json(tsi.Lang.EN, min_cell=3)
    assert below.value.code == tsi.Code.ARGUMENT_OUT_OF_RANGE and below.value.params["min"] == "5"


def test_numbers_and_objects_python_gets_wrong_are_coded_errors():
    """#26: an integer past what the library takes, or a wrong object, is a TsiError with a code
    (never a bare ValueError or TypeError), and the value is not repeated."""
    schedule = {"first_slot": "2026-09-02T13:00:00+02:00"}
    for n, code in [(2**32, tsi.Code.LIMIT_EXCEEDED), (2**64 - 1, tsi.Code.LIMIT_EXCEEDED), (2**64, tsi.Code.ARGUMENT_OUT_OF_RANGE),
                    (10**30, tsi.Code.ARGUMENT_OUT_OF_RANGE)]:
        with pytest.raises(tsi.TsiError) as info:
            tsi.next_slots(json.dumps(schedule), "2026-09-02T00:00:00+02:00", n)
        assert info.value.code == code and str(n) not in str(info.value), n
    acc = tsi.StatsAccumulator("2026-11-23T12:00:00+01:00")
    for min_cell in [2**32, 2**40, 2**64 + 5]:
        with pytest.raises(tsi.TsiError) as info:
            acc.publish_json(tsi.Lang.EN, min_cell=min_cell)
        assert info.value.code == tsi.Code.ARGUMENT_OUT_OF_RANGE and str(min_cell) not in str(info.value)
    for other in [42, "text", {}, None]:
        with pytest.raises(tsi.TsiError) as info:
            acc.merge(other)
        assert info.value.code == tsi.Code.JSON_WRONG_TYPE and info.value.path == "/other"
