// A prepared case (#30) from JS: event by event it records as recordCaseEvent does, without
// carrying the case across the boundary each time, and its answers between events are the
// one-shot calls'.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tsi from "@tsi-rules/tsi";

const log = JSON.parse(readFileSync(new URL("../../../examples/case/log.json", import.meta.url), "utf8"));
const key = JSON.parse(readFileSync(new URL("../../../examples/audit/key.json", import.meta.url), "utf8"));

test("the example log recorded on a prepared case equals recordCaseEvent step by step", () => {
  let prepared = new tsi.PreparedCase(null);
  assert.equal(prepared.case, null);
  assert.deepEqual(prepared.allowedEvents(), tsi.allowedEvents(null));
  let caseValue = null;
  let auditPrev;
  const audit = [];
  for (const entry of log) {
    const options = { auditPrev, auditKey: key, lang: "en" };
    const oneShot = tsi.recordCaseEvent(caseValue, entry, options);
    const { next, ...step } = prepared.record(JSON.stringify(entry), options);
    assert.deepEqual({ ...step, case: next.case }, oneShot);
    assert.deepEqual(next.allowedEvents(), tsi.allowedEvents(oneShot.case));
    const at = entry.ctx.now;
    assert.deepEqual(next.dueActions(at, { lang: "sv" }), tsi.dueActions(oneShot.case, at, { lang: "sv" }));
    prepared.free();
    prepared = next;
    caseValue = oneShot.case;
    auditPrev = oneShot.audit;
    audit.push(oneShot.audit);
  }
  assert.equal(tsi.verifyAuditChain(audit).valid, true);
  assert.deepEqual(prepared.case, tsi.replayCase(log).case);
  prepared.free();
});

test("a refused event leaves the case as it was, and a policy among the options is refused", () => {
  const prepared = new tsi.PreparedCase(tsi.replayCase(log.slice(0, 1)).case);
  const { applied, refusal, next } = prepared.record(log[5]);
  assert.equal(applied, false);
  assert.ok(refusal.code.startsWith("CASE_"));
  assert.deepEqual(next.case, prepared.case);
  assert.throws(() => prepared.record(log[1], { policy: {} }), { code: "JSON_UNKNOWN_FIELD", path: "/options/policy" });
  assert.throws(() => new tsi.PreparedCase({ state: "Nowhere" }), { name: "TsiError" });
  next.free();
  prepared.free();
});
