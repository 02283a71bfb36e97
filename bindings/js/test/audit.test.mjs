// R-AU-1 outside Rust: the audit records tsi writes are re-verified here with node's own
// crypto and a plain canonical JSON (docs/audit-format.md) — the chain with SHA-256, the keyed
// subject digests with HMAC-SHA-256 — and every case event, applied or refused, yields a
// record through recordCaseEvent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import * as tsi from "@tsi-rules/tsi";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const log = JSON.parse(readFileSync(path.join(root, "examples/case/log.json"), "utf8"));
const key = JSON.parse(readFileSync(path.join(root, "examples/audit/key.json"), "utf8"));

/** RFC 8785 for what audit records hold (strings, integers, booleans, null, arrays, objects):
 * keys sorted by UTF-16 code units (JS's default sort), JSON.stringify for the rest. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

function recordHash(record) {
  const { hash, ...body } = record;
  body.at = new Date(body.at).toISOString().replace(".000Z", "Z");
  return createHash("sha256").update(canonical(body), "utf8").digest("hex");
}

function verifyOutsideRust(records) {
  let prev = "0".repeat(64);
  records.forEach((r, i) => {
    assert.equal(r.schema_version, 3);
    assert.equal(r.seq, i);
    assert.equal(r.prev_hash, prev, `link ${i}`);
    assert.equal(recordHash(r), r.hash, `hash ${i}`);
    prev = r.hash;
  });
}

test("a replayed case's audit chain re-verifies with node crypto", () => {
  const view = tsi.replayCase(log, { auditKey: key });
  assert.equal(view.audit.length, log.length);
  verifyOutsideRust(view.audit);
  // The subject digest is HMAC-SHA-256 of the canonical entry under the key; the record names the key.
  const hmac = createHmac("sha256", Buffer.from(key.secret, "hex")).update(canonical(log[3]), "utf8").digest("hex");
  assert.equal(view.audit[3].subject_digest, hmac);
  assert.equal(view.audit[3].key_id, key.id);
  assert.equal(tsi.auditProves(view.audit[3], log[3], key), true);
  assert.equal(tsi.auditProves(view.audit[3], log[4], key), false);
  // Without a key there is no digest at all.
  const bare = tsi.replayCase(log);
  assert.equal(bare.audit[3].subject_digest, null);
  assert.equal("key_id" in bare.audit[3], false);
  verifyOutsideRust(bare.audit);
  assert.throws(() => tsi.replayCase(log, { auditKey: { id: "k", secret: "00" } }),
    (e) => tsi.isTsiError(e) && e.code === "AUDIT_KEY_INVALID" && e.path === "/audit_key/secret");
});

test("the stored example chain re-verifies with node crypto and with tsi", () => {
  const lines = readFileSync(path.join(root, "examples/audit/case-log.jsonl"), "utf8").trim().split("\n");
  const records = lines.map((l) => JSON.parse(l));
  verifyOutsideRust(records);
  const report = tsi.verifyAuditChain(records);
  assert.equal(report.valid, true);
  assert.equal(report.head, records.at(-1).hash);
});

test("recordCaseEvent records applied and refused events, chained", () => {
  const first = tsi.recordCaseEvent(null, log[0]);
  assert.equal(first.applied, true);
  const close = { ctx: log[1].ctx, event: { type: "FirstMeeting", meeting_id: "m", participants: ["soc-barn-unga"],
    guardians_invited: true, child_view: { Recorded: "x" } } };
  const refused = tsi.recordCaseEvent(first.case, close, { auditPrev: first.audit });
  assert.equal(refused.applied, false);
  assert.equal(refused.refusal.code, "CASE_CONSENT_NOT_COVERING");
  assert.deepEqual(refused.case, first.case, "a refused event changes nothing");
  assert.equal(refused.audit.outcome, "Denied");
  assert.deepEqual(refused.audit.reason_codes, ["CASE_CONSENT_NOT_COVERING"]);
  assert.equal(refused.audit.prev_hash, first.audit.hash);
  verifyOutsideRust([first.audit, refused.audit]);
  const forged = { ...first.audit, actor: "someone-else" };
  assert.throws(() => tsi.recordCaseEvent(first.case, close, { auditPrev: forged }), (e) => e.code === "AUDIT_PREV_INVALID");
});

test("a segment verifies only against its anchor", () => {
  const audit = tsi.replayCase(log).audit;
  const segment = audit.slice(5);
  assert.equal(tsi.verifyAuditChain(segment).finding.code, "AUDIT_NOT_AT_GENESIS");
  const anchored = tsi.verifyAuditChain(segment, "en", audit[4].hash);
  assert.equal(anchored.valid, true);
  assert.equal(anchored.starts_at, "Anchor");
});

test("audit: false replays without making audit records, and says so of a wrong value", () => {
  const { audit, ...view } = tsi.replayCase(log, { audit: false });
  const { audit: full, ...same } = tsi.replayCase(log);
  assert.deepEqual(audit, []);
  assert.equal(full.length, log.length);
  assert.deepEqual(view, same);
  assert.equal(tsi.replayCase(log, { audit: true }).audit.length, log.length);
  assert.throws(() => tsi.replayCase(log, { audit: "no" }),
    (e) => tsi.isTsiError(e) && e.code === "JSON_WRONG_TYPE" && e.path === "/options/audit"
      && e.params.expected === 'a boolean or "json"');
  assert.throws(() => tsi.replayCase(log, { audit: false, auditKey: key }),
    (e) => tsi.isTsiError(e) && e.code === "JSON_INVALID_VALUE" && e.path === "/audit_key");
});

test('audit: "json" gives the same records as one JSON text, which the chain verifier reads', () => {
  for (const options of [{}, { auditKey: key }, { at: "2027-06-01T00:00:00+02:00" }]) {
    const { audit: text, ...view } = tsi.replayCase(log, { ...options, audit: "json" });
    const { audit: records, ...same } = tsi.replayCase(log, options);
    assert.equal(typeof text, "string");
    assert.deepEqual(JSON.parse(text), records);
    assert.deepEqual(view, same);
    assert.equal(tsi.verifyAuditChain(text).valid, true);
  }
  const prepared = new tsi.PreparedPolicy({ schema_version: 1 });
  assert.equal(prepared.replayCase(log, { audit: "json" }).audit, tsi.replayCase(log, { audit: "json" }).audit);
  prepared.free();
  // A refused log is refused the same way whatever the records come as.
  const broken = [log[0], log[0]];
  const refusal = (audit) => { try { tsi.replayCase(broken, { audit }); } catch (e) { return [e.code, e.path]; } };
  assert.deepEqual(refusal("json"), refusal(true));
  assert.ok(refusal(true));
});

test('case: "json" gives the same case as its JSON text, in its place, which a prepared case reads', () => {
  for (const options of [{}, { audit: false }, { audit: "json" }, { at: "2027-06-01T00:00:00+02:00" }]) {
    const asText = tsi.replayCase(log, { ...options, case: "json" });
    const asObject = tsi.replayCase(log, options);
    assert.equal(typeof asText.case, "string");
    assert.deepEqual(JSON.parse(asText.case), asObject.case);
    assert.deepEqual({ ...asText, case: null }, { ...asObject, case: null });
    // The members keep serde's order whatever comes as text.
    assert.deepEqual(Object.keys(asText), Object.keys(asObject));
    // The text is what later calls read as it is.
    const prepared = new tsi.PreparedCase(asText.case);
    assert.deepEqual(prepared.case, asObject.case);
    assert.deepEqual(tsi.dueActions(asText.case, "2027-06-01T00:00:00+02:00"), tsi.dueActions(asObject.case, "2027-06-01T00:00:00+02:00"));
    prepared.free();
  }
  const both = tsi.replayCase(log, { audit: "json", case: "json" });
  assert.deepEqual([typeof both.case, typeof both.audit], ["string", "string"]);
  assert.deepEqual(tsi.replayCase(log, { case: true }), tsi.replayCase(log));
  const prepared = new tsi.PreparedPolicy({ schema_version: 1 });
  assert.equal(prepared.replayCase(log, { case: "json" }).case, tsi.replayCase(log, { case: "json" }).case);
  prepared.free();
  // As `audit` of a decision: false is refused (there is always a case), anything else is no choice.
  assert.throws(() => tsi.replayCase(log, { case: false }),
    (e) => tsi.isTsiError(e) && e.code === "JSON_INVALID_VALUE" && e.path === "/options/case");
  for (const wrong of ["JSON", 1, {}]) {
    assert.throws(() => tsi.replayCase(log, { case: wrong }),
      (e) => tsi.isTsiError(e) && e.code === "JSON_WRONG_TYPE" && e.path === "/options/case"
        && e.params.expected === 'a boolean or "json"', String(wrong));
  }
  // A refused log is refused the same way whatever the case comes as.
  const broken = [log[0], log[0]];
  const refusal = (c) => { try { tsi.replayCase(broken, { case: c }); } catch (e) { return [e.code, e.path]; } };
  assert.deepEqual(refusal("json"), refusal(true));
  assert.ok(refusal(true));
});

test('a decision with audit: "json" is the same decision, its record as its JSON text, which chains', () => {
  const question = JSON.parse(readFileSync(path.join(root, "examples/sharing/allowed.json"), "utf8"));
  const { case: sharingCase, request } = question;
  const matrixRequest = { from: request.from, purpose: request.purpose, at: request.at, actor: request.actor };
  const prepared = new tsi.PreparedSharingCase(sharingCase);
  const underPolicy = new tsi.PreparedPolicy({ schema_version: 1 });
  const calls = [
    (o) => tsi.mayShare(sharingCase, request, o),
    (o) => prepared.mayShare(request, o),
    (o) => underPolicy.mayShare(sharingCase, request, o),
    (o) => tsi.sharingMatrix(sharingCase, matrixRequest, o),
    (o) => prepared.sharingMatrix(matrixRequest, o),
  ];
  for (const call of calls) {
    for (const options of [{}, { auditKey: key }, { lang: "en" }]) {
      const asText = call({ ...options, audit: "json" });
      const asObject = call(options);
      assert.equal(typeof asText.audit, "string");
      // The same members in the same order, the record equal to the object form's.
      assert.deepEqual(Object.keys(asText), Object.keys(asObject));
      assert.deepEqual({ ...asText, audit: JSON.parse(asText.audit) }, asObject);
      assert.deepEqual(call({ ...options, audit: true }), asObject);
      // The text chains as the next auditPrev, and the chain verifies.
      const next = call({ ...options, audit: "json", auditPrev: asText.audit });
      assert.equal(JSON.parse(next.audit).seq, 1);
      assert.equal(tsi.verifyAuditChain(`[${asText.audit},${next.audit}]`).valid, true);
    }
    // Every decision has its record (R-AU-1): false is refused, as is anything else.
    assert.throws(() => call({ audit: false }),
      (e) => tsi.isTsiError(e) && e.code === "JSON_INVALID_VALUE" && e.path === "/options/audit");
    assert.throws(() => call({ audit: "jsonl" }),
      (e) => tsi.isTsiError(e) && e.code === "JSON_WRONG_TYPE" && e.path === "/options/audit");
  }
  prepared.free();
  underPolicy.free();
});

test('a recorded event with audit: "json" is the same step, its record as its JSON text, which chains', () => {
  const calls = [
    (entry, o) => tsi.recordCaseEvent(null, entry, o),
    (entry, o) => { const c = new tsi.PreparedCase(null); const { next, ...step } = c.record(entry, o); next.free(); c.free(); return step; },
  ];
  // The first entry applies; a request for consent before a Raise is refused, with its record too.
  for (const entry of [log[0], { ctx: log[0].ctx, event: { type: "RequestConsent" } }]) {
    for (const call of calls) {
      for (const options of [{}, { auditKey: key }]) {
        const asText = call(entry, { ...options, audit: "json" });
        const asObject = call(entry, options);
        assert.equal(typeof asText.audit, "string");
        assert.deepEqual(Object.keys(asText), Object.keys(asObject));
        assert.deepEqual({ ...asText, audit: JSON.parse(asText.audit) }, asObject);
        const next = call(entry, { ...options, audit: "json", auditPrev: asText.audit });
        assert.equal(tsi.verifyAuditChain(`[${asText.audit},${next.audit}]`).valid, true);
      }
      assert.throws(() => call(entry, { audit: false }),
        (e) => tsi.isTsiError(e) && e.code === "JSON_INVALID_VALUE" && e.path === "/options/audit");
    }
  }
});
