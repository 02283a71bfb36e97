// The inputs both sides read (tsi wasm and its peer), generated once into bench/js/data/:
// a 50-intervention SIP with 6 participants and dissent (valid for tsi, valid for the schema),
// sharing questions with 100 and 1 000 consents, and case logs of 1k, 10k and 100k events
// (the shape of crates/tsi-core/tests/support/long_log.rs: four setup events, five a round).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
export const dataDir = join(here, "data");
const example = (p) => JSON.parse(readFileSync(join(root, "examples", p), "utf8"));

export function sip(interventions) {
  const plan = example("sip/valid.json");
  const kinds = ["School", "StudentHealth", "SocialServices", "FirstLine", "ChildPsychiatry", "PrimaryCare"];
  const principal = (k) => (["FirstLine", "ChildPsychiatry", "PrimaryCare"].includes(k) ? plan.participants.find((p) => p.agency.principal.kind === "Region")?.agency.principal : plan.participants[0].agency.principal);
  const existing = new Map(plan.participants.map((p) => [p.agency.kind, p]));
  plan.participants = kinds.map((kind, i) => existing.get(kind) ?? { ...plan.participants[0], agency: { id: `agency-${i}`, kind, principal: principal(kind) ?? plan.participants[0].agency.principal } });
  const template = plan.interventions[0];
  plan.interventions = Array.from({ length: interventions }, (_, k) => ({ ...template, id: `i${k}`, description: `${template.description} (${k})` }));
  plan.dissent = [{ by: "Child", about: `/interventions/${interventions - 1}`, text: "Jag vill inte." }];
  return plan;
}

function at(day) {
  const d = new Date(Date.UTC(2026, 0, 5, 8, 0, 0) + day * 86400000);
  return d.toISOString().replace(".000Z", "Z");
}

export function longLog(rounds) {
  const entry = (now, event) => ({ ctx: { now, actor: "staff", actor_agency: "school" }, event });
  const agencies = [
    { id: "school", kind: "School", principal: { id: "m", kind: "Municipality" } },
    { id: "soc", kind: "SocialServices", principal: { id: "m", kind: "Municipality" } },
    { id: "bup", kind: "ChildPsychiatry", principal: { id: "r", kind: "Region" } },
  ];
  const consent = { id: "c1", givers: [{ giver: { Guardian: "g1" }, form: "Written" }], recipients: [{ Agency: "soc" }, { Agency: "bup" }], categories: ["Attendance", "Learning", "Health", "MentalHealth"], purpose: "TsiCollaboration", valid_from: at(0), valid_until: "2099-01-01T00:00:00+01:00", recorded_at: at(0), recorded_by: "staff" };
  const log = [
    entry(at(0), { type: "Raise", case_id: "k", raised_by: "school", concern_areas: ["SchoolAttendance"], suggested_level: "Selective", child: { birth_date: "2020-03-01" }, guardians: [{ id: "g1", kind: "Parent" }], agencies }),
    entry(at(0), { type: "RequestConsent" }),
    entry(at(0), { type: "RecordConsent", consent }),
    entry(at(1), { type: "FirstMeeting", meeting_id: "m0", participants: ["school", "soc", "bup"], guardians_invited: true, child_view: { Recorded: "view" } }),
  ];
  for (let k = 0; k < rounds; k++) {
    const day = 2 + Math.floor(k / 10);
    const d = at(day);
    const date = d.slice(0, 10);
    log.push(entry(d, { type: "AddNeed", need_id: `n${k}`, area: "SchoolAttendance", level: "Selective", accountable: "school" }));
    log.push(entry(d, { type: "StartIntervention", intervention: { id: `i${k}`, need: `n${k}`, responsible_agency: "school", level: "Selective", start: date, goal: "goal", next_follow_up: date } }));
    log.push(entry(d, { type: "FollowUpMeeting", meeting_id: `m${k + 1}`, participants: ["school", "soc"] }));
    log.push(entry(d, { type: "RecordFollowUp", decision: "Continue" }));
    log.push(entry(d, { type: "EndIntervention", intervention_id: `i${k}` }));
  }
  return log;
}

export function question(consents) {
  const q = example("sharing/allowed.json");
  const template = q.case.consents[0];
  q.case.consents = Array.from({ length: consents }, (_, k) => ({ ...template, id: `samtycke-${k}`, purpose: k + 1 < consents ? "Sip" : template.purpose }));
  return q;
}

export const SIZES = { sip: 50, consents: [100, 1000], logRounds: [200, 2000, 20000] };

/** The default policy with room for the longest bench log (200 000 events, 64 MiB of text). */
export function longLogPolicy(tsi) {
  const policy = tsi.defaultPolicy();
  return { ...policy, limits: { ...policy.limits, max_events: 200_000, max_input_bytes: 64 << 20 } };
}

/** Records log entries (JSON texts) one by one with the one-shot `recordCaseEvent`, each chained
 * to the last record, as a journal system without a prepared case does; the case after the last. */
export function recordOneByOne(tsi, entries, options = {}) {
  let caseValue = null;
  let auditPrev;
  for (const entry of entries) ({ case: caseValue, audit: auditPrev } = tsi.recordCaseEvent(caseValue, entry, { ...options, auditPrev }));
  return caseValue;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, "sip-50.json"), JSON.stringify(sip(SIZES.sip)));
  for (const n of SIZES.consents) writeFileSync(join(dataDir, `question-${n}.json`), JSON.stringify(question(n)));
  for (const r of SIZES.logRounds) writeFileSync(join(dataDir, `log-${r * 5 + 4}.json`), JSON.stringify(longLog(r)));
  console.log(`inputs written to ${dataDir}`);
}
