"""The sharing documents' and the policy's JSON Schemas (bindings/schema/, generated from the Rust types, #29)
agree with the library, checked by an independent validator (`jsonschema`):

- every sharing case and request the corpus feeds the library validates when the library reads
  it, and fails when the library refuses it for its shape;
- over every mutation the path oracle makes of the example case (an unknown member on each
  object, each member removed, each value of the wrong type) the schema and the library say
  the same: refused for shape exactly when the schema fails."""
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
POLICY = validator("policy")
OPS = {"consent.decide": SHARE, "consent.prepared": SHARE, "consent.matrix": MATRIX, "consent.prepared_matrix": MATRIX,
       "policy.parse": None, "policy.validate": None}


def fed(case):
    """(name, document, validator, what the library said of it): 'read' or 'shape'."""
    i = expand(case["input"])
    error = case["expect"].get("error")
    if OPS[case["op"]] is None:
        # A policy is its own document: its paths have no prefix.
        if "policy" in i and (error is None or error["code"] in SHAPE):
            yield "policy", i["policy"], POLICY, "read" if error is None else "shape"
        return
    for name, check in [("case", CASE), ("request", OPS[case["op"]])]:
        if name not in i:
            continue
        if error is None:
            yield name, i[name], check, "read"
        elif error["path"].startswith(f"/{name}") and error["code"] in SHAPE:
            yield name, i[name], check, "shape"


# What a schema cannot say, named rather than hidden: an instant whose year is in range as written
# but not in UTC (the schema's description says so; the library refuses it).
BEYOND_A_SCHEMA = {"hostile-instant-in-year-10000-utc", "prepared-hostile-instant-in-year-10000-utc"}
DOCS = [(f"{c['id']}:{name}", doc, check, said) for c in load_cases() if c["op"] in OPS and c["id"] not in BEYOND_A_SCHEMA
        for name, doc, check, said in fed(c)]


def test_the_corpus_feeds_enough_documents():
    said = [d[3] for d in DOCS]
    assert said.count("read") >= 100 and said.count("shape") >= 5


@pytest.mark.parametrize("doc", DOCS, ids=[d[0] for d in DOCS])
def test_the_schema_says_of_each_corpus_document_what_the_library_said(doc):
    _, document, check, said = doc
    assert check.is_valid(document) == (said == "read")


def mutations(value, path=""):
    """(path, mutated document) for each node of `value`: an unknown member on each object
    (not inside `ext`, which is open), each member removed, each scalar of the wrong type."""
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


EXAMPLE = json.loads((ROOT / "examples" / "sharing" / "case.json").read_text(encoding="utf-8"))
EXAMPLE["ext"] = {"vendor": {"colour": "blue"}}
MUTATIONS = list(mutations(EXAMPLE))


def library_reads(document):
    try:
        tsi.validate_sharing_case(json.dumps(document), AT, tsi.Lang.EN)
        return True
    except tsi.TsiError.Invalid as e:
        assert e.code.name in SHAPE, f"refused for {e.code.name}, not for its shape"
        return False


def test_the_example_is_read_and_valid():
    assert CASE.is_valid(EXAMPLE) and library_reads(EXAMPLE)
    assert len(MUTATIONS) >= 100


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_schema_and_library_agree_on_each_mutation(mutation):
    document = copy.deepcopy(EXAMPLE)
    mutation[1](document)
    assert CASE.is_valid(document) == library_reads(document)


DEFAULT_POLICY = json.loads(tsi.default_policy_json())
DEFAULT_POLICY["ext"] = {"vendor": {"colour": "blue"}}
POLICY_MUTATIONS = list(mutations(DEFAULT_POLICY))


def library_reads_policy(document):
    try:
        tsi.parse_policy_json(json.dumps(document))
        return True
    except tsi.TsiError.Invalid as e:
        assert e.code.name in SHAPE, f"refused for {e.code.name}, not for its shape"
        return False


@pytest.mark.parametrize("mutation", POLICY_MUTATIONS, ids=[m[0] for m in POLICY_MUTATIONS])
def test_schema_and_library_agree_on_each_mutation_of_the_default_policy(mutation):
    document = copy.deepcopy(DEFAULT_POLICY)
    mutation[1](document)
    assert POLICY.is_valid(document) == library_reads_policy(document)
