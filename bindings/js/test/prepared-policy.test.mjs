// A prepared policy (#30) from JS: read once, then every question answered under it equals the
// one-shot call given the same policy each time, and a policy among a call's options is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tsi from "@tsi-rules/tsi";

const example = (path) => JSON.parse(readFileSync(new URL(`../../../examples/${path}`, import.meta.url), "utf8"));
const { case: sharingCase, request } = example("sharing/allowed.json");
const sip = example("sip/invalid.json");
const log = example("case/log.json");
// A policy that changes every answer below: a consent warned of a year ahead, a SIP due the next day.
const policy = { schema_version: 1, consent_warn_days: 365, sip_start_days: 1 };

test("every answer under a prepared policy equals the one-shot call given that policy", () => {
  const prepared = new tsi.PreparedPolicy(policy);
  assert.deepEqual(prepared.policy, tsi.parsePolicy(policy));
  const decided = tsi.mayShare(sharingCase, request, { policy, lang: "en" });
  assert.notDeepEqual(decided, tsi.mayShare(sharingCase, request, { lang: "en" }), "the policy matters");
  assert.deepEqual(prepared.mayShare(sharingCase, request, { lang: "en" }), decided);
  const asked = prepared.prepareSharingCase(sharingCase);
  assert.deepEqual(asked.mayShare(request, { lang: "en" }), decided);
  asked.free();
  const report = tsi.validateSip(sip, { policy });
  assert.notDeepEqual(report, tsi.validateSip(sip), "the policy matters");
  assert.deepEqual(prepared.validateSip(sip), report);
  const at = "2027-01-01T09:00:00+01:00";
  assert.deepEqual(prepared.replayCase(log, { at }), tsi.replayCase(log, { policy, at }));
  assert.deepEqual(prepared.replayCase(log, { audit: false }), tsi.replayCase(log, { policy, audit: false }));
  const raised = prepared.prepareCase(null).record(log[0]);
  assert.deepEqual(raised.next.case, tsi.recordCaseEvent(null, log[0], { policy }).case);
  raised.next.free();
  prepared.free();
});

test("a policy is refused once, when prepared, and never again among the options", () => {
  const refusal = (f) => { try { f(); } catch (e) { return tsi.isTsiError(e) && [e.code, e.path]; } return "no error"; };
  assert.deepEqual(refusal(() => new tsi.PreparedPolicy({ schema_version: 1, min_cell: 0 })), ["POLICY_INVALID", "/policy/min_cell"]);
  assert.deepEqual(refusal(() => new tsi.PreparedPolicy("{")), refusal(() => tsi.validateSip(sip, { policy: "{" })));
  const prepared = new tsi.PreparedPolicy();
  assert.deepEqual(prepared.policy, tsi.defaultPolicy());
  for (const call of [
    () => prepared.validateSip(sip, { policy }),
    () => prepared.mayShare(sharingCase, request, { policy }),
    () => prepared.replayCase(log, { policy }),
    () => prepared.prepareSharingCase(sharingCase, { policy }),
    () => prepared.prepareCase(null, { policy }),
  ]) {
    assert.deepEqual(refusal(call), ["JSON_UNKNOWN_FIELD", "/options/policy"]);
  }
  prepared.free();
  assert.deepEqual(refusal(() => prepared.validateSip(sip)).slice(0, 1), ["OBJECT_FREED"]);
});
