// The sharing matrix (#29) from JS: every cell is the mayShare answer to its question, a
// prepared case answers as the one-shot call, and the matrix is one audited question.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tsi from "@tsi-rules/tsi";

const sharingCase = JSON.parse(readFileSync(new URL("../../../examples/sharing/case.json", import.meta.url), "utf8"));
const key = JSON.parse(readFileSync(new URL("../../../examples/audit/key.json", import.meta.url), "utf8"));
const question = { from: "skola-ekbacken", purpose: "TsiCollaboration", at: "2026-11-23T10:00:00+01:00", actor: "rektor-1" };
const CATEGORIES = ["Attendance", "Learning", "Health", "MentalHealth", "SocialSituation", "FamilySituation", "Assessments", "PlanContent"];

for (const lang of ["sv", "en"]) {
  test(`${lang}: every cell is mayShare's decision, row by row`, () => {
    const matrix = tsi.sharingMatrix(sharingCase, question, { lang });
    const recipients = sharingCase.agencies.map((a) => a.id).filter((id) => id !== question.from);
    assert.deepEqual(matrix.cells.map((c) => [c.to, c.category]), recipients.flatMap((to) => CATEGORIES.map((c) => [to, c])));
    for (const cell of matrix.cells) {
      const { allowed, basis, reasons } = tsi.mayShare(sharingCase, { ...question, to: cell.to, category: cell.category }, { lang });
      assert.deepEqual(cell.decision, { allowed, basis, reasons }, `${cell.to} ${cell.category}`);
      assert.equal(cell.lapses !== null, basis?.kind === "Consent");
    }
    assert.ok(matrix.cells.some((c) => c.decision.allowed) && matrix.cells.some((c) => !c.decision.allowed));
    const soonest = matrix.cells.filter((c) => c.lapses).sort((a, b) => Date.parse(a.lapses) - Date.parse(b.lapses))[0];
    assert.deepEqual(matrix.expires_first, { to: soonest.to, category: soonest.category, at: soonest.lapses });
  });
}

test("a prepared case's matrix is the one-shot matrix, audit record included", () => {
  const first = tsi.mayShare(sharingCase, { ...question, to: "bup", category: "Health" }, { auditKey: key });
  const options = { auditPrev: first.audit, auditKey: key, lang: "en" };
  const oneShot = tsi.sharingMatrix(sharingCase, question, options);
  const prepared = new tsi.PreparedSharingCase(sharingCase);
  try {
    assert.deepEqual(prepared.sharingMatrix(JSON.stringify(question), options), oneShot);
    assert.throws(() => prepared.sharingMatrix(question, { policy: {} }), { code: "JSON_UNKNOWN_FIELD", path: "/options/policy" });
  } finally {
    prepared.free();
  }
});

test("the matrix is one audited question, chained and proved with the key", () => {
  const first = tsi.mayShare(sharingCase, { ...question, to: "bup", category: "Health" }, { auditKey: key });
  const { audit } = tsi.sharingMatrix(sharingCase, question, { auditPrev: first.audit, auditKey: key });
  assert.deepEqual(audit.action, { kind: "SharingMatrix", from: question.from, purpose: question.purpose });
  assert.equal(audit.seq, 1);
  assert.equal(tsi.verifyAuditChain([first.audit, audit]).valid, true);
  assert.equal(tsi.auditProves(audit, question, key), true);
  assert.equal(tsi.auditProves(audit, { ...question, from: "bup" }, key), false);
});

test("a question that cannot be judged is refused with its path", () => {
  assert.throws(() => tsi.sharingMatrix(sharingCase, { ...question, from: "nobody" }), { code: "CONSENT_UNKNOWN_AGENCY", path: "/request/from" });
  assert.throws(() => tsi.sharingMatrix(sharingCase, { ...question, to: "bup" }), { code: "JSON_UNKNOWN_FIELD", path: "/request/to" });
});

test("a reason listed in many cells is made once: one frozen object, shared by every cell that lists it", () => {
  const matrix = tsi.sharingMatrix(sharingCase, question, { lang: "en" });
  const reasons = matrix.cells.flatMap((c) => c.decision.reasons);
  const objects = new Set(reasons);
  const texts = new Set(reasons.map((r) => JSON.stringify(r)));
  assert.ok(reasons.length > texts.size, "the example repeats reasons across cells");
  assert.equal(objects.size, texts.size);
  assert.ok(reasons.every((r) => Object.isFrozen(r)));
  assert.throws(() => { "use strict"; reasons[0].message = "changed"; }, TypeError);
  // Cells and decisions stay the caller's own, and the whole is what JSON says.
  assert.ok(!Object.isFrozen(matrix.cells[0]) && !Object.isFrozen(matrix.cells[0].decision));
  assert.deepEqual(JSON.parse(JSON.stringify(matrix)), matrix);
});
