// The ESM entry, the web build (explicit init with bytes) and the bundler build
// (ESM importing .wasm, loaded here with node's wasm-modules flag in a child process).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import tsiDefault, { checkPersonalIdentity, validatePolicy } from "@tsi-rules/tsi";

const dist = new URL("../dist/", import.meta.url);

test("ESM named and default exports are the CommonJS functions", () => {
  const cjs = createRequire(import.meta.url)("@tsi-rules/tsi");
  assert.equal(checkPersonalIdentity, cjs.checkPersonalIdentity);
  assert.equal(tsiDefault.validatePolicy, validatePolicy);
  assert.equal(checkPersonalIdentity("701063-2391", "2026-11-23").kind, "CoordinationNumber");
});

test("web build initialises from bytes", async () => {
  const web = await import(new URL("web.js", dist));
  await web.default({ module_or_path: readFileSync(new URL("tsi_wasm_bg.wasm", dist)) });
  assert.equal(web.checkPersonalIdentity("121212-1212", "2026-11-23").age, 13);
});

test("bundler build loads as an ES module importing its .wasm", () => {
  const url = new URL("bundler.js", dist).href;
  const out = execFileSync(process.execPath, [
    "--experimental-wasm-modules", "--no-warnings", "--input-type=module", "-e",
    `const t = await import(${JSON.stringify(url)}); console.log(t.validatePolicy({schema_version: 1, min_cell: 0}).valid)`,
  ]).toString().trim();
  assert.equal(out, "false");
});
