// The CommonJS entry: every export called, errors are real Errors with name/code/path.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const tsi = require("tsi");

const AT = "2026-11-23";

test("version and codes", () => {
  assert.match(tsi.version(), /^\d+\.\d+\.\d+$/);
  const codes = tsi.codes();
  assert.ok(codes.length > 20);
  const c = codes.find((x) => x.code === "ID_BAD_CHECKSUM");
  assert.deepEqual(Object.keys(c).sort(), ["code", "en", "kind", "rule", "severity", "sv"]);
  assert.equal(c.rule, "R-ID-1");
});

test("checkPersonalIdentity returns a plain object", () => {
  const r = tsi.checkPersonalIdentity("121212-1212", AT);
  assert.deepEqual(r, { normalized: "201212121212", kind: "PersonalNumber", birth_date: "2012-12-12", age: 13 });
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
});

test("errors are Error instances with name, code, path and no input value", () => {
  assert.throws(() => tsi.checkPersonalIdentity("121212-1213", AT), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.name, "TsiError");
    assert.equal(e.code, "ID_BAD_CHECKSUM");
    assert.equal(e.path, "");
    assert.ok(!e.message.includes("1213"));
    assert.ok(tsi.isTsiError(e));
    return true;
  });
  assert.equal(tsi.isTsiError(new Error("x")), false);
  assert.equal(tsi.isTsiError(null), false);
  assert.equal(tsi.isTsiError({ name: "TsiError" }), false);
});

test("wrong JS types are coded errors, never crashes", () => {
  const bad = [
    [() => tsi.checkPersonalIdentity(1212121212, AT), "JSON_WRONG_TYPE", "/input"],
    [() => tsi.checkPersonalIdentity(undefined, AT), "JSON_WRONG_TYPE", "/input"],
    [() => tsi.checkPersonalIdentity("121212-1212", new Date()), "JSON_WRONG_TYPE", "/at"],
    [() => tsi.checkPersonalIdentity("121212-1212"), "JSON_WRONG_TYPE", "/at"],
    [() => tsi.ageAt(null, AT), "JSON_WRONG_TYPE", "/birth_date"],
    [() => tsi.validatePolicy({ schema_version: 1 }, 7), "JSON_WRONG_TYPE", "/lang"],
    [() => tsi.validatePolicy({ schema_version: 1 }, "de"), "LANG_UNKNOWN", ""],
    [() => tsi.validatePolicy(undefined), "INPUT_EMPTY", ""],
    [() => tsi.validatePolicy(10n), "JSON_WRONG_TYPE", "/policy"],
    [() => tsi.validatePolicy(() => 1), "JSON_WRONG_TYPE", "/policy"],
    [() => tsi.parsePolicy(Symbol("x")), "JSON_WRONG_TYPE", "/policy"],
  ];
  for (const [call, code, path] of bad) {
    assert.throws(call, (e) => e instanceof Error && e.code === code && e.path === path, code + " " + path);
  }
  const cyclic = { schema_version: 1 };
  cyclic.ext = cyclic;
  assert.throws(() => tsi.validatePolicy(cyclic), (e) => e.code === "JSON_WRONG_TYPE");
});

test("validatePolicy: objects and JSON text, Swedish by default, English on request", () => {
  const sv = tsi.validatePolicy({ schema_version: 1, min_cell: 2 });
  assert.equal(sv.valid, true);
  assert.equal(sv.findings[0].code, "POLICY_MIN_CELL_LOW");
  assert.match(sv.findings[0].message, /lågt/);
  const en = tsi.validatePolicy('{"schema_version":1,"min_cell":2}', "en");
  assert.match(en.findings[0].message, /is low/);
  assert.deepEqual(en.findings[0].params, { value: "2" });
});

test("defaultPolicy and parsePolicy agree; ext is carried through", () => {
  const d = tsi.defaultPolicy();
  assert.equal(d.consent_policy.child_consent_from, 12);
  assert.deepEqual(tsi.parsePolicy({ schema_version: 1 }), d);
  const withExt = tsi.parsePolicy({ schema_version: 1, ext: { vendor: { n: [1, null] } } });
  assert.deepEqual(withExt.ext, { vendor: { n: [1, null] } });
  assert.deepEqual(tsi.parsePolicy(JSON.stringify(d)), d);
});
