"""Every export called from Python; errors are a typed exception with code and path."""
import json

import pytest
import tsi

AT = "2026-11-23"


def test_version_and_codes():
    assert tsi.version().count(".") == 2
    codes = {c.code: c for c in tsi.codes()}
    assert codes["ID_BAD_CHECKSUM"].rule == "R-ID-1"
    assert codes["ID_BAD_CHECKSUM"].kind == tsi.CodeKind.ERROR
    assert codes["POLICY_MIN_CELL_LOW"].severity == tsi.Severity.WARNING


def test_check_personal_identity():
    r = tsi.check_personal_identity("121212-1212", AT)
    assert (r.normalized, r.kind, r.birth_date, r.age) == ("201212121212", tsi.IdKind.PERSONAL_NUMBER, "2012-12-12", 13)
    assert tsi.age_at("2014-11-23", AT) == 12


def test_errors_carry_code_and_path_but_no_input_value():
    with pytest.raises(tsi.TsiError.Invalid) as info:
        tsi.check_personal_identity("121212-1213", AT)
    assert info.value.code == "ID_BAD_CHECKSUM"
    assert info.value.path == ""
    assert "1213" not in str(info.value)
    with pytest.raises(tsi.TsiError) as info:
        tsi.age_at("2014-11-23", "tomorrow")
    assert info.value.code == "DATE_INVALID"


def test_hostile_strings_are_coded_errors():
    for bad in ["", "\x00" * 10, "😀" * 1000, "1" * 1_000_000, "\ud7ff" * 3]:
        with pytest.raises(tsi.TsiError.Invalid) as info:
            tsi.check_personal_identity(bad, AT)
        assert info.value.code.startswith("ID_")
    with pytest.raises(tsi.TsiError.Invalid) as info:
        tsi.validate_policy_json(" " * (2 << 20), tsi.Lang.SV)
    assert info.value.code == "INPUT_TOO_LARGE"


def test_policy_default_parse_validate():
    default = json.loads(tsi.default_policy_json())
    assert default["consent_policy"]["child_consent_from"] == 12
    assert json.loads(tsi.parse_policy_json('{"schema_version":1}')) == default
    report = tsi.validate_policy_json('{"schema_version":1,"min_cell":2}', tsi.Lang.EN)
    assert report.valid is True
    [finding] = report.findings
    assert (finding.code, finding.path, finding.severity) == ("POLICY_MIN_CELL_LOW", "/min_cell", tsi.Severity.WARNING)
    assert finding.params == {"value": "2"}
    assert "is low" in finding.message
    assert "lågt" in tsi.validate_policy_json('{"schema_version":1,"min_cell":2}', tsi.Lang.SV).findings[0].message
