// The corpus operations through the JS API: shared by the conformance runner and the check
// of runtime outputs against the generated TypeScript declarations (types.test.mjs).
import * as tsi from "@tsi-rules/tsi";

const policyArg = (input) => ("policy_text" in input ? input.policy_text : input.policy);
/** A document input: `<name>_text` (JSON text as given) or `<name>` (an object). */
const doc = (input, name) => (`${name}_text` in input ? input[`${name}_text`] : input[name]);
const options = (i) => ({ policy: i.policy, lang: i.lang, auditPrev: i.audit_prev, at: i.at, auditKey: i.audit_key });
/** The input's policy read once (#30); SPEC's defaults when it has none. */
const prepared = (i) => new tsi.PreparedPolicy(i.policy);
const preparedOptions = (i) => ({ lang: i.lang, auditPrev: i.audit_prev, auditKey: i.audit_key });
const replayed = (i) => ("log" in i ? tsi.replayCase(i.log).case : null);

export const ops = {
  "id.check": (i) => tsi.checkPersonalIdentity(i.number, i.at),
  "age.at": (i) => tsi.ageAt(i.birth_date, i.at),
  "policy.validate": (i) => tsi.validatePolicy(policyArg(i), i.lang),
  "policy.parse": (i) => tsi.parsePolicy(policyArg(i)),
  "policy.default": () => tsi.defaultPolicy(),
  "names.display": (i) => tsi.displayName(i.enum, i.value, i.lang) ?? null,
  "codes.get": (i) => tsi.codes().find((c) => c.code === i.code) ?? null,
  "consent.decide": (i) => tsi.mayShare(doc(i, "case"), doc(i, "request"), options(i)),
  "consent.prepared": (i) => new tsi.PreparedSharingCase(doc(i, "case"), { policy: i.policy, lang: i.lang })
    .mayShare(doc(i, "request"), { lang: i.lang, auditPrev: i.audit_prev, auditKey: i.audit_key }),
  "consent.matrix": (i) => tsi.sharingMatrix(doc(i, "case"), doc(i, "request"), options(i)),
  "consent.prepared_matrix": (i) => new tsi.PreparedSharingCase(doc(i, "case"), { policy: i.policy, lang: i.lang })
    .sharingMatrix(doc(i, "request"), { lang: i.lang, auditPrev: i.audit_prev, auditKey: i.audit_key }),
  "consent.remedies": (i) => tsi.remedies(doc(i, "case"), doc(i, "request"), options(i)),
  "consent.plan": (i) => tsi.planConsent(doc(i, "case"), doc(i, "plan"), options(i)),
  "consent.validate": (i) => tsi.validateSharingCase(doc(i, "case"), i.at, options(i)),
  "deid.check": (i) => tsi.checkDeidentified(doc(i, "summary"), options(i)),
  "audit.verify": (i) => tsi.verifyAuditChain(doc(i, "records"), i.lang, i.anchor),
  "audit.proves": (i) => tsi.auditProves(i.record, i.subject, i.audit_key),
  "sip.validate": (i) => tsi.validateSip(doc(i, "sip"), options(i)),
  "sip.summary": (i) => tsi.sipSummary(doc(i, "sip"), options(i)),
  "sip.indicated": (i) => tsi.sipIndicated(doc(i, "agencies"), i.responsible),
  "case.replay": (i) => tsi.replayCase(doc(i, "log"), { ...options(i), audit: i.audit }),
  "case.apply": (i) => tsi.applyCaseEvent(replayed(i), i.entry, options(i)),
  "case.record": (i) => tsi.recordCaseEvent(replayed(i), i.entry, options(i)),
  "case.prepared_record": (i) => {
    const { next, ...step } = new tsi.PreparedCase(replayed(i), { policy: i.policy, lang: i.lang })
      .record(i.entry, { lang: i.lang, auditPrev: i.audit_prev, auditKey: i.audit_key });
    return { ...step, case: next.case };
  },
  "policy.prepared_decide": (i) => prepared(i).mayShare(doc(i, "case"), doc(i, "request"), preparedOptions(i)),
  "policy.prepared_sharing_case": (i) => prepared(i).prepareSharingCase(doc(i, "case"), { lang: i.lang })
    .mayShare(doc(i, "request"), preparedOptions(i)),
  "policy.prepared_sip": (i) => prepared(i).validateSip(doc(i, "sip"), { lang: i.lang }),
  "policy.prepared_replay": (i) => prepared(i).replayCase(doc(i, "log"), { ...preparedOptions(i), at: i.at, audit: i.audit }),
  "policy.prepared_record": (i) => {
    const { next, ...step } = prepared(i).prepareCase(replayed(i), { lang: i.lang }).record(i.entry, preparedOptions(i));
    return { ...step, case: next.case };
  },
  "case.allowed": (i) => tsi.allowedEvents(replayed(i)),
  "meeting.next_slots": (i) => tsi.nextSlots(i.schedule, i.after, i.n, options(i)),
  "meeting.agenda": (i) => tsi.agenda(i.logs.map((log) => tsi.replayCase(log).case), i.slot),
  "followup.validate": (i) => tsi.validateMeasures(doc(i, "measures"), options(i)),
  "followup.classify": (i) => tsi.classifyChange(doc(i, "question"), options(i)),
  "stats.add": (i) => new tsi.StatsAccumulator(i.at).add(doc(i, "log")) ?? null,
  "stats.partial": (i) => accumulate(i.at, i.logs).partial(),
  "stats.publish": (i) => accumulate(i.at, i.logs, i.policy).publish(i.min_cell, i.lang),
  "stats.merge": (i) => {
    const parts = "parts" in i
      ? i.parts.map((logs) => accumulate(i.at, logs))
      : i.partials.map((p) => tsi.StatsAccumulator.fromPartial(p));
    return parts.slice(1).reduce((m, p) => m.merge(p), parts[0]).partial();
  },
};

/** An accumulator over `logs`, one log at a time. */
function accumulate(at, logs, policy) {
  const acc = new tsi.StatsAccumulator(at, policy === undefined ? undefined : { policy });
  for (const log of logs) acc.add(log);
  return acc;
}
