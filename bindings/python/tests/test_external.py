"""The personnummer project's shared test data (tests/external/personnummer, MIT) through the
Python API: verdicts, kinds and 12-digit forms agree, or differ exactly as recorded."""
import json
from pathlib import Path

import tsi

DIR = Path(__file__).resolve().parents[3] / "tests" / "external" / "personnummer"
AT = "2026-11-23"
KIND = {"ssn": tsi.IdKind.PERSONAL_NUMBER, "con": tsi.IdKind.COORDINATION_NUMBER}


def read(name):
    return json.loads((DIR / name).read_text(encoding="utf-8"))


def expectations():
    for item in read("list.json"):
        for field, century in (("long_format", True), ("short_format", False), ("separated_format", True),
                               ("separated_long", True), ("integer", True)):
            yield str(item[field]), item["valid"], KIND[item["type"]], item["long_format"] if century else None
    for kind, forms in read("structured.json").items():
        for form in ("integer", "string"):
            for verdict in ("valid", "invalid"):
                for value in forms[form][verdict]:
                    yield str(value), verdict == "valid", KIND[kind], None


def test_personnummer_meta_agrees_or_differs_as_recorded():
    known = {d["input"]: d["ours"] for d in read("known-differences.json")["differences"]}
    agreed, differed, failures = 0, 0, []
    for value, valid, kind, long in expectations():
        try:
            r = tsi.check_personal_identity(value, AT)
            got = (True, r.normalized, r.kind)
        except tsi.TsiError.Invalid as e:
            got = (False, e.code.name, None)
        if value in known:
            if got == (False, known[value], None):
                differed += 1
            else:
                failures.append(f"{value}: recorded {known[value]}, got {got}")
            continue
        ok = got[0] == valid and (not valid or (got[2] == kind and (long is None or got[1] == long)))
        if ok:
            agreed += 1
        else:
            failures.append(f"{value}: expected {(valid, kind, long)}, got {got}")
    assert failures == []
    assert agreed >= 100 and differed == 4
