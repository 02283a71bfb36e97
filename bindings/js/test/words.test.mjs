// Words for staff (#31), checked on what the library actually says: every input of the shared
// conformance corpus is run in Swedish and in English, and every message that comes back — in a
// decision, a report, a view, an error — is read. None holds a code, a JSON Pointer or an
// identifier; a Swedish message holds no English word. Only the errors about a document's JSON
// shape may name what was expected in the format's own terms (`one of Attendance, …`), and
// argument errors name the caller's argument (`at`, `birth_date`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCases, expand } from "./corpus.mjs";
import { ops } from "./ops.mjs";

const SHAPE = new Set(["JSON_WRONG_TYPE", "JSON_INVALID_VALUE", "DATE_INVALID", "INSTANT_INVALID",
  "ARGUMENT_OUT_OF_RANGE", "ARGUMENT_MISSING", "ARGUMENT_INVALID"]);
const ENGLISH = /\b(the|of|is|are|an?|not|expected|only|no|must|cannot)\b/i;

/** Every `{code, message}` in a result, however deep. */
function messages(value, out = []) {
  if (Array.isArray(value)) value.forEach((v) => messages(v, out));
  else if (value && typeof value === "object") {
    if (typeof value.message === "string") out.push({ code: value.code, message: value.message });
    for (const [k, v] of Object.entries(value)) if (k !== "message") messages(v, out);
  }
  return out;
}

function said(lang) {
  const all = [];
  for (const c of loadCases()) {
    const input = { ...expand(c.input), lang };
    try {
      messages(ops[c.op](input), all);
    } catch (e) {
      if (e?.code) all.push({ code: e.code, message: e.message });
    }
  }
  return all;
}

/** The problems of one message; `swedish`: it was asked for in Swedish and is Swedish. */
function problems({ code, message }) {
  const found = [];
  if (SHAPE.has(code)) return found;
  if (/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/.test(message)) found.push("a code");
  if (/\b[a-z]+[A-Z]\w*|\b[A-Z][a-z]+[A-Z]\w*|\b[a-z]+_[a-z_]+\b/.test(message)) found.push("an identifier");
  if (/(^|[\s(])\/[a-z_0-9]+/.test(message)) found.push("a JSON Pointer");
  if (/[åäöÅÄÖ]/.test(message) && ENGLISH.test(message)) found.push(`English words (${message.match(ENGLISH)[0]})`);
  return found;
}

for (const lang of ["sv", "en"]) {
  test(`${lang}: every message the corpus draws out speaks words`, () => {
    const all = said(lang);
    assert.ok(all.length > 300, `too few messages to mean anything: ${all.length}`);
    const bad = [...new Set(all.flatMap((m) => problems(m).map((p) => `${m.code}: ${p}: ${m.message}`)))];
    assert.deepEqual(bad, []);
  });
}

test("the check can fail", () => {
  assert.deepEqual(problems({ code: "X", message: "Mottagaren vid /case/consents/0 saknas." }), ["a JSON Pointer"]);
  assert.deepEqual(problems({ code: "X", message: "Ärendet är i läget AwaitingConsent." }), ["an identifier"]);
  assert.deepEqual(problems({ code: "X", message: "Överlämningen stämmer inte: no handover is offered." }),
    ["English words (no)"]);
  assert.deepEqual(problems({ code: "X", message: "Samtycket (CONSENT_GIVER_MISSING) räcker inte." }), ["a code"]);
});
