// Type-checked with `tsc --noEmit` (tsconfig.json): the declarations must describe what the
// functions return, and reject wrong calls (the @ts-expect-error lines must stay errors).
import {
  ageAt, checkPersonalIdentity, codes, defaultPolicy, isTsiError, parsePolicy, validatePolicy, version,
  type CodeInfo, type Finding, type IdCheck, type Policy, type Report, type Severity,
  mayShare, validateSharingCase, checkDeidentified, verifyAuditChain, validateSip, sipSummary, sipIndicated, type Sip,
  applyCaseEvent, recordCaseEvent, replayCase, allowedEvents, dueActions, nextSlots, agenda, caseDiagram,
  type RecordedStep,
  validateMeasures, classifyChange, StatsAccumulator, type ChangeAnswer, type Change, type StatsPartial, type Published,
  type Case, type CaseView, type LogEntry, type DueAction, type Agenda, type Applied, type EventKind,
  type SharingCase, type ShareRequest, type ShareDecision, type ChainReport, type Basis, type AuditRecord,
  PreparedPolicy, type CaseViewAuditJson, type CaseViewCaseJson, type CaseViewJson, type ShareDecisionAuditJson, PreparedSharingCase, PreparedCase,
} from "@tsi-rules/tsi";

const sharingCase: SharingCase = {
  schema_version: 1,
  case_id: "k-1",
  child: { birth_date: "2013-03-14" },
  guardians: [{ id: "vh-1", kind: "Parent" }],
  agencies: [
    { id: "skola", kind: "School", principal: { id: "kommun", kind: "Municipality" } },
    { id: "soc", kind: "SocialServices", principal: { id: "kommun", kind: "Municipality" } },
  ],
  consents: [{
    id: "c1", givers: [{ giver: { Guardian: "vh-1" }, form: "Written" }, { giver: "Child", form: { OralDocumented: { documented_by: "k" } } }],
    recipients: [{ Kind: "SocialServices" }], categories: ["Attendance"], purpose: "TsiCollaboration",
    valid_from: "2026-09-01T00:00:00+02:00", valid_until: "2027-03-01T00:00:00+01:00",
    recorded_at: "2026-09-01T00:00:00+02:00", recorded_by: "k",
  }],
};
const shareRequest: ShareRequest = {
  from: "skola", to: "soc", category: "Attendance", purpose: "TsiCollaboration", at: "2026-11-23T10:00:00+01:00", actor: "r",
};
const decision: ShareDecision = mayShare(sharingCase, shareRequest, { lang: "en" });
const basis: Basis | null = decision.basis;
if (basis?.kind === "Consent") console.log(basis.id);
const record: AuditRecord = decision.audit;
const next: ShareDecision = mayShare(sharingCase, shareRequest, { auditPrev: record, policy: { schema_version: 1 } });
const chain: ChainReport = verifyAuditChain([record, next.audit]);
const checked: Report = validateSharingCase(sharingCase, "2026-11-23T10:00:00+01:00");
const deid: Report = checkDeidentified({ schema_version: 1, raised_by: "School", summary: "Frånvaro." });
console.log(chain.valid, checked.valid, deid.valid);
// @ts-expect-error: a foster parent is not a guardian kind
const foster: SharingCase = { ...sharingCase, guardians: [{ id: "f", kind: "FosterParent" }] };
// @ts-expect-error: auditPrev is an audit record, not a number
mayShare(sharingCase, shareRequest, { auditPrev: 3 });
// A record to store as it is: `audit: "json"` gives its JSON text, which chains as `auditPrev`.
const toStore: ShareDecisionAuditJson = mayShare(sharingCase, shareRequest, { audit: "json" });
const storedRecord: string = toStore.audit;
const chainedRecord: string = new PreparedSharingCase(sharingCase).mayShare(shareRequest, { audit: "json", auditPrev: storedRecord }).audit;
const matrixRecord: string = new PreparedSharingCase(sharingCase).sharingMatrix({ from: "skola", purpose: "TsiCollaboration", at: "2026-11-23T10:00:00+01:00", actor: "a" }, { audit: "json" }).audit;
const underPolicy: string = new PreparedPolicy({ schema_version: 1 }).mayShare(sharingCase, shareRequest, { audit: "json" }).audit;
// @ts-expect-error: with audit: "json" the record is a text, not an object
const notRecord: AuditRecord = mayShare(sharingCase, shareRequest, { audit: "json" }).audit;
// @ts-expect-error: a decision always has its record (R-AU-1): audit is true or "json"
mayShare(sharingCase, shareRequest, { audit: false });
const eventRecord: string = recordCaseEvent(null, { ctx: { now: "2026-09-01T09:00:00+02:00", actor: "s", actor_agency: "skola" }, event: { type: "RequestConsent" } }, { audit: "json" }).audit;
const stepRecord: string = new PreparedCase(null).record({ ctx: { now: "2026-09-01T09:00:00+02:00", actor: "s", actor_agency: "skola" }, event: { type: "RequestConsent" } }, { audit: "json" }).audit;
const stepObject: AuditRecord = new PreparedCase(null).record({ ctx: { now: "2026-09-01T09:00:00+02:00", actor: "s", actor_agency: "skola" }, event: { type: "RequestConsent" } }).audit;
console.log(chainedRecord.length, matrixRecord.length, underPolicy.length, notRecord, eventRecord.length, stepRecord.length, stepObject.seq);

const id: IdCheck = checkPersonalIdentity("121212-1212", "2026-11-23");
const age: number = id.age + ageAt("2014-11-23", "2026-11-23");
const kind: "PersonalNumber" | "CoordinationNumber" = id.kind;
const report: Report = validatePolicy({ schema_version: 1, consent_policy: { child_alone_from: 16 } });
const english: Report = validatePolicy('{"schema_version":1}', "en");
const first: Finding | undefined = report.findings[0];
const severity: Severity | undefined = first?.severity;
const policy: Policy = defaultPolicy();
const again: Policy = parsePolicy({ ...policy, min_cell: 7 });
const alone: number = again.consent_policy.child_alone_from;
const all: CodeInfo[] = codes();
const v: string = version();

try {
  checkPersonalIdentity("x", "2026-11-23");
} catch (e) {
  if (isTsiError(e)) {
    const code: string = e.code;
    const path: string = e.path;
    const name: "TsiError" = e.name;
    console.log(code, path, name);
  }
}

// @ts-expect-error: lang is "sv" | "en"
validatePolicy({ schema_version: 1 }, "de");
// @ts-expect-error: schema_version is required
validatePolicy({ min_cell: 3 });
// @ts-expect-error: unknown policy field
validatePolicy({ schema_version: 1, min_cel: 3 });
// @ts-expect-error: the date is a string
checkPersonalIdentity("121212-1212", new Date());

console.log(age, kind, english.valid, severity, alone, all.length, v);

const plan: Sip = {
  schema_version: 1, sip_id: "s", plan_date: "2026-11-20", consent: "c1",
  participants: [{ agency: { id: "bup", kind: "ChildPsychiatry", principal: { id: "vgr", kind: "Region" } }, name: "BUP" }],
  needs: [{ id: "n1", description: "Sömn" }],
  interventions: [{ id: "i1", need: "n1", description: "Samtal", responsible_agency: "bup", level: "Indicated", start: "2026-12-01", goal: "Sova" }],
  measures_by_others: "None", lead_principals: ["vgr"], follow_up: "2027-02-15",
};
const sipReport: Report = validateSip(plan, { lang: "en" });
const summary: string = sipSummary(plan);
const indicated: boolean = sipIndicated(plan.participants.map((p) => p.agency), ["bup"]);
console.log(sipReport.valid, summary.length, indicated);
// @ts-expect-error: measures by others is "None" or a list, not a lowercase word
const lowercase: Sip = { ...plan, measures_by_others: "none" };

const raiseEntry: LogEntry = {
  ctx: { now: "2026-09-01T09:00:00+02:00", actor: "rektor-1", actor_agency: "skola" },
  event: {
    type: "Raise", case_id: "k", raised_by: "skola", concern_areas: ["SchoolAttendance"], suggested_level: "Selective",
    child: { birth_date: "2013-03-14" }, agencies: sharingCase.agencies,
  },
};
const appliedCase: Applied = applyCaseEvent(null, raiseEntry);
const theCase: Case = appliedCase.case;
const nextEntry: LogEntry = { ctx: { ...raiseEntry.ctx, now: "2026-09-02T09:00:00+02:00" }, event: { type: "RequestConsent" } };
const view: CaseView = replayCase([raiseEntry, nextEntry], { at: "2026-09-09T09:00:00+02:00" });
// A case shown, not audited again: no records are made (`audit` is empty).
const shown: CaseView = replayCase([raiseEntry, nextEntry], { audit: false });
// Records to store: one JSON text of their array (`audit: "json"`), typed as such.
const stored: CaseViewAuditJson = replayCase([raiseEntry, nextEntry], { audit: "json" });
const storedText: string = stored.audit;
const storedUnder: string = new PreparedPolicy({ schema_version: 1 }).replayCase([raiseEntry], { audit: "json" }).audit;
const asObjects: AuditRecord[] = replayCase([raiseEntry], { audit: true }).audit;
// @ts-expect-error: with audit: "json" the records are a text, not objects
const notObjects: AuditRecord[] = replayCase([raiseEntry], { audit: "json" }).audit;
// @ts-expect-error: audit is a boolean or "json"
replayCase([raiseEntry], { audit: "jsonl" });
// A case to store: its JSON text (`case: "json"`), which a prepared case reads as it is.
const caseText: string = replayCase([raiseEntry, nextEntry], { case: "json" }).case;
const allText: CaseViewJson = replayCase([raiseEntry, nextEntry], { audit: "json", case: "json" });
const caseUnder: CaseViewCaseJson = new PreparedPolicy({ schema_version: 1 }).replayCase([raiseEntry], { case: "json", audit: false });
const reopened: PreparedCase = new PreparedCase(caseText);
// @ts-expect-error: with case: "json" the case is a text, not an object
const notCase: Case = replayCase([raiseEntry], { case: "json" }).case;
// @ts-expect-error: a replay always returns its case: true or "json"
replayCase([raiseEntry], { case: false });
console.log(allText.audit.length + allText.case.length, caseUnder.case.length, reopened.case, notCase);
console.log(storedText.length, storedUnder.length, asObjects.length, notObjects.length);
const due: DueAction[] = dueActions(theCase, "2026-09-09T09:00:00+02:00");
const allowed: EventKind[] = allowedEvents(theCase);
const slots: string[] = nextSlots({ first_slot: "2026-09-02T13:00:00+02:00", interval_days: 14 }, "2026-09-03T00:00:00+02:00", 3);
const theAgenda: Agenda = agenda([theCase, view.case], slots[0]);
const diagram: string = caseDiagram();
console.log(due.length, allowed.length, theAgenda.new_raises, diagram.length);
// @ts-expect-error: an event needs its fields
const broken: LogEntry = { ctx: raiseEntry.ctx, event: { type: "AddNeed", need_id: "n1" } };

// Audit: every event recorded, applied or refused; anchored verification.
const step: RecordedStep = recordCaseEvent(null, { ctx: { now: "2026-09-01T09:00:00+02:00", actor: "s", actor_agency: "skola" },
  event: { type: "RequestConsent" } });
const refusedCode: string | undefined = step.refusal?.code;
const chained: RecordedStep = recordCaseEvent(step.case, { ctx: { now: "2026-09-02T09:00:00+02:00", actor: "s", actor_agency: "skola" },
  event: { type: "RequestConsent" } }, { auditPrev: step.audit });
const anchored: ChainReport = verifyAuditChain([chained.audit], "en", step.audit.hash);
const start: "Genesis" | "Anchor" = anchored.starts_at;
const head: string | null = anchored.head;
void refusedCode; void start; void head;

// Follow-up and statistics (SPEC §8).
const measured: Report = validateMeasures({ ors: [7, 8, 6.5, 8], attendance_percent: 88 }, { lang: "en" });
const answer: ChangeAnswer = classifyChange({
  schema_version: 1, birth_date: "2016-05-01",
  before: { at: "2026-09-01T10:00:00+02:00", measures: { ors: [5, 5, 5, 5] } },
  after: { at: "2026-11-10T10:00:00+01:00", measures: { ors: [8, 8, 8, 9] } },
});
const change: Change | null = answer.ors;
const acc = new StatsAccumulator("2026-12-01T12:00:00+01:00");
const skipped: string | undefined = acc.add([raiseEntry]);
const region: StatsAccumulator = acc.merge(new StatsAccumulator("2026-12-01T12:00:00+01:00"));
const partial: StatsPartial = region.partial();
const published: Published = region.publish(5, "en");
const firstCell: number | null | undefined = published.tables[0]?.cells[0]?.count;
const counted: number = region.cases;
void measured; void change; void skipped; void partial; void firstCell; void counted;
// @ts-expect-error: measures are numbers
validateMeasures({ ors: ["7"] });
// Event kinds are a union: a typo does not compile.
// @ts-expect-error
const typo: EventKind = "RecordConsnet";
void typo;
