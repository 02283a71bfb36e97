"""Python's own wrong inputs are coded tsi errors that do not repeat the value (SPEC §9, R-PD-1)."""
import json

import pytest
import tsi

SECRET = "Anna \ud800 Andersson 121212-1212"


def refused(call):
    with pytest.raises(tsi.TsiError.Invalid) as e:
        call()
    for text in (str(e.value), repr(e.value), e.value.detail, json.dumps(e.value.params)):
        assert "Anna" not in text and "1212" not in text and "\\ud800" not in text
    return e.value


def test_a_lone_surrogate_is_input_not_utf8_naming_the_argument():
    e = refused(lambda: tsi.validate_policy(json.dumps({"x": SECRET}, ensure_ascii=False), tsi.Lang.SV))
    assert (e.code, e.path) == (tsi.Code.INPUT_NOT_UTF8, "/policy_json")
    e = refused(lambda: tsi.sip_indicated("[]", ["bup", SECRET]))
    assert (e.code, e.path) == (tsi.Code.INPUT_NOT_UTF8, "/responsible_agencies/1")


def test_a_lone_surrogate_in_a_method_of_the_accumulator():
    acc = tsi.StatsAccumulator("2026-12-01T12:00:00+01:00")
    e = refused(lambda: acc.add(SECRET))
    assert (e.code, e.path) == (tsi.Code.INPUT_NOT_UTF8, "/log_json")
    e = refused(lambda: tsi.StatsAccumulator(SECRET))
    assert e.code == tsi.Code.INPUT_NOT_UTF8
    e = refused(lambda: tsi.StatsAccumulator.from_partial(SECRET))
    assert e.code == tsi.Code.INPUT_NOT_UTF8


def test_lang_is_a_lang_or_sv_or_en_and_anything_else_is_lang_unknown():
    policy = tsi.default_policy_json()
    assert tsi.validate_policy(policy, "en").valid and tsi.validate_policy(policy, tsi.Lang.EN).valid
    e = refused(lambda: tsi.validate_policy(policy, SECRET))
    assert (e.code, e.path) == (tsi.Code.LANG_UNKNOWN, "/lang")
    e = refused(lambda: tsi.StatsAccumulator("2026-12-01T12:00:00+01:00").publish_json(SECRET))
    assert e.code == tsi.Code.LANG_UNKNOWN


def test_wrong_python_types_are_json_wrong_type():
    e = refused(lambda: tsi.age_at(20160501, "2026-11-24"))
    assert (e.code, e.path, e.params["expected"]) == (tsi.Code.JSON_WRONG_TYPE, "/birth_date", "a string")
    e = refused(lambda: tsi.next_slots('{"first_slot":"2026-09-02T13:00:00+02:00"}', "2026-09-02T13:00:00+02:00", -1))
    assert (e.code, e.path) == (tsi.Code.JSON_WRONG_TYPE, "/n")
    e = refused(lambda: tsi.StatsAccumulator("2026-12-01T12:00:00+01:00").publish_json("sv", min_cell="5"))
    assert (e.code, e.path) == (tsi.Code.JSON_WRONG_TYPE, "/min_cell")


def test_optional_arguments_still_take_none_and_defaults():
    assert tsi.StatsAccumulator("2026-12-01T12:00:00+01:00", None).cases() == 0
    assert json.loads(tsi.StatsAccumulator("2026-12-01T12:00:00+01:00").publish_json("en"))["min_cell"] == 5
