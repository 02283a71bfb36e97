"""The SIP JSON Schema (bindings/schema/sip.schema.json, generated from the Rust types) agrees
with the library: every plan the library reads in the conformance corpus validates against it,
and what the schema forbids, the library refuses too."""
import json
from pathlib import Path

import jsonschema
import pytest
import tsi

from corpus import expand, load_cases

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "bindings" / "schema" / "sip.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
READ = [c for c in load_cases() if c["op"] == "sip.validate" and "ok" in c["expect"] and "sip" in c["input"]]


def test_the_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert len(READ) >= 40


@pytest.mark.parametrize("case", READ, ids=[c["id"] for c in READ])
def test_every_plan_the_library_reads_matches_the_schema(case):
    VALIDATOR.validate(expand(case["input"])["sip"])


@pytest.mark.parametrize("mutate", [
    lambda s: s.update(colour="blue"),
    lambda s: s.pop("participants"),
    lambda s: s["interventions"][0].update(level="High"),
    lambda s: s.update(measures_by_others="none"),
])
def test_what_the_schema_forbids_the_library_refuses(mutate):
    plan = json.loads((ROOT / "examples" / "sip" / "valid.json").read_text(encoding="utf-8"))
    mutate(plan)
    assert not VALIDATOR.is_valid(plan)
    with pytest.raises(tsi.TsiError.Invalid):
        tsi.validate_sip(json.dumps(plan), tsi.Lang.EN)
