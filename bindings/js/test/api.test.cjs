// The CommonJS entry: every export called, errors are real Errors with name/code/path.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const tsi = require("@tsi-rules/tsi");

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
  // Counts are never coerced: NaN, undefined, {} or "3" would silently be 0 or 3.
  const schedule = { first_slot: "2026-09-02T13:00:00+02:00" };
  for (const n of [NaN, undefined, {}, "3", 1.5, -1, 10n, Symbol("n"), Infinity]) {
    bad.push([() => tsi.nextSlots(schedule, "2026-09-02T13:00:00+02:00", n), "JSON_WRONG_TYPE", "/n"]);
  }
  bad.push([() => tsi.nextSlots(schedule, "2026-09-02T13:00:00+02:00", 1001), "LIMIT_EXCEEDED", "/n"]);
  // An option getter that throws is a coded error, never a silent default policy.
  const throwing = { get policy() { throw new Error("boom"); } };
  bad.push([() => tsi.mayShare({}, {}, throwing), "JSON_INVALID_VALUE", "/options/policy"]);
  bad.push([() => tsi.validateSip({}, { get lang() { throw new Error("x"); } }), "JSON_INVALID_VALUE", "/options/lang"]);
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
  assert.match(sv.findings[0].message, /är låg/);
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

const { readFileSync } = require("node:fs");
const path = require("node:path");
const example = (name) => JSON.parse(readFileSync(path.join(__dirname, "../../../examples/sharing", name), "utf8"));

test("mayShare: allowed with basis, denied with reasons, audit records chain", () => {
  const allowed = example("allowed.json");
  const d1 = tsi.mayShare(allowed.case, allowed.request);
  assert.equal(d1.allowed, true);
  assert.deepEqual(d1.basis, { kind: "Consent", id: "samtycke-1" });
  assert.equal(d1.audit.seq, 0);
  const denied = example("denied.json");
  const d2 = tsi.mayShare(JSON.stringify(denied.case), denied.request, { lang: "en", auditPrev: d1.audit });
  assert.equal(d2.allowed, false);
  assert.equal(d2.basis, null);
  assert.deepEqual(d2.reasons.map((r) => r.code), ["CONSENT_CATEGORY_NOT_COVERED", "CONSENT_RECIPIENT_NOT_COVERED"]);
  assert.match(d2.reasons[0].message, /not covered/);
  assert.equal(d2.audit.prev_hash, d1.audit.hash);
  assert.deepEqual(tsi.verifyAuditChain([d1.audit, d2.audit]),
    { valid: true, starts_at: "Genesis", checked: 2, first_broken: null, finding: null, head: d2.audit.hash, legacy_records: 0 });
  const tampered = [d1.audit, { ...d2.audit, outcome: "Allowed" }];
  const report = tsi.verifyAuditChain(tampered, "en");
  assert.equal(report.first_broken, 1);
  assert.equal(report.finding.code, "AUDIT_HASH_MISMATCH");
});

test("PreparedSharingCase: the one-shot answers, case errors at preparation, its own policy, free()", () => {
  const allowed = example("allowed.json");
  const denied = example("denied.json");
  const prepared = new tsi.PreparedSharingCase(denied.case);
  const d1 = prepared.mayShare(denied.request, { lang: "en" });
  assert.deepEqual(d1, tsi.mayShare(denied.case, denied.request, { lang: "en" }));
  const d2 = prepared.mayShare(JSON.stringify(denied.request), { lang: "sv", auditPrev: d1.audit });
  assert.deepEqual(d2, tsi.mayShare(denied.case, denied.request, { lang: "sv", auditPrev: d1.audit }));
  assert.deepEqual(prepared.remedies(denied.request, { lang: "en" }), tsi.remedies(denied.case, denied.request, { lang: "en" }));
  assert.throws(() => prepared.mayShare(denied.request, { policy: { schema_version: 1 } }),
    (e) => tsi.isTsiError(e) && e.code === "JSON_UNKNOWN_FIELD" && e.path === "/options/policy");
  assert.throws(() => prepared.mayShare({ ...denied.request, from: "nobody" }),
    (e) => tsi.isTsiError(e) && e.code === "CONSENT_UNKNOWN_AGENCY" && e.path === "/request/from");
  assert.throws(() => new tsi.PreparedSharingCase({ ...allowed.case, child: {} }, { lang: "en" }),
    (e) => tsi.isTsiError(e) && e.code === "JSON_MISSING_FIELD" && e.path === "/case/child/birth_date" && /missing/.test(e.message));
  prepared.free();
  assert.throws(() => prepared.mayShare(denied.request), (e) => tsi.isTsiError(e) && e.code === "OBJECT_FREED");
});

test("mayShare: bad arguments and a broken policy are coded errors", () => {
  const { case: c, request: r } = example("allowed.json");
  const bad = [
    [() => tsi.mayShare(c, r, 5), "JSON_WRONG_TYPE", "/options"],
    [() => tsi.mayShare(c, r, { lang: "fi" }), "LANG_UNKNOWN", ""],
    [() => tsi.mayShare(c, r, { policy: { schema_version: 1, min_cell: 0 } }), "POLICY_INVALID", "/policy/min_cell"],
    [() => tsi.mayShare(c, r, { policy: "{" }), "JSON_SYNTAX", "/policy"],
    [() => tsi.mayShare(c, r, { auditPrev: { seq: 1 } }), "JSON_MISSING_FIELD", "/audit_prev/schema_version"],
    [() => tsi.mayShare(undefined, r), "INPUT_EMPTY", ""],
    [() => tsi.mayShare(c, { ...r, at: "igår" }), "JSON_INVALID_VALUE", "/request/at"],
    [() => tsi.validateSharingCase(c, "2026-11-23"), "INSTANT_INVALID", ""],
    [() => tsi.validateSharingCase(c, 7), "JSON_WRONG_TYPE", "/at"],
    [() => tsi.checkDeidentified(["x"]), "JSON_WRONG_TYPE", ""],
    [() => tsi.verifyAuditChain({}), "JSON_WRONG_TYPE", ""],
  ];
  for (const [call, code, p] of bad) {
    assert.throws(call, (e) => tsi.isTsiError(e) && e.code === code && e.path === p, `${code} ${p}`);
  }
});

test("validateSharingCase and checkDeidentified return reports", () => {
  const report = tsi.validateSharingCase(example("case.json"), "2027-02-15T10:00:00+01:00", { lang: "en" });
  assert.equal(report.valid, true);
  assert.deepEqual(report.findings.map((f) => [f.code, f.path]), [["CONSENT_EXPIRING", "/consents/0/valid_until"]]);
  const deid = tsi.checkDeidentified(example("deidentified.json"), { policy: { schema_version: 1, small_population_threshold: 1000 } });
  assert.deepEqual(deid, { valid: true, findings: [] });
});

test("validateSip, sipSummary, sipIndicated", () => {
  const sipDir = path.join(__dirname, "../../../examples/sip");
  const valid = JSON.parse(readFileSync(path.join(sipDir, "valid.json"), "utf8"));
  assert.deepEqual(tsi.validateSip(valid), { valid: true, findings: [] });
  const report = tsi.validateSip(readFileSync(path.join(sipDir, "invalid.json"), "utf8"), { lang: "en" });
  assert.equal(report.valid, false);
  const lead = report.findings.find((f) => f.code === "SIP_LEAD_NOT_UNIQUE");
  assert.equal(lead.path, "/lead_principals/1");
  assert.equal(lead.severity, "error");
  assert.match(tsi.sipSummary(valid), /^Samordnad individuell plan \(SIP\)/);
  assert.match(tsi.sipSummary(valid, { lang: "en" }), /Who to call:/);
  const agencies = valid.participants.map((p) => p.agency);
  assert.equal(tsi.sipIndicated(agencies, ["soc-barn-unga", "bup-uddevalla"]), true);
  assert.equal(tsi.sipIndicated(JSON.stringify(agencies), ["skola-ekbacken"]), false);
  assert.throws(() => tsi.sipIndicated(agencies, "bup"), (e) => e.code === "JSON_WRONG_TYPE" && e.path === "/responsible");
  assert.throws(() => tsi.sipIndicated(agencies, [1]), (e) => e.code === "JSON_WRONG_TYPE");
  assert.throws(() => tsi.validateSip(null), (e) => e.code === "JSON_WRONG_TYPE" && e.path === "");
});

test("case process: replay, apply, refusal, due actions, slots, agenda, diagram", () => {
  const log = JSON.parse(readFileSync(path.join(__dirname, "../../../examples/case/log.json"), "utf8"));
  const view = tsi.replayCase(log, { lang: "en" });
  assert.equal(view.case.state, "Closed");
  assert.equal(view.audit.length, 23);
  assert.equal(tsi.verifyAuditChain(view.audit).valid, true);
  const active = tsi.replayCase(log.slice(0, 11)).case;
  assert.equal(active.state, "Active");
  assert.deepEqual(tsi.dueActions(active, "2026-09-20T10:00:00+02:00").map((d) => [d.code, d.overdue]),
    [["DUE_SIP_MEETING", false], ["DUE_FOLLOW_UP", false]]);
  assert.throws(() => tsi.applyCaseEvent(active, { ctx: log[10].ctx, event: { type: "Close", reason: "GoalsMet" } }), (e) => {
    assert.equal(e.code, "CASE_CLOSE_OPEN_NEEDS");
    assert.equal(e.path, "/entry/event/reason");
    assert.equal(e.params.state, "Active");
    assert.equal(e.params.event, "Close");
    return true;
  });
  assert.equal(tsi.replayCase(log.slice(0, 11)).case.state, "Active", "a refused event changes nothing");
  const applied = tsi.applyCaseEvent(null, log[0]);
  assert.equal(applied.case.state, "Raised");
  assert.deepEqual(tsi.allowedEvents(null), ["Raise"]);
  assert.ok(tsi.allowedEvents(applied.case).includes("RequestConsent"));
  assert.deepEqual(tsi.nextSlots({ first_slot: "2026-09-02T13:00:00+02:00" }, "2026-09-02T13:00:00+02:00", 2),
    ["2026-09-16T13:00:00+02:00", "2026-09-30T13:00:00+02:00"]);
  const agenda = tsi.agenda([applied.case, active], "2026-09-16T13:00:00+02:00");
  assert.deepEqual(agenda.new_raises, ["case-2026-0147"]);
  assert.match(tsi.caseDiagram(), /^stateDiagram-v2/);
  assert.throws(() => tsi.dueActions(active, "igår"), (e) => e.code === "INSTANT_INVALID");
  assert.throws(() => tsi.nextSlots({ first_slot: "x" }, "2026-09-02T13:00:00+02:00", 1), (e) => e.code === "JSON_INVALID_VALUE");
});

test("#26: a wrong object and a freed object are coded TsiErrors, with the registry's messages", () => {
  const at = "2026-11-23T12:00:00+01:00";
  const a = new tsi.StatsAccumulator(at);
  for (const other of [{}, null, 42, "text"]) {
    assert.throws(() => a.merge(other), (e) => tsi.isTsiError(e) && e.code === "JSON_WRONG_TYPE" && e.path === "/other"
      && e.params.expected === "a StatsAccumulator");
  }
  const freed = new tsi.StatsAccumulator(at);
  freed.free();
  const en = (code) => tsi.codes().find((c) => c.code === code).en;
  for (const use of [() => freed.cases, () => freed.add("[]"), () => freed.partial(), () => freed.publish(), () => a.merge(freed)]) {
    assert.throws(use, (e) => tsi.isTsiError(e) && e.code === "OBJECT_FREED" && e.message === en("OBJECT_FREED"));
  }
  assert.throws(() => a.merge({}), (e) => e.message === en("JSON_WRONG_TYPE").replace("{subject}", "the document").replace("{expected}", "a StatsAccumulator"));
});

test("a list refused at its limit says 'more than' in the message's language, with no count", () => {
  const policy = tsi.defaultPolicy();
  const small = { ...policy, limits: { ...policy.limits, max_events: 1 } };
  const log = JSON.stringify([{ ctx: {}, event: { type: "RequestConsent" } }, { ctx: {}, event: { type: "RequestConsent" } }]);
  for (const [lang, words] of [["sv", "fler än 1 poster"], ["en", "more than 1 entries"]]) {
    assert.throws(() => tsi.replayCase(log, { policy: small, lang }), (e) => {
      assert.equal(e.code, "LIMIT_EXCEEDED");
      assert.deepEqual(e.params, { limit: "1" });
      assert.ok(e.message.includes(words), e.message);
      assert.equal(lang === "sv" && e.message.includes("more than"), false, e.message);
      return true;
    });
  }
});
