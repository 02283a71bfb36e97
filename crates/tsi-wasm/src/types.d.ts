/** An ISO 8601 calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** Message language: Swedish (default) or English. */
export type Lang = "sv" | "en";
/** Severity of a finding. */
export type Severity = "error" | "warning" | "info";

/** Every thrown error: a real `Error` with a stable `code` and a JSON Pointer `path`. */
export interface TsiError extends Error {
  name: "TsiError";
  /** Stable SCREAMING_SNAKE code, e.g. `ID_BAD_CHECKSUM` (see `codes()`). */
  code: string;
  /** JSON Pointer to the offending input (`""` = the whole input, `/at` = that argument). */
  path: string;
  /** Message parameters; never personal data. */
  params: Record<string, string>;
}

/** A code's registry entry. */
export interface CodeInfo {
  code: string;
  kind: "error" | "finding";
  severity: Severity;
  /** SPEC rule ID (`R-…`) or section (`§9`). */
  rule: string;
  sv: string;
  en: string;
}

/** One rule outcome, pointing into the input by JSON Pointer. */
export interface Finding {
  code: string;
  severity: Severity;
  path: string;
  params: Record<string, string>;
  message: string;
}

/** A validation report: never thrown, always returned. */
export interface Report {
  /** True when no finding has severity `error`. */
  valid: boolean;
  /** Sorted by path, then code. */
  findings: Finding[];
}

export type IdKind = "PersonalNumber" | "CoordinationNumber";

/** A checked personal identity or coordination number. */
export interface IdCheck {
  /** 12 digits, no separator. */
  normalized: string;
  kind: IdKind;
  birth_date: IsoDate;
  /** Whole years at the date checked at. */
  age: number;
}

export type InformationCategory =
  | "Attendance" | "Learning" | "Health" | "MentalHealth"
  | "SocialSituation" | "FamilySituation" | "Assessments" | "PlanContent";
export type Level = "Universal" | "Selective" | "Indicated";
export type AgencyKind =
  | "Preschool" | "School" | "StudentHealth" | "SocialServices" | "ChildHealthCare"
  | "PrimaryCare" | "FirstLine" | "YouthClinic" | "ChildPsychiatry" | "Habilitation"
  | { Other: string };

export interface ConsentPolicy {
  child_consent_from: number;
  child_alone_from: number;
  child_alone_categories: InformationCategory[];
}
export interface Timeliness {
  consent_within_days: number;
  first_meeting_within_days: number;
  followup_max_interval_days: number;
  meeting_interval_days: number;
}
export interface FollowUpThresholds {
  ors_cutoff_adult: number;
  ors_cutoff_13_17: number;
  ors_cutoff_6_12: number;
  reliable_change: number;
  srs_alert_below: number;
  attendance_problem_below_percent: number;
}
export interface LevelRangeEntry { agency_kind: AgencyKind; min: Level; max: Level }
export interface Limits {
  max_input_bytes: number;
  max_events: number;
  max_consents: number;
  max_interventions: number;
  max_text_chars: number;
}

/** The IANA time zones a policy may name. */
export type TimeZone =
  | "Europe/Stockholm" | "Europe/Oslo" | "Europe/Copenhagen" | "Europe/Helsinki" | "Europe/Mariehamn" | "UTC";

/** A complete policy, as returned by `defaultPolicy()` and `parsePolicy()`. */
export interface Policy {
  schema_version: 1;
  /** The collaboration's time zone: the date of an instant is its date there (SPEC §9). */
  time_zone: TimeZone;
  consent_policy: ConsentPolicy;
  consent_warn_days: number;
  handover_answer_days: number;
  small_population_threshold: number;
  timeliness: Timeliness;
  sip_start_days: number;
  sip_max_followup_days: number;
  followup: FollowUpThresholds;
  min_cell: number;
  level_ranges: LevelRangeEntry[];
  limits: Limits;
  /** Vendor data, carried through untouched. */
  ext?: Record<string, unknown>;
}

/** A policy as written by a collaboration: only `schema_version` is required. */
export type PolicyInput = { schema_version: 1 } & {
  [K in Exclude<keyof Policy, "schema_version">]?: Policy[K] extends object
    ? Partial<Policy[K]>
    : Policy[K];
};

/** An RFC 3339 instant with offset, e.g. `2026-11-23T10:00:00+01:00`. */
export type Instant = string;
export type PrincipalKind = "Municipality" | "Region" | "Private" | "State";
export interface Principal { id: string; kind: PrincipalKind }
/** An agency: the unit secrecy is counted between (school and student health are two). */
export interface Agency { id: string; kind: AgencyKind; principal: Principal }

export type GuardianKind = "Parent" | "SpeciallyAppointed";
/** A guardian with custody (0–2 per child). `reachable` defaults to true. */
export interface Guardian { id: string; kind: GuardianKind; reachable?: boolean }
/** Who gives, withdraws or refuses consent. */
export type Giver = "Child" | { Guardian: string };
export type ConsentForm = "Written" | { OralDocumented: { documented_by: string } };
export interface ConsentGiver { giver: Giver; form: ConsentForm }
export type Recipient = { Agency: string } | { Kind: AgencyKind };
export type Purpose = "TsiCollaboration" | "Sip" | { SpecificMeeting: string };
/** A specific consent record (R-CN-1). `valid_until` is exclusive. */
export interface Consent {
  id: string;
  givers: ConsentGiver[];
  recipients: Recipient[];
  categories: InformationCategory[];
  purpose: Purpose;
  valid_from: Instant;
  valid_until: Instant;
  recorded_at: Instant;
  recorded_by: string;
  ext?: Record<string, unknown>;
}
export type WithdrawalScope = "Whole" | { Recipient: Recipient } | { Category: InformationCategory };
export interface Withdrawal { consent: string; by: Giver; at: Instant; scope: WithdrawalScope }
export interface Refusal { by: Giver; at: Instant }
export type LegalGroundKind =
  | "ReportOfConcern" | "ObligationToProvide" | "ChildAtRisk" | "Emergency" | { Other: string };
export interface GroundScope {
  from?: string | null;
  to?: string | null;
  categories: InformationCategory[];
  valid_from: Instant;
  valid_until?: Instant | null;
}
/** A recorded legal ground other than consent (R-CN-5). */
export interface LegalGround {
  id: string;
  ground: LegalGroundKind;
  assessed_by: string;
  assessed_at: Instant;
  provision: string;
  scope: GroundScope;
}
export type GdprBasis = "PublicTask" | "LegalObligation" | "VitalInterests" | "Consent";

/** Everything the sharing decision needs about one case. */
export interface SharingCase {
  schema_version: 1;
  case_id: string;
  child: { birth_date: IsoDate };
  guardians?: Guardian[];
  agencies: Agency[];
  consents?: Consent[];
  withdrawals?: Withdrawal[];
  refusals?: Refusal[];
  legal_grounds?: LegalGround[];
  /** The GDPR basis of processing: never read by the sharing decision (R-CN-7). */
  gdpr_basis?: GdprBasis | null;
  ext?: Record<string, unknown>;
}

/** May `from` share `category` with `to`, for `purpose`, at `at`? */
export interface ShareRequest {
  from: string;
  to: string;
  category: InformationCategory;
  purpose: Purpose;
  at: Instant;
  /** Who asks (staff reference), for the audit record. */
  actor: string;
}

export type Basis =
  | { kind: "SameAgency" }
  | { kind: "Consent"; id: string }
  | { kind: "LegalGround"; id: string; ground: LegalGroundKind };

export type AuditAction =
  | { kind: "ShareDecision"; from: string; to: string; category: InformationCategory; purpose: Purpose }
  | { kind: "CaseEvent"; event: string; from: CaseState | null; to: CaseState | null };
/** A hash-chained audit record (R-AU-1). Store it as is; verify with `verifyAuditChain`. */
export interface AuditRecord {
  /** The record format (docs/audit-format.md). */
  schema_version: 2;
  seq: number;
  /** In UTC (`…Z`). */
  at: Instant;
  actor: string;
  case_id: string;
  action: AuditAction;
  outcome: "Allowed" | "Denied";
  basis: Basis | null;
  reason_codes: string[];
  /** SHA-256 (hex) of the canonical JSON of the request or the `{ctx, event}` entry. */
  subject_digest: string;
  prev_hash: string;
  hash: string;
}

/** The sharing decision (R-CN-4). */
export interface ShareDecision {
  /** True only with a basis. */
  allowed: boolean;
  basis: Basis | null;
  /** Denied: every missing piece. Allowed: warnings only (e.g. CONSENT_EXPIRING). */
  reasons: Finding[];
  audit: AuditRecord;
}

/** The result of `verifyAuditChain`. */
export interface ChainReport {
  valid: boolean;
  /** `Genesis` when no anchor was given (a whole log), else `Anchor`. */
  starts_at: "Genesis" | "Anchor";
  checked: number;
  first_broken: number | null;
  finding: Finding | null;
  /** The last record's hash of an intact chain: the next segment's anchor. */
  head: string | null;
}

export interface CheckOptions {
  /** The collaboration's policy; SPEC defaults when absent. A policy with errors is refused. */
  policy?: PolicyInput | string;
  lang?: Lang;
}
export interface ShareOptions extends CheckOptions {
  /** The last record of your audit chain; the decision's record is chained to it. */
  auditPrev?: AuditRecord | string;
}

export type ConcernArea = "ChildDevelopment" | "ParentingCapacity" | "FamilyAndEnvironment" | "SchoolAttendance";
/** What the joint team may see before consent (R-DI-1). */
export interface DeIdentifiedSummary {
  schema_version: 1;
  raised_by: AgencyKind;
  age_years?: number | null;
  concern_areas?: ConcernArea[];
  summary: string;
  municipality_children?: number | null;
  ext?: Record<string, unknown>;
}

/** A coordinated individual plan (SPEC §7). The JSON Schema is bindings/schema/sip.schema.json. */
export interface Sip {
  schema_version: 1;
  sip_id: string;
  /** The date of the SIP meeting. */
  plan_date: IsoDate;
  need_identified?: IsoDate | null;
  /** The consent record the plan rests on (R-SP-0). */
  consent?: string | null;
  participants: SipParticipant[];
  child?: { own_goals?: string[]; view?: string | null; view_not_recorded_reason?: string | null };
  guardians?: { participated?: boolean; absence_reason?: string | null };
  needs?: SipNeed[];
  interventions?: SipIntervention[];
  /** Point 3: measures by others, or explicitly "None". */
  measures_by_others?: "None" | { Measures: { by: string; description: string }[] } | null;
  /** Point 4: exactly one municipality or region that takes part. */
  lead_principals?: string[];
  dissent?: { by: Giver; about: string; text: string }[];
  follow_up?: IsoDate | null;
  ext?: Record<string, unknown>;
}
export interface SipParticipant { agency: Agency; name?: string | null; contact?: string | null }
export interface SipNeed { id: string; description: string; child_words?: string | null }
export interface SipIntervention {
  id: string;
  need: string;
  description: string;
  responsible_agency?: string | null;
  level: Level;
  start: IsoDate;
  end?: IsoDate | null;
  goal: string;
}

export type CaseState =
  | "Raised" | "DeIdentifiedConsultation" | "AwaitingConsent" | "Planning" | "Active"
  | "FollowUp" | "Paused" | "Declined" | "Closed";
export type CloseReason = "GoalsMet" | "Declined" | "ConsentWithdrawn" | "HandedOver" | "Moved" | "Other";
export type FollowUpDecision = "Continue" | "Adjust" | "Escalate" | "DeEscalate" | "Close";
export type ChildView = { Recorded: string } | { NotRecorded: string };
/** An intervention agreed for a need (R-CP-3). */
export interface Intervention {
  id: string; need: string; responsible_agency: string; level: Level;
  start: IsoDate; goal: string; next_follow_up: IsoDate; ended_at?: Instant | null;
}
/** Every event of a case log (R-CP-8), tagged by `type`. */
export type CaseEvent =
  | {
      type: "Raise"; case_id: string; raised_by: string; concern_areas: ConcernArea[];
      suggested_level: Level; child: { birth_date: IsoDate }; guardians?: Guardian[]; agencies: Agency[];
    }
  | { type: "StartDeIdentifiedConsultation" }
  | { type: "RequestConsent" }
  | { type: "RecordConsent"; consent: Consent }
  | { type: "DeclineConsent" }
  | { type: "WithdrawConsent"; withdrawal: Withdrawal }
  | {
      type: "FirstMeeting"; meeting_id: string; participants: string[]; guardians_invited: boolean;
      /** Why the guardians were not invited (a warning when they were not and this is absent). */
      guardians_not_invited_reason?: string | null;
      child_view: ChildView;
      /** Categories discussed; absent: those of the case's concern areas (R-CP-2). */
      categories?: InformationCategory[] | null;
      /** The baseline measures (R-FU-1). */
      measures?: Measures;
    }
  | { type: "AddNeed"; need_id: string; area: ConcernArea; level: Level; accountable: string }
  | { type: "StartIntervention"; intervention: Intervention }
  | { type: "EndIntervention"; intervention_id: string }
  | { type: "OfferHandover"; need_id: string; to: string }
  | { type: "AcceptHandover"; need_id: string }
  | { type: "DeclineHandover"; need_id: string; reason: string }
  | { type: "Escalate"; need_id: string; to: Level; reason: string }
  | { type: "Deescalate"; need_id: string; to: Level; reason: string }
  | { type: "FollowUpMeeting"; meeting_id: string; participants: string[]; categories?: InformationCategory[] | null }
  | { type: "RecordFollowUp"; decision: FollowUpDecision; measures?: Measures }
  | { type: "EstablishSip"; sip_id: string }
  | { type: "ReportOfConcern" }
  | { type: "Close"; reason: CloseReason };
/** Who and when: time is always given, never read from a clock. */
export interface EventContext { now: Instant; actor: string; actor_agency: string }
export interface LogEntry { ctx: EventContext; event: CaseEvent }
/** A need with exactly one accountable agency (R-RS-1). */
export interface Need {
  id: string; area: ConcernArea; level: Level; accountable: string;
  pending_handover: { to: string; offered_at: Instant } | null;
  handed_over: boolean; declined_handovers: number;
}
/** The state value of a case. Keep it, or keep the log and replay it. */
export interface Case {
  case_id: string; state: CaseState; paused_from: CaseState | null;
  raised_at: Instant; raised_by: string; concern_areas: ConcernArea[]; suggested_level: Level;
  sharing: SharingCase; consent_at: Instant | null; needs: Need[]; interventions: Intervention[];
  last_meeting_at: Instant | null; followed_up: boolean; sip_indicated_at: Instant | null; sip_id: string | null;
  reports_of_concern: Instant[]; close_reason: CloseReason | null; last_event_at: Instant;
  first_meeting_at?: Instant | null; follow_up?: FollowUpTrack;
}
export interface Applied { case: Case; warnings: Finding[] }

/** A refused case event (R-CP-8): the state it was refused in, the event, code, path, details. */
export interface Refusal {
  from: CaseState | null; event: string; code: string; path: string; details: Record<string, string>;
}

/** `recordCaseEvent`: one event applied or refused, with its audit record (R-AU-1). */
export interface RecordedStep {
  applied: boolean;
  /** The case after the event; unchanged when refused; null before a case exists. */
  case: Case | null;
  warnings: Finding[];
  refusal: Refusal | null;
  audit: AuditRecord;
}
/** Something due or overdue in a case (R-CP-9). */
export interface DueAction { code: string; path: string; due: Instant; overdue: boolean; message: string }
export interface CaseView {
  case: Case; allowed_events: string[]; due_actions: DueAction[]; warnings: Finding[]; audit: AuditRecord[];
}
export interface CaseOptions extends CheckOptions {
  /** The instant to compute due actions at; the last event's when absent. */
  at?: Instant;
}
/** Fixed meeting slots (R-MT-1): the first slot and the interval (default 14 days). */
export interface MeetingSchedule { first_slot: Instant; interval_days?: number }
export interface Agenda {
  slot: Instant;
  new_raises: string[];
  deidentified_consultations: string[];
  due_follow_ups: string[];
  overdue: { case_id: string; code: string; due: Instant }[];
}

// ---- Follow-up (SPEC §8, R-FU-1 … R-FU-4)
/** The measures of one follow-up; at least one is given. Values have at most one decimal. */
export interface Measures {
  /** ORS: 4 items 0–10. */
  ors?: number[];
  /** SRS: 4 items 0–10. */
  srs?: number[];
  /** School attendance, % (0–100). */
  attendance_percent?: number;
  /** Worry/stress 0–10 in the focus areas. */
  worry?: { child?: number; family?: number; school?: number };
  /** Goal attainment −2 … +2 per intervention's goal. */
  goals?: { intervention: string; attainment: number }[];
}
export interface Measurement { at: Instant; measures: Measures }
/** Two measurements of one child, for `classifyChange`. */
export interface ChangeQuestion { schema_version: 1; birth_date: IsoDate; before: Measurement; after: Measurement }
export type Change = "Recovered" | "Improved" | "Unchanged" | "Deteriorated";
export interface ChangeAnswer {
  ors: Change | null;
  /** ORS totals before and after, as decimals. */
  ors_totals: [string, string] | null;
  /** Attendance change in percentage points (`"-12.5"`). */
  attendance_change: string | null;
  /** Problematic absence before and after (R-FU-3). */
  problematic_absence: [boolean, boolean] | null;
}
export interface Score { at: Instant; tenths: number }
export interface FollowUpTrack {
  measurements: number; ors_measurements: number; ors_first?: Score; ors_last?: Score;
  attendance_first?: Score; attendance_last?: Score; deteriorations_in_row: number;
}

// ---- Statistics (SPEC §8, R-ST-1 … R-ST-3)
/** The unpublished partial aggregate: counts and day histograms (`{ days: count }`), no ids. */
export interface StatsPartial {
  schema_version: 1; at: Instant; basis: string; cases: number; skipped_logs: number;
  by_state: Partial<Record<CaseState, number>>; by_level: Partial<Record<Level, number>>;
  by_raising_agency_kind: Record<string, number>; by_close_reason: Partial<Record<CloseReason, number>>;
  funnel: Partial<Record<"Raised" | "Consent" | "FirstMeeting" | "Closed", number>>;
  raise_to_consent_days: Record<string, number>; consent_to_first_meeting_days: Record<string, number>;
  outcomes: Partial<Record<Level, Partial<Record<Change, number>>>>;
  attendance: { cases: number; first_tenths: number; last_tenths: number; problematic_first: number; problematic_last: number };
  overdue: Record<string, number>; cases_overdue: number;
  selective: { needs: number; waiting: number; waiting_days: Record<string, number>; declined_handovers: number };
}
/** A published count: `null` when suppressed (R-ST-3). */
export interface StatsCell { key: string; count: number | null }
export interface StatsTable { name: string; total: StatsCell | null; cells: StatsCell[] }
export interface StatsDurations { name: string; n: number | null; median: number | null; p90: number | null }
/** Published statistics: suppressed, no ids. */
export interface Published {
  schema_version: 1; at: Instant; min_cell: number; cases: StatsCell; tables: StatsTable[];
  durations: StatsDurations[];
  attendance: { n: number | null; first: string | null; last: string | null; change: string | null };
  findings: Finding[];
}
/** Options of the statistics accumulator. */
export interface StatsOptions { policy?: PolicyInput | string }
