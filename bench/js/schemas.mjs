// The sharing documents' and the policy's JSON Schemas (bindings/schema/, #29) against the library, checked by
// an independent validator, ajv 8 (2020-12), as bindings/python/tests/test_document_schemas.py
// checks them with Python's jsonschema: every corpus case and request the library reads
// validates, every one it refuses for its shape fails, and over every mutation of the example
// case (an unknown member, a member removed, a value of the wrong type) the two agree.
// Run by `scripts/bench-js --check` (test-all's "peers" step); exits 1 on any disagreement.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import { loadCases, expand } from "../../bindings/js/test/corpus.mjs";

const require = createRequire(import.meta.url);
const tsi = require("../../bindings/js/dist/tsi_wasm.cjs");
const root = new URL("../../", import.meta.url);
const SHAPE = new Set(["JSON_UNKNOWN_FIELD", "JSON_WRONG_TYPE", "JSON_MISSING_FIELD", "JSON_INVALID_VALUE"]);
// What a schema cannot say, named rather than hidden: an instant in range as written but not in UTC.
const BEYOND_A_SCHEMA = new Set(["hostile-instant-in-year-10000-utc", "prepared-hostile-instant-in-year-10000-utc"]);

// `format` is left to the patterns (ajv checks formats only with a plugin); strict mode off
// because schemars writes `format: uint32` and other annotations ajv does not know.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
const schema = (name) => ajv.compile(JSON.parse(readFileSync(new URL(`bindings/schema/${name}.schema.json`, root), "utf8")));
const CASE = schema("sharing-case");
const POLICY = schema("policy");
const REQUEST = { "consent.decide": schema("share-request"), "consent.matrix": schema("matrix-request") };
REQUEST["consent.prepared"] = REQUEST["consent.decide"];
REQUEST["consent.prepared_matrix"] = REQUEST["consent.matrix"];

const disagreements = [];
let checked = 0;
for (const c of loadCases()) {
  const error = c.expect.error;
  if (["policy.parse", "policy.validate"].includes(c.op) && "policy" in c.input) {
    // A policy is its own document: its paths have no prefix.
    if (error !== undefined && !SHAPE.has(error.code)) continue;
    checked++;
    if (POLICY(expand(c.input).policy) !== (error === undefined)) disagreements.push(`${c.id}: the library ${error ? "refused" : "read"} it`);
    continue;
  }
  if (!(c.op in REQUEST) || BEYOND_A_SCHEMA.has(c.id)) continue;
  const input = expand(c.input);
  for (const [name, validate] of [["case", CASE], ["request", REQUEST[c.op]]]) {
    if (!(name in input)) continue;
    const said = error === undefined ? "read" : error.path.startsWith(`/${name}`) && SHAPE.has(error.code) ? "shape" : null;
    if (said === null) continue;
    checked++;
    if (validate(input[name]) !== (said === "read")) disagreements.push(`${c.id}:${name}: the library ${said}, ajv ${!said}`);
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

function libraryReads(document, read = (text) => tsi.validateSharingCase(text, "2026-11-23T10:00:00+01:00")) {
  try {
    read(JSON.stringify(document));
    return true;
  } catch (e) {
    if (!SHAPE.has(e.code)) disagreements.push(`refused for ${e.code}, not for its shape`);
    return false;
  }
}

const example = JSON.parse(readFileSync(new URL("examples/sharing/case.json", root), "utf8"));
example.ext = { vendor: { colour: "blue" } };
if (!CASE(example) || !libraryReads(example)) disagreements.push("the example is not read");
let mutated = 0;
for (const [label, mutate] of mutations(example)) {
  const document = structuredClone(example);
  mutate(document);
  mutated++;
  if (CASE(document) !== libraryReads(document)) disagreements.push(`mutation ${label}: ajv ${CASE(document)}, the library ${!CASE(document)}`);
}

const policy = { ...tsi.defaultPolicy(), ext: { vendor: { colour: "blue" } } };
for (const [label, mutate] of mutations(policy)) {
  const document = structuredClone(policy);
  mutate(document);
  mutated++;
  const reads = libraryReads(document, (text) => tsi.parsePolicy(text));
  if (POLICY(document) !== reads) disagreements.push(`policy mutation ${label}: ajv ${POLICY(document)}, the library ${reads}`);
}

if (checked < 100 || mutated < 100) disagreements.push(`too little checked: ${checked} corpus documents, ${mutated} mutations`);
if (disagreements.length) {
  console.error(`schemas and the library disagree:\n  ${disagreements.join("\n  ")}`);
  process.exit(1);
}
console.log(`schemas: ajv and the library agree on ${checked} corpus documents and ${mutated} mutations`);
