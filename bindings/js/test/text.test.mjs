// JS text crosses into wasm two ways (#30): short texts by wasm-bindgen's copy, long ones (512
// UTF-16 units and more) by the host's TextEncoder. Both must read the same text: a lone
// surrogate in a raw string becomes U+FFFD either way, and the limits count the same bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tsi from "@tsi-rules/tsi";

const example = readFileSync(new URL("../../../examples/sharing/deidentified.json", import.meta.url), "utf8");
// The summary with `tail` appended, written by hand so a lone surrogate stays raw in the text.
const withSummary = (tail) => {
  const base = JSON.parse(example);
  return example.replace(JSON.stringify(base.summary), `"${base.summary}${tail}"`);
};

test("a long or short text is read as the same characters, a lone surrogate as U+FFFD", () => {
  // The case id comes back as read: "k", a lone surrogate, "é" (two UTF-8 bytes).
  const raise = '{"ctx":{"now":"2026-09-01T09:00:00+02:00","actor":"a","actor_agency":"s"},"event":{"type":"Raise",'
    + '"case_id":"k\uD800é","raised_by":"s","concern_areas":["SchoolAttendance"],"suggested_level":"Selective",'
    + '"child":{"birth_date":"2013-03-14"},"guardians":[],"agencies":[{"id":"s","kind":"School","principal":{"id":"m","kind":"Municipality"}}]}}';
  for (const pad of ["", " ".repeat(600)]) {
    const text = raise + pad;
    assert.equal(text.length >= 512, pad !== "");
    assert.equal(tsi.applyCaseEvent(null, text).case.case_id, "k\uFFFDé");
  }
});

test("a long or short document reads the same, lone surrogates as U+FFFD", () => {
  for (const pad of ["", " x".repeat(300)]) {
    const raw = withSummary(`\uD800${pad}`);
    const replaced = withSummary(`\uFFFD${pad}`);
    assert.equal(raw.length >= 512, pad !== "");
    assert.deepEqual(tsi.checkDeidentified(raw), tsi.checkDeidentified(replaced));
    // The same reading as the object the text says (stringified, then read).
    assert.deepEqual(tsi.checkDeidentified(replaced), tsi.checkDeidentified(JSON.parse(replaced)));
  }
});

test("the size limit counts the UTF-8 bytes of a long text, however it crossed", () => {
  // Each "å" is one UTF-16 unit and two UTF-8 bytes: 600 units, 1 200 bytes of summary.
  const text = withSummary("å".repeat(600));
  const bytes = Buffer.byteLength(text, "utf8");
  const policy = (max) => ({ schema_version: 1, limits: { max_input_bytes: max } });
  assert.equal(tsi.checkDeidentified(text, { policy: policy(bytes) }).valid, true);
  assert.throws(() => tsi.checkDeidentified(text, { policy: policy(bytes - 1) }),
    (e) => tsi.isTsiError(e) && e.code === "INPUT_TOO_LARGE");
});

test("a long text whose non-ASCII ends it reads the same as the short one (the guess of one byte a unit runs out)", () => {
  // The case id last, so that where one byte per unit runs out falls inside it: every kind of
  // character (one to four UTF-8 bytes, lone surrogates) at every boundary.
  const alphabet = ["a", "é", "€", "😀", "\uD800", "\uDC00"];
  let seed = 7;
  const next = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const raise = (id) => '{"ctx":{"now":"2026-09-01T09:00:00+02:00","actor":"a","actor_agency":"s"},"event":{"type":"Raise",'
    + '"raised_by":"s","concern_areas":["SchoolAttendance"],"suggested_level":"Selective","child":{"birth_date":"2013-03-14"},'
    + `"guardians":[],"agencies":[{"id":"s","kind":"School","principal":{"id":"m","kind":"Municipality"}}],"case_id":"${id}"}}`;
  for (let k = 0; k < 300; k++) {
    const id = Array.from({ length: 1 + next(40) }, () => alphabet[next(alphabet.length)]).join("");
    const expected = Buffer.from(id, "utf8").toString("utf8"); // lone surrogates as U+FFFD
    const short = raise(id);
    const long = " ".repeat(600 + next(9)) + short;
    assert.equal(tsi.applyCaseEvent(null, long).case.case_id, expected, `id ${JSON.stringify(id)}`);
    if (short.length < 512) assert.equal(tsi.applyCaseEvent(null, short).case.case_id, expected);
  }
});

test("a long text of Latin-1 characters reads as the same characters, with or without one above U+00FF", () => {
  // Characters U+0080..U+00FF (V8 holds such a text one byte a character, and its encodeInto
  // takes another path for it than for ASCII), among them "Ã¥", whose Latin-1 bytes C3 A5 also
  // spell "å" in UTF-8.
  const alphabet = ["a", "é", "å", "Ã", "¥", "\u0080", "\u00a0", "\u00ff", "\u00c3\u00a5", " "];
  let seed = 11;
  const next = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const raise = (id, actor) => `{"ctx":{"now":"2026-09-01T09:00:00+02:00","actor":"${actor}","actor_agency":"s"},`
    + '"event":{"type":"Raise","raised_by":"s","concern_areas":["SchoolAttendance"],"suggested_level":"Selective",'
    + '"child":{"birth_date":"2013-03-14"},"guardians":[],'
    + `"agencies":[{"id":"s","kind":"School","principal":{"id":"m","kind":"Municipality"}}],"case_id":"${id}"}}`;
  for (let k = 0; k < 300; k++) {
    const id = Array.from({ length: 1 + next(60) }, () => alphabet[next(alphabet.length)]).join("");
    const pad = " ".repeat(600 + next(9));
    // Latin-1 throughout, and the same with one character above U+00FF elsewhere.
    assert.equal(tsi.applyCaseEvent(null, pad + raise(id, "a")).case.case_id, id, `id ${JSON.stringify(id)}`);
    assert.equal(tsi.applyCaseEvent(null, pad + raise(id, "a€")).case.case_id, id, `id ${JSON.stringify(id)}`);
  }
});
