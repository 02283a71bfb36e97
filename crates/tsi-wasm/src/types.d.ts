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

/** A complete policy, as returned by `defaultPolicy()` and `parsePolicy()`. */
export interface Policy {
  schema_version: 1;
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
