// #25, R-SP-6 through the JS API, with documents as objects: each node shape of each
// conformance input is broken (wrong JSON type, unknown variant, unknown member beside the
// others, member removed) and the error must name that node — the same oracle as the Rust
// test `r_sp_6_every_error_names_the_node_that_is_wrong`, which does not use serde's paths.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tsi from "@tsi-rules/tsi";
import { expand, loadCases } from "./corpus.mjs";
import { ops } from "./ops.mjs";

const isVariantName = (s) => typeof s === "string" && /^[A-Z][A-Za-z]+$/.test(s);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isVariantObject = (v) => isObject(v) && Object.keys(v).length === 1 && isVariantName(Object.keys(v)[0]);
const CODES = { WrongType: "JSON_WRONG_TYPE", UnknownVariant: "JSON_INVALID_VALUE", UnknownMember: "JSON_UNKNOWN_FIELD",
  Removed: "JSON_MISSING_FIELD" };

function* nodes(value, at = []) {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* nodes(v, [...at, String(i)]);
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) yield* nodes(v, [...at, k]);
  yield at;
}

const pointer = (steps) => steps.map((s) => `/${s.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/** The input with the node at `steps` broken `how`, and the node the error must name. */
function broken(input, steps, how) {
  const changed = structuredClone(input);
  const parent = steps.slice(0, -1).reduce((n, s) => n[s], changed);
  const key = steps.at(-1);
  const node = parent[key];
  if (how === "WrongType") parent[key] = typeof node === "boolean" ? 7 : true;
  else if (how === "UnknownVariant" && isVariantName(node)) parent[key] = "Zzz";
  else if (how === "UnknownVariant" && isVariantObject(node)) parent[key] = { Zzz: Object.values(node)[0] };
  else if (how === "UnknownMember" && isObject(node) && !isVariantObject(node)) {
    node.zz_unknown = 1;
    return [changed, `${pointer(steps)}/zz_unknown`];
  } else if (how === "Removed" && isObject(parent)) delete parent[key];
  else return null;
  return [changed, pointer(steps)];
}

test("every error names the node that is wrong, from objects", () => {
  const seen = new Set();
  const wrong = [];
  let runs = 0;
  for (const c of loadCases()) {
    if (c.op.startsWith("stats.") || c.op === "meeting.agenda") continue;
    const input = expand(c.input);
    try { ops[c.op](input); } catch { continue; }
    for (const steps of nodes(input)) {
      if (steps.length < 2 || steps.includes("ext") || steps[0] === "responsible") continue;
      if (steps.includes("measures_by_others") && steps.at(-1) === "by") continue;
      const shape = `${c.op} ${steps.filter((s) => !/^\d+$/.test(s)).join("/")}`;
      for (const how of Object.keys(CODES)) {
        const made = broken(input, steps, how);
        if (!made || seen.has(`${shape} ${how}`)) continue;
        seen.add(`${shape} ${how}`);
        runs++;
        const [changed, node] = made;
        const inDocument = `/${node.split("/").slice(2).join("/")}`;
        const names = (p) => p === node || p === inDocument;
        let said;
        try {
          const answer = ops[c.op](changed);
          const findings = answer?.findings ?? [];
          if (findings.some((f) => f.severity === "error" && names(f.path))) continue;
          said = "accepted";
        } catch (e) {
          assert.ok(tsi.isTsiError(e), `${c.id}: ${e}`);
          if (e.code === CODES[how] && names(e.path)) continue;
          if (how === "Removed" && e.code !== CODES.Removed) continue; // an optional member
          said = `${e.code} at ${e.path}`;
        }
        if (how === "Removed" && said === "accepted") continue;
        wrong.push(`${c.id}: ${c.op} ${how} ${node} -> ${said}`);
      }
    }
  }
  console.log(`R-SP-6 path oracle (JS objects): ${runs} breakages, ${wrong.length} wrong`);
  assert.ok(runs > 1000, `${runs}`);
  assert.deepEqual(wrong.slice(0, 40), [], `${wrong.length} wrong of ${runs}`);
});
