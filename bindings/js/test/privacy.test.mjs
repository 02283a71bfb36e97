// R-PD-1 through the JS API: a personal identity number and a name go into every string field
// and, as a key, into every object of the example documents, one at a time; no error, finding,
// decision or audit record may contain them (the case state and the family summary carry the
// caller's own data back by design and are not searched).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import * as tsi from "@tsi-rules/tsi";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const example = (p) => JSON.parse(readFileSync(path.join(root, "examples", p), "utf8"));
const NUMBER = "19121212-1212";
const NAME = "Anna Svensson";
// References are copied by design; a name cannot be told from one, only a number is refused there.
const REFERENCES = new Set(["id", "case_id", "actor", "actor_agency", "raised_by", "from", "to", "recorded_by",
  "assessed_by", "documented_by", "consent", "meeting_id", "need_id", "need", "intervention_id", "accountable",
  "responsible_agency", "participants", "Agency", "Guardian", "sip_id", "agency"]);

function leaks(text) {
  const digits = text.replace(/\D/g, "");
  if (text.includes("1212-1212") || digits.includes("1212121212")) return "number";
  return text.includes("Svensson") ? "name" : null;
}

function* variants(root) {
  function* walk(node, at) {
    if (typeof node === "string") {
      const key = [...at].reverse().find((s) => !/^\d+$/.test(s));
      for (const value of REFERENCES.has(key) ? [NUMBER] : [NUMBER, NAME]) {
        const v = structuredClone(root);
        if (at.length === 0) yield [`= ${value}`, value];
        else {
          let parent = v;
          for (const s of at.slice(0, -1)) parent = parent[s];
          parent[at.at(-1)] = value;
          yield [`/${at.join("/")} = ${value}`, v];
        }
      }
    } else if (node && typeof node === "object") {
      if (!Array.isArray(node)) {
        for (const key of ["191212121212", NAME]) {
          const v = structuredClone(root);
          let target = v;
          for (const s of at) target = target[s];
          target[key] = 1;
          yield [`/${at.join("/")} + key ${key}`, v];
        }
      }
      for (const [k, child] of Object.entries(node)) yield* walk(child, [...at, k]);
    }
  }
  yield* walk(root, []);
}

function sweep(name, doc, run) {
  let checked = 0;
  for (const [what, v] of variants(doc)) {
    let text;
    try {
      text = JSON.stringify(run(v));
    } catch (e) {
      assert.ok(tsi.isTsiError(e), `${name} ${what}: ${e}`);
      text = `${e.code} ${e.path} ${JSON.stringify(e.params)} ${e.message}`;
    }
    const kind = leaks(text);
    assert.equal(kind, null, `${name}: ${what}: the ${kind} leaks into ${text}`);
    checked++;
  }
  return checked;
}

test("no personal data in errors, findings, decisions or audit records", () => {
  const log = example("case/log.json");
  const before = tsi.replayCase(log.slice(0, 4)).case;
  const records = readFileSync(path.join(root, "examples/audit/case-log.jsonl"), "utf8").trim().split("\n").slice(0, 3).map((l) => JSON.parse(l));
  let checked = 0;
  checked += sweep("mayShare", example("sharing/allowed.json"), (q) => {
    const d = tsi.mayShare(q.case, q.request);
    return [d.basis, d.reasons, d.audit];
  });
  checked += sweep("validateSharingCase", example("sharing/case.json"), (c) => tsi.validateSharingCase(c, "2026-11-23T10:00:00+01:00"));
  checked += sweep("checkDeidentified", example("sharing/deidentified.json"), (s) => tsi.checkDeidentified(s));
  checked += sweep("validateSip", example("sip/invalid.json"), (s) => tsi.validateSip(s));
  checked += sweep("replayCase", log.slice(0, 6), (l) => {
    const v = tsi.replayCase(l);
    return [v.warnings, v.due_actions, v.audit];
  });
  checked += sweep("recordCaseEvent", log[4], (e) => {
    const s = tsi.recordCaseEvent(before, e);
    return [s.warnings, s.refusal, s.audit];
  });
  checked += sweep("validatePolicy", { schema_version: 1, min_cell: 2, ext: { a: "b" } }, (p) => tsi.validatePolicy(p));
  checked += sweep("verifyAuditChain", records, (r) => tsi.verifyAuditChain(r));
  assert.ok(checked > 500, `${checked}`);
});
