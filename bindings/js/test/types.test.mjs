// Real runtime outputs against the generated declarations (crates/tsi-types): every corpus
// case's result, and a call of each function the corpus does not reach, is written into a
// TypeScript file as a literal of the type its function declares (`ReturnType<typeof f>`), and
// `tsc --strict` must accept it. Object literals are checked both ways: a field the runtime
// returns that the type lacks fails, and so does a declared field the runtime leaves out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import * as tsi from "@tsi-rules/tsi";
import { loadCases, expand } from "./corpus.mjs";
import { ops } from "./ops.mjs";

const fn = (name) => `ReturnType<typeof tsi.${name}>`;
const method = (name) => `ReturnType<tsi.StatsAccumulator["${name}"]>`;
/** The declared type of each corpus operation's result. */
const declared = {
  "id.check": fn("checkPersonalIdentity"),
  "age.at": fn("ageAt"),
  "policy.validate": fn("validatePolicy"),
  "policy.parse": fn("parsePolicy"),
  "policy.default": fn("defaultPolicy"),
  "codes.get": `${fn("codes")}[number] | null`,
  "names.display": "string | null",
  "consent.decide": fn("mayShare"),
  "consent.prepared": fn("mayShare"),
  "consent.matrix": fn("sharingMatrix"),
  "consent.prepared_matrix": fn("sharingMatrix"),
  "case.prepared_record": fn("recordCaseEvent"),
  "policy.prepared_decide": `ReturnType<tsi.PreparedPolicy["mayShare"]>`,
  "policy.prepared_sharing_case": `ReturnType<tsi.PreparedSharingCase["mayShare"]>`,
  "policy.prepared_sip": `ReturnType<tsi.PreparedPolicy["validateSip"]>`,
  "policy.prepared_replay": `ReturnType<tsi.PreparedPolicy["replayCase"]>`,
  "policy.prepared_record": fn("recordCaseEvent"),
  "consent.remedies": fn("remedies"),
  "consent.plan": fn("planConsent"),
  "consent.validate": fn("validateSharingCase"),
  "deid.check": fn("checkDeidentified"),
  "audit.verify": fn("verifyAuditChain"),
  "audit.proves": fn("auditProves"),
  "sip.validate": fn("validateSip"),
  "sip.summary": fn("sipSummary"),
  "sip.indicated": fn("sipIndicated"),
  "case.replay": fn("replayCase"),
  "case.apply": fn("applyCaseEvent"),
  "case.record": fn("recordCaseEvent"),
  "case.allowed": fn("allowedEvents"),
  "meeting.next_slots": fn("nextSlots"),
  "meeting.agenda": fn("agenda"),
  "followup.validate": fn("validateMeasures"),
  "followup.classify": fn("classifyChange"),
  "stats.add": `${method("add")} | null`,
  "stats.partial": method("partial"),
  "stats.publish": method("publish"),
  "stats.merge": method("partial"),
};
const MAX_SAMPLE = 200_000; // characters of JSON; larger outputs repeat smaller ones' shapes

test("every runtime output is a value of its declared TypeScript type", () => {
  const lines = [`import type * as tsi from "@tsi-rules/tsi";`];
  const covered = new Set();
  let n = 0;
  const add = (type, value) => {
    const json = JSON.stringify(value);
    if (json === undefined || json.length > MAX_SAMPLE) return false;
    lines.push(`export const s${n++}: ${type} = ${json};`);
    return true;
  };
  for (const c of loadCases()) {
    assert.ok(c.op in declared, `no declared type for ${c.op}`);
    try {
      if (add(declared[c.op], ops[c.op](expand(c.input)))) covered.add(c.op);
    } catch (e) {
      assert.ok(tsi.isTsiError(e));
      add(`Pick<tsi.TsiError, "name" | "code" | "path" | "params">`, { name: e.name, code: e.code, path: e.path, params: e.params });
    }
  }
  // What the corpus does not call.
  add(fn("codes"), tsi.codes());
  add(fn("caseDiagram"), tsi.caseDiagram());
  add(fn("version"), tsi.version());
  add(`tsi.StatsAccumulator["cases"]`, new tsi.StatsAccumulator("2026-11-23T12:00:00+01:00").cases);
  assert.deepEqual([...Object.keys(declared)].filter((op) => !covered.has(op)), [], "operations without a sample");

  const dir = new URL("./.types-check/", import.meta.url);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(new URL("samples.ts", dir), lines.join("\n") + "\n");
  writeFileSync(new URL("tsconfig.json", dir), JSON.stringify({ extends: "../../tsconfig.json", files: ["samples.ts"] }));
  try {
    execFileSync("tsc", ["-p", new URL("tsconfig.json", dir).pathname], { stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc refused runtime outputs:\n${e.stdout.toString().slice(0, 3000)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(n > 500, `only ${n} samples`);
});
