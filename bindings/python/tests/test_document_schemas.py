"""The document schemas (bindings/schema/, generated from the Rust types, #29) agree with the
library, checked by an independent validator (`jsonschema`):

- every document the corpus feeds the library validates when the library reads it, and fails
  when the library refuses it for its shape;
- over every mutation of an example of each document (an unknown member on each object, each
  member removed, each value of the wrong type) the schema and the library say the same:
  refused for shape exactly when the schema fails."""
import copy
import json
import re
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


S = {name: validator(name) for name in ["sharing-case", "share-request", "matrix-request", "policy", "sip",
                                        "deidentified-summary", "measures", "sharing-plan", "case-log", "case-entry",
                                        "audit-record", "audit-chain", "statistics-partial", "case-state",
                                        "statistics-report", "remedies", "consent-plan"]}
CASE, SHARE, MATRIX, SUMMARY = S["sharing-case"], S["share-request"], S["matrix-request"], S["deidentified-summary"]
WHOLE = ""  # a document whose refusals' paths have no prefix
# Each op of the corpus: the documents of its input — (input member, schema, prefix of the paths of
# its refusals). A document counts as read when the op answers, as refused for its shape when the
# op refuses it with a shape code at a path under its prefix.
READS = {
    "policy.parse": [("policy", "policy", WHOLE)], "policy.validate": [("policy", "policy", WHOLE)],
    "sip.validate": [("sip", "sip", WHOLE)], "deid.check": [("summary", "deidentified-summary", WHOLE)],
    "followup.validate": [("measures", "measures", WHOLE)],
    "case.replay": [("log", "case-log", WHOLE)], "case.allowed": [("log", "case-log", WHOLE)],
    "case.apply": [("entry", "case-entry", "/entry")],
    "case.record": [("entry", "case-entry", "/entry"), ("audit_prev", "audit-record", "/audit_prev")],
    "case.prepared_record": [("entry", "case-entry", "/entry"), ("audit_prev", "audit-record", "/audit_prev")],
    "audit.verify": [("records", "audit-chain", WHOLE)], "audit.proves": [("record", "audit-record", "/record")],
    "consent.remedies": [("case", "sharing-case", "/case"), ("request", "share-request", "/request")],
    "consent.plan": [("case", "sharing-case", "/case"), ("plan", "sharing-plan", "/plan")],
    "stats.merge": [("partials", "statistics-partial", "*")],
} | {op: [("case", "sharing-case", "/case"), ("request", request, "/request"), ("audit_prev", "audit-record", "/audit_prev")]
     for op, request in [("consent.decide", "share-request"), ("consent.prepared", "share-request"),
                         ("consent.matrix", "matrix-request"), ("consent.prepared_matrix", "matrix-request")]}
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
    for name, schema, prefix in READS[case["op"]]:
        if name not in i or i[name] is None:
            continue
        # A list of documents each read alone (statistics partials): each is read when the op answers.
        documents = [(f"{name}/{k}", d) for k, d in enumerate(i[name])] if prefix == "*" else [(name, i[name])]
        if error is None:
            said = "shape" if named_identifier(case) else "read"
        elif error["code"] in SHAPE and prefix != "*" and error["path"].startswith(prefix) \
                and not elsewhere(error["path"], i, name):
            said = "shape"
        else:
            continue
        for label, document in documents:
            yield label, document, S[schema], said


def elsewhere(path, given, name):
    """Whether a refusal's path names another input of the op (`/audit_key` beside a log)."""
    return any(path == f"/{k}" or path.startswith(f"/{k}/") for k in given if k != name)


CASES = [c for c in load_cases() if c["op"] in READS and c["id"] not in BEYOND_A_SCHEMA]
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
    `ext`, which is open), each member removed, each scalar of the wrong type, each name of a
    variant replaced by one no enum has — the four ways the path oracle (test_paths.py) breaks
    a node."""
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
        if isinstance(value, str) and re.fullmatch(r"[A-Z][A-Za-z]+", value):
            # The path oracle's fourth way: a name no enum has (refused when the member is an enum).
            yield f"{path}?", lambda d, p=path: replace(d, p, "Zzz")


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
    name = READS[op][0][0]
    return next(expand(c["input"])[name] for c in CASES if c["op"] == op and "ok" in c["expect"] and name in c["input"])


LOG = example("case", "log.json")[:6]  # Raise … FirstMeeting: every kind of member, few enough to mutate
CHAIN = [json.loads(line) for line in ROOT.joinpath("examples", "audit", "case-log.jsonl").read_text().splitlines()[:3]]
SHARING_CASE = json.dumps(example("sharing", "plan.json")["case"])


def opened(document):
    """The document with vendor data in `ext`, which every schema leaves open."""
    return dict(document, ext={"vendor": {"colour": "blue"}})


# An example of each document, its schema, and how the library reads it (raising for shape).
EXAMPLES = {
    "sharing-case": (opened(example("sharing", "case.json")), CASE, lambda t: tsi.validate_sharing_case(t, AT, tsi.Lang.EN)),
    "policy": (opened(json.loads(tsi.default_policy_json())), S["policy"], tsi.parse_policy_json),
    "sip": (example("sip", "valid.json"), S["sip"], lambda t: tsi.validate_sip(t, tsi.Lang.EN)),
    "deidentified-summary": (example("sharing", "deidentified.json"), SUMMARY, lambda t: tsi.check_deidentified(t, tsi.Lang.EN)),
    "measures": (first_read("followup.validate"), S["measures"], lambda t: tsi.validate_measures(t, tsi.Lang.EN)),
    "case-log": (LOG, S["case-log"], lambda t: tsi.replay_case(t, tsi.Lang.EN)),
    "case-entry": (LOG[0], S["case-entry"], lambda t: tsi.apply_case_event(None, t, tsi.Lang.EN)),
    "audit-chain": (CHAIN, S["audit-chain"], lambda t: tsi.verify_audit_chain(t, tsi.Lang.EN)),
    "sharing-plan": (example("sharing", "plan.json")["plan"], S["sharing-plan"],
                     lambda t: tsi.plan_consent_json(SHARING_CASE, t, tsi.Lang.EN)),
    "statistics-partial": (first_read("stats.merge")[0], S["statistics-partial"], tsi.StatsAccumulator.from_partial),
    "case-state": (json.loads(tsi.replay_case(json.dumps(LOG), tsi.Lang.EN).case_json), S["case-state"],
                   lambda t: tsi.PreparedCase(t).allowed_events()),
}
MUTATIONS = [(name, label, mutate) for name, (doc, _, _) in EXAMPLES.items() for label, mutate in mutations(doc)]


def library_reads(read, document):
    """Whether the library reads the document's shape: it answers, or refuses it for a rule (a
    consent that no longer covers a meeting once a member is gone) after reading it whole."""
    try:
        read(json.dumps(document))
        return True
    except tsi.TsiError.Invalid as e:
        return e.code.name not in SHAPE


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


def policy_of(i):
    return None if i.get("policy") is None else json.dumps(i["policy"])


# What the library writes, by op: documents out of one answer of the corpus, each with its schema.
WRITES = {
    "case.replay": lambda i: replay_writes(i),
    "stats.partial": lambda i: [("statistics-partial", accumulate(i).partial_json())],
    "stats.publish": lambda i: [("statistics-report", accumulate(i).publish_json(tsi.Lang.EN, min_cell=i.get("min_cell")))],
    "consent.remedies": lambda i: [("remedies", tsi.remedies_json(json.dumps(i["case"]), json.dumps(i["request"]),
                                                                  tsi.Lang.EN, policy_json=policy_of(i)))],
    "consent.plan": lambda i: [("consent-plan", tsi.plan_consent_json(json.dumps(i["case"]), json.dumps(i["plan"]),
                                                                      tsi.Lang.EN, policy_json=policy_of(i)))],
}


def replay_writes(i):
    view = tsi.replay_case(json.dumps(i["log"]), tsi.Lang.EN, at=i.get("at"), policy_json=policy_of(i))
    return [("case-state", view.case_json), ("audit-chain", view.audit_json)]


def accumulate(i):
    acc = tsi.StatsAccumulator(i["at"], policy_json=policy_of(i))
    for log in i["logs"]:
        acc.add(json.dumps(log))
    return acc


ANSWERED = [c for c in load_cases() if c["op"] in WRITES and "ok" in c["expect"] and "log_text" not in c["input"]]


@pytest.mark.parametrize("case", ANSWERED, ids=[c["id"] for c in ANSWERED])
def test_what_the_library_writes_validates_against_its_schema(case):
    for name, text in WRITES[case["op"]](expand(case["input"])):
        document = json.loads(text)
        assert S[name].is_valid(document), f"{name}: {next(S[name].iter_errors(document)).message}"
        if name == "audit-chain":
            assert all(S["audit-record"].is_valid(record) for record in document)


def test_every_written_document_is_checked():
    assert {name for c in ANSWERED for name, _ in WRITES[c["op"]](expand(c["input"]))} == {
        "case-state", "audit-chain", "statistics-partial", "statistics-report", "remedies", "consent-plan"}


# The examples a newcomer starts from, each with the schema docs/schemas.md names for it.
SHIPPED = [("sharing/allowed.json", "share-question", None), ("sharing/denied.json", "share-question", None),
           ("sharing/plan.json", "sharing-plan", "plan"), ("sharing/case.json", "sharing-case", None),
           ("case/log.json", "case-log", None), ("sip/valid.json", "sip", None),
           ("sharing/deidentified.json", "deidentified-summary", None)]


@pytest.mark.parametrize("shipped", SHIPPED, ids=[s[0] for s in SHIPPED])
def test_every_shipped_example_validates(shipped):
    path, name, member = shipped
    document = example(*path.split("/"))
    check = validator(name)
    assert check.is_valid(document[member] if member else document)


def test_the_shipped_audit_log_is_an_audit_chain():
    lines = ROOT.joinpath("examples", "audit", "case-log.jsonl").read_text(encoding="utf-8").splitlines()
    assert validator("audit-chain").is_valid([json.loads(line) for line in lines])
