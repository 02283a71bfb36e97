// Runs the shared conformance corpus through the JS API (node ESM entry).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tsi from "@tsi-rules/tsi";
import { loadCases, expand, matches } from "./corpus.mjs";
import { ops } from "./ops.mjs";

function run(op, input) {
  try {
    return { ok: ops[op](input) };
  } catch (e) {
    assert.ok(tsi.isTsiError(e), `not a TsiError: ${e}`);
    return { error: { code: e.code, path: e.path, params: e.params } };
  }
}

const cases = loadCases();

test("the corpus is large enough and ids are unique", () => {
  assert.ok(cases.length >= 100);
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
});

for (const c of cases) {
  test(`conformance ${c.id}`, () => {
    assert.ok(c.op in ops, `unknown op ${c.op}`);
    const actual = run(c.op, expand(c.input));
    assert.ok(matches(c.expect, actual), `expected ${JSON.stringify(c.expect)}\n   got ${JSON.stringify(actual)}`);
  });
}

test("the matcher can fail", () => {
  assert.equal(matches({ a: 1 }, { a: 2 }), false);
  assert.equal(matches([1], [1, 2]), false);
  assert.equal(matches({ a: 1 }, {}), false);
  assert.equal(matches(null, { x: 1 }), false);
});
