// The document schemas (bindings/schema/, #29) against the library, checked by an independent
// validator, ajv 8 (2020-12), as bindings/python/tests/test_document_schemas.py checks them with
// Python's jsonschema: every document of the corpus the library reads validates, every one it
// refuses for its shape fails, and over every mutation of an example of each document (an
// unknown member, a member removed, a value of the wrong type) the two agree.
// Run by `scripts/bench-js --check` (test-all's "peers" step); exits 1 on any disagreement.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import { loadCases, expand } from "../../bindings/js/test/corpus.mjs";
import { ops } from "../../bindings/js/test/ops.mjs";

const require = createRequire(import.meta.url);
const tsi = require("../../bindings/js/dist/tsi_wasm.cjs");
const root = new URL("../../", import.meta.url);
const SHAPE = new Set(["JSON_UNKNOWN_FIELD", "JSON_WRONG_TYPE", "JSON_MISSING_FIELD", "JSON_INVALID_VALUE"]);
const AT = "2026-11-23T10:00:00+01:00";
// What a schema cannot say, named rather than hidden: an instant in range as written but not in UTC.
const BEYOND_A_SCHEMA = new Set(["hostile-instant-in-year-10000-utc", "prepared-hostile-instant-in-year-10000-utc"]);

// Strict mode off because schemars writes `format: uint32` and other annotations ajv does not
// know; the two formats that matter are checked as ajv-formats would (a calendar day must exist).
const ajv = new Ajv2020({ strict: false, logger: false });
const day = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
ajv.addFormat("date", day);
ajv.addFormat("date-time", (s) => day(s.trim().slice(0, 10)) && !Number.isNaN(Date.parse(s)));
const json = (url) => JSON.parse(readFileSync(new URL(url, root), "utf8"));
const schemaJson = (name) => json(`bindings/schema/${name}.schema.json`);
const schema = (name) => ajv.compile(schemaJson(name));
const S = Object.fromEntries(["sharing-case", "share-request", "matrix-request", "policy", "sip", "deidentified-summary",
  "measures", "sharing-plan", "case-log", "case-entry", "case-state", "audit-record", "audit-chain", "statistics-partial",
  "statistics-report", "remedies", "consent-plan"].map((name) => [name, schema(name)]));
const WHOLE = ""; // a document whose refusals' paths have no prefix
// Each op of the corpus: the documents of its input — [input member, schema, prefix of the paths of
// its refusals]. A document counts as read when the op answers, as refused for its shape when the
// op refuses it with a shape code at a path under its prefix ("*": a list of documents, each read
// alone, counted only when the op answers). As in test_document_schemas.py.
const question = (request) => [["case", "sharing-case", "/case"], ["request", request, "/request"], ["audit_prev", "audit-record", "/audit_prev"]];
const READS = {
  "policy.parse": [["policy", "policy", WHOLE]], "policy.validate": [["policy", "policy", WHOLE]],
  "sip.validate": [["sip", "sip", WHOLE]], "deid.check": [["summary", "deidentified-summary", WHOLE]],
  "followup.validate": [["measures", "measures", WHOLE]],
  "case.replay": [["log", "case-log", WHOLE]], "case.allowed": [["log", "case-log", WHOLE]],
  "case.apply": [["entry", "case-entry", "/entry"]],
  "case.record": [["entry", "case-entry", "/entry"], ["audit_prev", "audit-record", "/audit_prev"]],
  "case.prepared_record": [["entry", "case-entry", "/entry"], ["audit_prev", "audit-record", "/audit_prev"]],
  "audit.verify": [["records", "audit-chain", WHOLE]], "audit.proves": [["record", "audit-record", "/record"]],
  "consent.remedies": [["case", "sharing-case", "/case"], ["request", "share-request", "/request"]],
  "consent.plan": [["case", "sharing-case", "/case"], ["plan", "sharing-plan", "/plan"]],
  "stats.merge": [["partials", "statistics-partial", "*"]],
  "consent.decide": question("share-request"), "consent.prepared": question("share-request"),
  "consent.matrix": question("matrix-request"), "consent.prepared_matrix": question("matrix-request"),
};
const summaryMembers = new Set(Object.keys(schemaJson("deidentified-summary").properties));

/** A summary member named like an identifier: read and reported by the library, refused by the schema. */
const namedIdentifier = (c) => c.op === "deid.check" && (c.expect.ok?.findings ?? []).some((f) =>
  f.code === "DEID_IDENTIFIER_FIELD" && f.path.split("/").length === 2 && !summaryMembers.has(f.path.slice(1)));

const disagreements = [];
let checked = 0;
function agree(label, validate, document, said) {
  checked++;
  if (validate(document) !== (said === "read")) disagreements.push(`${label}: the library ${said}, ajv ${validate(document)}`);
}
/** Whether a refusal's path names another input of the op (`/audit_key` beside a log). */
const elsewhere = (path, given, name) => Object.keys(given).some((k) => k !== name && (path === `/${k}` || path.startsWith(`/${k}/`)));
for (const c of loadCases()) {
  if (BEYOND_A_SCHEMA.has(c.id) || !(c.op in READS)) continue;
  const error = c.expect.error;
  const input = expand(c.input);
  for (const [name, schemaName, prefix] of READS[c.op]) {
    if (input[name] === undefined || input[name] === null) continue;
    let said = null;
    if (error === undefined) said = namedIdentifier(c) ? "shape" : "read";
    else if (SHAPE.has(error.code) && prefix !== "*" && error.path.startsWith(prefix) && !elsewhere(error.path, input, name)) said = "shape";
    if (said === null) continue;
    const documents = prefix === "*" ? input[name].map((d, k) => [`${name}/${k}`, d]) : [[name, input[name]]];
    for (const [label, document] of documents) agree(`${c.id}:${label}`, S[schemaName], document, said);
  }
}

/** [label, mutate(document)] for each node: unknown member, member removed, wrong type, unknown variant name. */
function* mutations(value, path = "") {
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !path.endsWith("/ext")) {
    yield [`${path}/+colour`, (d) => { node(d, path).colour = "blue"; }];
    for (const key of Object.keys(value)) {
      yield [`${path}/${key}-`, (d) => { delete node(d, path)[key]; }];
      yield* mutations(value[key], `${path}/${key}`);
    }
  } else if (Array.isArray(value)) {
    for (const [k, item] of value.entries()) yield* mutations(item, `${path}/${k}`);
  } else if (value !== null && typeof value !== "object") {
    const wrong = typeof value === "string" ? 7 : "seven";
    yield [`${path}~`, (d) => { const at = path.lastIndexOf("/"); node(d, path.slice(0, at))[path.slice(at + 1)] = wrong; }];
    // The path oracle's fourth way: a name no enum has (refused when the member is an enum).
    if (typeof value === "string" && /^[A-Z][A-Za-z]+$/.test(value)) {
      yield [`${path}?`, (d) => { const at = path.lastIndexOf("/"); node(d, path.slice(0, at))[path.slice(at + 1)] = "Zzz"; }];
    }
  }
}
const node = (d, path) => path.split("/").filter(Boolean).reduce((n, part) => n[part], d);

/** Whether the library reads the document's shape: it answers, or refuses it for a rule after reading it whole. */
function libraryReads(read, document) {
  try {
    read(JSON.stringify(document));
    return true;
  } catch (e) {
    if (e.code === undefined) throw e;
    return !SHAPE.has(e.code);
  }
}

const opened = (document) => ({ ...document, ext: { vendor: { colour: "blue" } } });
const firstMeasures = loadCases().find((c) => c.op === "followup.validate" && c.expect.ok && "measures" in c.input).input.measures;
const firstRead = (op, name) => loadCases().find((c) => c.op === op && c.expect.ok && name in c.input).input[name];
const LOG = json("examples/case/log.json").slice(0, 6); // Raise … FirstMeeting: every kind of member, few enough to mutate
const CHAIN = readFileSync(new URL("examples/audit/case-log.jsonl", root), "utf8").trim().split("\n").slice(0, 3).map((l) => JSON.parse(l));
const plan = json("examples/sharing/plan.json");
const EXAMPLES = {
  "sharing-case": [opened(json("examples/sharing/case.json")), S["sharing-case"], (t) => tsi.validateSharingCase(t, AT)],
  policy: [opened(tsi.defaultPolicy()), S.policy, (t) => tsi.parsePolicy(t)],
  sip: [json("examples/sip/valid.json"), S.sip, (t) => tsi.validateSip(t)],
  "deidentified-summary": [json("examples/sharing/deidentified.json"), S["deidentified-summary"], (t) => tsi.checkDeidentified(t)],
  measures: [firstMeasures, S.measures, (t) => tsi.validateMeasures(t)],
  "case-log": [LOG, S["case-log"], (t) => tsi.replayCase(t)],
  "case-entry": [LOG[0], S["case-entry"], (t) => tsi.applyCaseEvent(null, t)],
  "case-state": [tsi.replayCase(LOG).case, S["case-state"], (t) => new tsi.PreparedCase(t).allowedEvents()],
  "audit-chain": [CHAIN, S["audit-chain"], (t) => tsi.verifyAuditChain(t)],
  "sharing-plan": [plan.plan, S["sharing-plan"], (t) => tsi.planConsent(plan.case, t)],
  "statistics-partial": [firstRead("stats.merge", "partials")[0], S["statistics-partial"], (t) => tsi.StatsAccumulator.fromPartial(t)],
};
let mutated = 0;
for (const [name, [example, validate, read]] of Object.entries(EXAMPLES)) {
  if (!validate(example) || !libraryReads(read, example)) disagreements.push(`the ${name} example is not read`);
  for (const [label, mutate] of mutations(example)) {
    const document = structuredClone(example);
    mutate(document);
    mutated++;
    const reads = libraryReads(read, document);
    if (validate(document) !== reads) disagreements.push(`${name} mutation ${label}: ajv ${validate(document)}, the library ${reads}`);
  }
}

// What the library writes, out of each answer of the corpus: [schema, document] pairs. A case and
// an audit record are read back by tsi too; remedies, a consent plan and a report only written.
const WRITES = {
  "case.replay": (r) => [["case-state", r.case], ["audit-chain", r.audit]],
  "case.record": (r) => [["audit-record", r.audit], ...(r.case ? [["case-state", r.case]] : [])],
  "consent.decide": (r) => [["audit-record", r.audit]], "consent.matrix": (r) => [["audit-record", r.audit]],
  "stats.partial": (r) => [["statistics-partial", r]], "stats.merge": (r) => [["statistics-partial", r]],
  "stats.publish": (r) => [["statistics-report", r]],
  "consent.remedies": (r) => [["remedies", r]], "consent.plan": (r) => [["consent-plan", r]],
};
const written = new Set();
let outputs = 0;
for (const c of loadCases()) {
  if (!(c.op in WRITES) || c.expect.ok === undefined) continue;
  // As a JSON document: what a vendor stores or sends on.
  const answer = JSON.parse(JSON.stringify(ops[c.op](expand(c.input))));
  for (const [name, document] of WRITES[c.op](answer)) {
    outputs++;
    written.add(name);
    if (!S[name](document)) disagreements.push(`${c.id}: what the library writes fails ${name}: ${ajv.errorsText(S[name].errors)}`);
  }
}
if (written.size !== 7) disagreements.push(`written documents checked: ${[...written].join(", ")}`);

if (checked < 200 || mutated < 300) disagreements.push(`too little checked: ${checked} corpus documents, ${mutated} mutations`);
if (disagreements.length) {
  console.error(`schemas and the library disagree:\n  ${disagreements.join("\n  ")}`);
  process.exit(1);
}
console.log(`schemas: ajv and the library agree on ${checked} corpus documents and ${mutated} mutations; ${outputs} written documents validate`);
