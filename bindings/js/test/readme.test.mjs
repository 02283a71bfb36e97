// The README's case-process example runs as written and prints what its comments say: each
// `expr;  // claim` line is evaluated and its JSON compared with the claim (`…`/`...` stand
// for anything, keys may be unquoted), and a `// throws TsiError CODE, params.k = "v"` line
// holds the statement before it to that error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tsi from "@tsi-rules/tsi";

const root = new URL("../../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");

function block(heading) {
  const at = readme.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `no heading ${heading}`);
  const m = readme.slice(at).match(/^```js\n([\s\S]*?)^```/m);
  assert.ok(m, `no js block after ${heading}`);
  return m[1];
}

/** A claim as a pattern over JSON.stringify of the value. */
function pattern(claim) {
  const json = claim
    .replace(/([{,]\s*)([a-z_]+):/g, '$1"$2":')
    .replace(/\s*([,:{}[\]])\s*/g, "$1");
  const escaped = json.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/(\\\.\\\.\\\.|…)/g, ".*");
  return new RegExp(`^${escaped}$`);
}

function run(code, scope) {
  const lines = code.split("\n");
  const out = [];
  let claims = 0;
  lines.forEach((line, i) => {
    const thrown = lines[i + 1]?.match(/^\/\/ throws TsiError (\w+), params\.(\w+) = "(.*)"$/);
    const claimed = line.match(/^(.*?);\s*\/\/\s*(.+)$/);
    if (thrown) {
      out.push(`__throws(() => { ${line} }, ${JSON.stringify(thrown.slice(1))});`);
      claims++;
    } else if (claimed && !line.startsWith("const ") && !line.startsWith("//")) {
      out.push(`__claim(${JSON.stringify(claimed[1])}, ${claimed[1]}, ${JSON.stringify(claimed[2])});`);
      claims++;
    } else if (!line.startsWith("// throws")) {
      out.push(line);
    }
  });
  const names = Object.keys(scope).filter((n) => n !== "default");
  new Function(...names, out.join("\n"))(...names.map((n) => scope[n]));
  return claims;
}

const checks = {
  __claim(source, value, claim) {
    const text = JSON.stringify(value);
    assert.match(text, pattern(claim), `${source}: README says ${claim}`);
  },
  __throws(call, [code, key, value]) {
    assert.throws(call, (e) => tsi.isTsiError(e) && e.code === code && e.params[key] === value);
  },
};

test("the case-process example says what the code prints", () => {
  const log = JSON.parse(readFileSync(new URL("examples/case/log.json", root), "utf8")).slice(0, 11);
  const ctx = { now: "2026-09-20T10:00:00+02:00", actor: "rektor-1", actor_agency: "skola-ekbacken" };
  const claims = run(block("### What is the next allowed step, and what is overdue? (SPEC §6)"), { ...tsi, ...checks, log, ctx });
  assert.equal(claims, 4);
});

test("a claim the code does not print fails", () => {
  assert.doesNotMatch(JSON.stringify(["Raise", "Close"]), pattern('["AddNeed", ..., "Close"]'));
  assert.match(JSON.stringify(["AddNeed", "B", "Close"]), pattern('["AddNeed", ..., "Close"]'));
  assert.doesNotMatch(JSON.stringify([{ code: "X", due: "1" }]), pattern('[{ code: "Y", … }]'));
});
