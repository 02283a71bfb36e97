// The personnummer project's shared test data (tests/external/personnummer, MIT) through the
// JS API: verdicts, kinds and 12-digit forms agree, or differ exactly as recorded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import * as tsi from "@tsi-rules/tsi";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../tests/external/personnummer");
const read = (name) => JSON.parse(readFileSync(path.join(dir, name), "utf8"));
const AT = "2026-11-23";
const KIND = { ssn: "PersonalNumber", con: "CoordinationNumber" };

function expectations() {
  const out = [];
  for (const item of read("list.json")) {
    for (const [field, century] of [["long_format", true], ["short_format", false], ["separated_format", true],
      ["separated_long", true], ["integer", true]]) {
      out.push({ input: String(item[field]), valid: item.valid, kind: KIND[item.type], long: century ? item.long_format : null });
    }
  }
  for (const [type, forms] of Object.entries(read("structured.json"))) {
    for (const form of ["integer", "string"]) {
      for (const verdict of ["valid", "invalid"]) {
        for (const input of forms[form][verdict]) out.push({ input: String(input), valid: verdict === "valid", kind: KIND[type], long: null });
      }
    }
  }
  return out;
}

test("personnummer/meta test data agrees, or differs as recorded", () => {
  const known = new Map(read("known-differences.json").differences.map((d) => [d.input, d.ours]));
  let agreed = 0, differed = 0;
  const failures = [];
  for (const e of expectations()) {
    let got;
    try {
      const r = tsi.checkPersonalIdentity(e.input, AT);
      got = { ok: true, normalized: r.normalized, kind: r.kind };
    } catch (err) {
      assert.ok(tsi.isTsiError(err), String(err));
      got = { ok: false, code: err.code };
    }
    if (known.has(e.input)) {
      if (!got.ok && got.code === known.get(e.input)) differed++;
      else failures.push(`${e.input}: recorded ${known.get(e.input)}, got ${JSON.stringify(got)}`);
      continue;
    }
    const agrees = got.ok === e.valid && (!got.ok || (got.kind === e.kind && (e.long === null || got.normalized === e.long)));
    if (agrees) agreed++;
    else failures.push(`${e.input}: expected ${JSON.stringify(e)}, got ${JSON.stringify(got)}`);
  }
  assert.deepEqual(failures, []);
  assert.ok(agreed >= 100 && differed === 4, `${agreed} agreed, ${differed} differed`);
});
