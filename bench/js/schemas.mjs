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
const [CASE, SHARE, MATRIX] = ["sharing-case", "share-request", "matrix-request"].map(schema);
const [POLICY, SIP, SUMMARY, MEASURES] = ["policy", "sip", "deidentified-summary", "measures"].map(schema);
// Questions: a case and a request, paths prefixed /case and /request.
const QUESTIONS = { "consent.decide": SHARE, "consent.prepared": SHARE, "consent.matrix": MATRIX, "consent.prepared_matrix": MATRIX };
// One document, its paths without a prefix: the input holding it and its schema.
const SINGLE = { "policy.parse": ["policy", POLICY], "policy.validate": ["policy", POLICY], "sip.validate": ["sip", SIP],
  "deid.check": ["summary", SUMMARY], "followup.validate": ["measures", MEASURES] };
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
for (const c of loadCases()) {
  if (BEYOND_A_SCHEMA.has(c.id)) continue;
  const error = c.expect.error;
  if (c.op in SINGLE) {
    const [name, validate] = SINGLE[c.op];
    if (!(name in c.input) || (error !== undefined && !SHAPE.has(error.code))) continue;
    agree(c.id, validate, expand(c.input)[name], error === undefined && !namedIdentifier(c) ? "read" : "shape");
  } else if (c.op in QUESTIONS) {
    const input = expand(c.input);
    for (const [name, validate] of [["case", CASE], ["request", QUESTIONS[c.op]]]) {
      if (!(name in input)) continue;
      const said = error === undefined ? "read" : error.path.startsWith(`/${name}`) && SHAPE.has(error.code) ? "shape" : null;
      if (said !== null) agree(`${c.id}:${name}`, validate, input[name], said);
    }
  }
}

/** [label, mutate(document)] for each node: unknown member, member removed, wrong type. */
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
  }
}
const node = (d, path) => path.split("/").filter(Boolean).reduce((n, part) => n[part], d);

function libraryReads(read, document) {
  try {
    read(JSON.stringify(document));
    return true;
  } catch (e) {
    if (!SHAPE.has(e.code)) disagreements.push(`refused for ${e.code}, not for its shape`);
    return false;
  }
}

const opened = (document) => ({ ...document, ext: { vendor: { colour: "blue" } } });
const firstMeasures = loadCases().find((c) => c.op === "followup.validate" && c.expect.ok && "measures" in c.input).input.measures;
const EXAMPLES = {
  "sharing-case": [opened(json("examples/sharing/case.json")), CASE, (t) => tsi.validateSharingCase(t, AT)],
  policy: [opened(tsi.defaultPolicy()), POLICY, (t) => tsi.parsePolicy(t)],
  sip: [json("examples/sip/valid.json"), SIP, (t) => tsi.validateSip(t)],
  "deidentified-summary": [json("examples/sharing/deidentified.json"), SUMMARY, (t) => tsi.checkDeidentified(t)],
  measures: [firstMeasures, MEASURES, (t) => tsi.validateMeasures(t)],
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

if (checked < 200 || mutated < 300) disagreements.push(`too little checked: ${checked} corpus documents, ${mutated} mutations`);
if (disagreements.length) {
  console.error(`schemas and the library disagree:\n  ${disagreements.join("\n  ")}`);
  process.exit(1);
}
console.log(`schemas: ajv and the library agree on ${checked} corpus documents and ${mutated} mutations`);
