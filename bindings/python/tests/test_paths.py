"""#25, R-SP-6 through the Python API, with documents as dicts: each node shape of each
conformance input is broken (wrong JSON type, unknown variant, unknown member beside the
others, member removed) and the error must name that node — the same oracle as the Rust test
`r_sp_6_every_error_names_the_node_that_is_wrong`, which does not use serde's paths."""
import copy
import re

import test_conformance as conformance
import tsi
from corpus import expand, load_cases

CODES = {"WrongType": "JSON_WRONG_TYPE", "UnknownVariant": "JSON_INVALID_VALUE",
         "UnknownMember": "JSON_UNKNOWN_FIELD", "Removed": "JSON_MISSING_FIELD"}


def variant_name(s):
    return isinstance(s, str) and re.fullmatch(r"[A-Z][A-Za-z]+", s) is not None


def variant_object(v):
    return isinstance(v, dict) and len(v) == 1 and all(variant_name(k) for k in v)


def nodes(value, at=()):
    if isinstance(value, list):
        for i, v in enumerate(value):
            yield from nodes(v, at + (i,))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from nodes(v, at + (k,))
    yield at


def pointer(steps):
    return "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in steps)


def broken(inp, steps, how):
    changed = copy.deepcopy(inp)
    parent = changed
    for s in steps[:-1]:
        parent = parent[s]
    key = steps[-1]
    node = parent[key]
    if how == "WrongType":
        parent[key] = 7 if isinstance(node, bool) else True
    elif how == "UnknownVariant" and variant_name(node):
        parent[key] = "Zzz"
    elif how == "UnknownVariant" and variant_object(node):
        parent[key] = {"Zzz": next(iter(node.values()))}
    elif how == "UnknownMember" and isinstance(node, dict) and not variant_object(node):
        node["zz_unknown"] = 1
        return changed, pointer(steps) + "/zz_unknown"
    elif how == "Removed" and isinstance(parent, dict):
        del parent[key]
    else:
        return None
    return changed, pointer(steps)


def with_dicts(i, name):
    """Documents handed over as Python data, not as text."""
    return i.get(f"{name}_text", i.get(name))


def test_every_error_names_the_node_that_is_wrong_from_dicts(monkeypatch):
    monkeypatch.setattr(conformance, "doc", with_dicts)
    seen, wrong, runs = set(), [], 0
    for case in load_cases():
        op = case["op"]
        if op.startswith("stats.") or op == "meeting.agenda":
            continue
        inp = expand(case["input"])
        if "error" in conformance.run(op, inp):
            continue
        for steps in nodes(inp):
            if len(steps) < 2 or "ext" in steps or steps[0] == "responsible":
                continue
            if "measures_by_others" in steps and steps[-1] == "by":
                continue
            shape = (op, tuple(s for s in steps if not isinstance(s, int)))
            for how, code in CODES.items():
                made = broken(inp, steps, how)
                if made is None or (shape, how) in seen:
                    continue
                seen.add((shape, how))
                runs += 1
                changed, node = made
                in_document = "/" + "/".join(node.split("/")[2:])
                got = conformance.run(op, changed)
                if "error" in got:
                    e = got["error"]
                    if e["code"] == code and e["path"] in (node, in_document):
                        continue
                    if how == "Removed" and e["code"] != code:
                        continue  # an optional member
                    said = f"{e['code']} at {e['path']}"
                else:
                    answer = got["ok"]
                    findings = answer.get("findings", []) if isinstance(answer, dict) else []
                    if any(f["severity"] == "error" and f["path"] in (node, in_document) for f in findings):
                        continue
                    if how == "Removed":
                        continue
                    said = "accepted"
                wrong.append(f"{case['id']}: {op} {how} {node} -> {said}")
    assert runs > 1000, runs
    assert wrong == [], f"{len(wrong)} wrong of {runs}: " + "\n".join(wrong[:40])
