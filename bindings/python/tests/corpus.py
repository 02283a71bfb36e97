"""The conformance case format (tests/conformance/case.schema.json): loading, input expansion
and partial matching, as in every other language's runner."""
import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "conformance"


def load_cases():
    cases = []
    for path in sorted(CORPUS.glob("*.json")):
        if path.name != "case.schema.json":
            cases.extend(json.loads(path.read_text(encoding="utf-8"))["cases"])
    return cases


def expand(v):
    """Expands {"$repeat": s, "times": n} and {"$concat": [...]} into strings."""
    if isinstance(v, list):
        return [expand(x) for x in v]
    if isinstance(v, dict):
        if "$repeat" in v:
            return v["$repeat"] * v["times"]
        if "$concat" in v:
            return "".join(expand(p) for p in v["$concat"])
        return {k: expand(x) for k, x in v.items()}
    return v


def matches(expected, actual):
    """Every key of an expected object must match; lists element by element; else equal."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and matches(e, actual[k]) for k, e in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(map(matches, expected, actual))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    return expected == actual
