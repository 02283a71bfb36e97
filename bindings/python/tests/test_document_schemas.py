"""The document schemas (bindings/schema/, generated from the Rust types, #29) agree with the
library, checked by an independent validator (`jsonschema`):

- every document the corpus feeds the library validates when the library reads it, and fails
  when the library refuses it for its shape;
- over every mutation of an example of each document (an unknown member on each object, each
  member removed, each value of the wrong type) the schema and the library say the same:
  refused for shape exactly when the schema fails."""
import copy
import json
from pathlib import Path

import jsonschema
import pytest
import tsi

from corpus import expand, load_cases

ROOT = Path(__file__).resolve().parents[3]
SHAPE = {"JSON_UNKNOWN_FIELD", "JSON_WRONG_TYPE", "JSON_MISSING_FIELD", "JSON_INVALID_VALUE"}
AT = "2026-11-23T10:00:00+01:00"


def validator(document):
    schema = json.loads((ROOT / "bindings" / "schema" / f"{document}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


CASE, SHARE, MATRIX = validator("sharing-case"), validator("share-request"), validator("matrix-request")
POLICY, SIP, SUMMARY, MEASURES = validator("policy"), validator("sip"), validator("deidentified-summary"), validator("measures")
# Questions: a case and a request, paths prefixed /case and /request.
QUESTIONS = {"consent.decide": SHARE, "consent.prepared": SHARE, "consent.matrix": MATRIX, "consent.prepared_matrix": MATRIX}
# One document, its paths without a prefix: the op, the input holding it, its schema.
SINGLE = {"policy.parse": ("policy", POLICY), "policy.validate": ("policy", POLICY), "sip.validate": ("sip", SIP),
          "deid.check": ("summary", SUMMARY), "followup.validate": ("measures", MEASURES)}
# What a schema cannot say, named rather than hidden: an instant whose year is in range as written
# but not in UTC (the schema's description says so; the library refuses it).
BEYOND_A_SCHEMA = {"hostile-instant-in-year-10000-utc", "prepared-hostile-instant-in-year-10000-utc"}


def named_identifier(case):
    """A summary member named like an identifier (`personnummer`, `child_name`): the library reads
    the summary to report it (DEID_IDENTIFIER_FIELD, R-DI-1) rather than refuse it unread; the
    schema, which knows no such member, refuses it. Both say: not a summary to send."""
    findings = case["expect"].get("ok", {}).get("findings", []) if case["op"] == "deid.check" else []
    members = SUMMARY.schema["properties"]
    return any(f["code"] == "DEID_IDENTIFIER_FIELD" and f["path"].count("/") == 1 and f["path"][1:] not in members
               for f in findings)


def fed(case):
    """(name, document, validator, what the library said of it): 'read' or 'shape'."""
    i = expand(case["input"])
    error = case["expect"].get("error")
    if case["op"] in SINGLE:
        name, check = SINGLE[case["op"]]
        if name in i and (error is None or error["code"] in SHAPE):
            yield name, i[name], check, "read" if error is None and not named_identifier(case) else "shape"
        return
    for name, check in [("case", CASE), ("request", QUESTIONS[case["op"]])]:
        if name not in i:
            continue
        if error is None:
            yield name, i[name], check, "read"
        elif error["path"].startswith(f"/{name}") and error["code"] in SHAPE:
            yield name, i[name], check, "shape"


CASES = [c for c in load_cases() if (c["op"] in QUESTIONS or c["op"] in SINGLE) and c["id"] not in BEYOND_A_SCHEMA]
DOCS = [(f"{c['id']}:{name}", doc, check, said) for c in CASES for name, doc, check, said in fed(c)]


def test_the_corpus_feeds_enough_documents():
    said = [d[3] for d in DOCS]
    assert said.count("read") >= 200 and said.count("shape") >= 15


@pytest.mark.parametrize("doc", DOCS, ids=[d[0] for d in DOCS])
def test_the_schema_says_of_each_corpus_document_what_the_library_said(doc):
    _, document, check, said = doc
    assert check.is_valid(document) == (said == "read")


def mutations(value, path=""):
    """(path, mutate) for each node of `value`: an unknown member on each object (not inside
    `ext`, which is open), each member removed, each scalar of the wrong type."""
    if isinstance(value, dict) and not path.endswith("/ext"):
        yield f"{path}/+colour", lambda d, p=path: node(d, p).update(colour="blue")
        for key in value:
            yield f"{path}/{key}-", lambda d, p=path, k=key: node(d, p).pop(k)
            yield from mutations(value[key], f"{path}/{key}")
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from mutations(item, f"{path}/{k}")
    elif value is not None:
        wrong = 7 if isinstance(value, str) else "seven"
        yield f"{path}~", lambda d, p=path, w=wrong: replace(d, p, w)


def node(document, path):
    for part in [p for p in path.split("/") if p]:
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


def replace(document, path, value):
    parent, last = path.rsplit("/", 1)
    target = node(document, parent)
    target[int(last) if isinstance(target, list) else last] = value


def example(*path):
    return json.loads(ROOT.joinpath("examples", *path).read_text(encoding="utf-8"))


def first_read(op):
    return next(expand(c["input"])[SINGLE[op][0]] for c in CASES if c["op"] == op and "ok" in c["expect"]
                and SINGLE[op][0] in c["input"])


def opened(document):
    """The document with vendor data in `ext`, which every schema leaves open."""
    return dict(document, ext={"vendor": {"colour": "blue"}})


# An example of each document, its schema, and how the library reads it (raising for shape).
EXAMPLES = {
    "sharing-case": (opened(example("sharing", "case.json")), CASE, lambda t: tsi.validate_sharing_case(t, AT, tsi.Lang.EN)),
    "policy": (opened(json.loads(tsi.default_policy_json())), POLICY, tsi.parse_policy_json),
    "sip": (example("sip", "valid.json"), SIP, lambda t: tsi.validate_sip(t, tsi.Lang.EN)),
    "deidentified-summary": (example("sharing", "deidentified.json"), SUMMARY, lambda t: tsi.check_deidentified(t, tsi.Lang.EN)),
    "measures": (first_read("followup.validate"), MEASURES, lambda t: tsi.validate_measures(t, tsi.Lang.EN)),
}
MUTATIONS = [(name, label, mutate) for name, (doc, _, _) in EXAMPLES.items() for label, mutate in mutations(doc)]


def library_reads(read, document):
    try:
        read(json.dumps(document))
        return True
    except tsi.TsiError.Invalid as e:
        assert e.code.name in SHAPE, f"refused for {e.code.name}, not for its shape"
        return False


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_is_read_and_valid(name):
    document, check, read = EXAMPLES[name]
    assert check.is_valid(document) and library_reads(read, document)
    assert sum(1 for m in MUTATIONS if m[0] == name) >= 10


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[f"{m[0]}{m[1]}" for m in MUTATIONS])
def test_schema_and_library_agree_on_each_mutation(mutation):
    name, _, mutate = mutation
    document, check, read = EXAMPLES[name]
    document = copy.deepcopy(document)
    mutate(document)
    assert check.is_valid(document) == library_reads(read, document)
