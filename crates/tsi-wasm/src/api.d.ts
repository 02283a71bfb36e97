// The shapes of the JS API itself (errors and option objects), written for the wasm exports of
// this crate. Every value tsi reads or returns is declared in types.d.ts, generated from the
// core's types by crates/tsi-types.

/** Every thrown error: a real `Error` with a stable `code` and a JSON Pointer `path`. Its
 * `message` is in plain words, in the call's `lang` when the call takes one (else English). */
export interface TsiError extends Error {
  name: "TsiError";
  /** Stable SCREAMING_SNAKE code, e.g. `ID_BAD_CHECKSUM` (see `codes()`). */
  code: Code;
  /** JSON Pointer to the offending input (`""` = the whole input, `/at` = that argument). */
  path: string;
  /** Message parameters; never personal data. */
  params: Record<string, string>;
}

/** A policy as written by a collaboration: only `schema_version` is required. */
export type PolicyInput = { schema_version: 1 } & {
  [K in Exclude<keyof Policy, "schema_version">]?: Policy[K] extends object
    ? Partial<Policy[K]>
    : Policy[K];
};

export interface CheckOptions {
  /** The collaboration's policy; SPEC defaults when absent. A policy with errors is refused. */
  policy?: PolicyInput | string;
  lang?: Lang;
}

/** The journal system's audit key: the record's digest of its subject is HMAC-SHA-256 under it
 * (docs/audit-format.md). The secret is hexadecimal, at least 32 digits (128 bits); tsi writes
 * only the id into records. */
export interface AuditKey { id: string; secret: string }

export interface ShareOptions extends CheckOptions {
  /** The last record of your audit chain; the decision's record is chained to it. */
  auditPrev?: AuditRecord | string;
  /** Keys the record's digest; without it the record holds no digest. */
  auditKey?: AuditKey | string;
}

/** Options of a call that makes one audit record: `mayShare`, `sharingMatrix`, `recordCaseEvent`. */
export interface RecordOptions extends ShareOptions {
  /**
   * `"json"`: the audit record comes as its JSON text (what the native bindings'
   * `audit_json` holds) — ready to store and to pass as the next `auditPrev`, and not made into
   * an object on the way. Default `true` (an object). `false` is refused: every decision and
   * every event has its record (R-AU-1).
   */
  audit?: true | "json";
}

/** A decision (`mayShare`) with `audit: "json"`: its record as one JSON text. */
export type ShareDecisionAuditJson = Omit<ShareDecision, "audit"> & { audit: string };
/** A sharing matrix with `audit: "json"`: its record as one JSON text. */
export type SharingMatrixAuditJson = Omit<SharingMatrix, "audit"> & { audit: string };
/** A recorded event with `audit: "json"`: its record as one JSON text. */
export type RecordedStepAuditJson = Omit<RecordedStep, "audit"> & { audit: string };
/** A prepared case's step with `audit: "json"`: its record as one JSON text. */
export type PreparedStepAuditJson = Omit<PreparedStep, "audit"> & { audit: string };

export function mayShare(case_: SharingCase | string, request: ShareRequest | string, options: RecordOptions & { audit: "json" }): ShareDecisionAuditJson;
export function sharingMatrix(case_: SharingCase | string, request: MatrixRequest | string, options: RecordOptions & { audit: "json" }): SharingMatrixAuditJson;
export function recordCaseEvent(caseValue: Case | string | null, entry: LogEntry | string, options: RecordOptions & { audit: "json" }): RecordedStepAuditJson;

export interface CaseOptions extends CheckOptions {
  /** The instant to compute due actions at; the last event's when absent. */
  at?: Instant;
  /** Keys each audit record's digest; without it the records hold no digest. */
  auditKey?: AuditKey | string;
  /**
   * `false`: `replayCase` makes no audit records (`audit` is empty) — for showing a stored case,
   * whose records were kept when its events were recorded; a third faster at 10 000 events.
   * Refused with an `auditKey`. `"json"`: the records come as one JSON text of their array
   * (what the native bindings' `audit_json` holds, what `verifyAuditChain` reads; `JSON.parse`
   * gives the objects) — for storing them, a quarter faster at 10 000 events. Default `true`.
   */
  audit?: boolean | "json";
  /**
   * `"json"`: the case comes as its JSON text — what a journal stores, and what `PreparedCase`,
   * `dueActions` and `recordCaseEvent` read as it is; an eighth faster at 10 000 events (its needs
   * and interventions are not made into objects). Default `true`: the case as an object.
   */
  case?: true | "json";
}

/** `replayCase`'s view with `audit: "json"`: the records as one JSON text of their array. */
export type CaseViewAuditJson = Omit<CaseView, "audit"> & { audit: string };
/** `replayCase`'s view with `case: "json"`: the case as its JSON text. */
export type CaseViewCaseJson = Omit<CaseView, "case"> & { case: string };
/** `replayCase`'s view with `audit: "json"` and `case: "json"`: both as JSON text. */
export type CaseViewJson = Omit<CaseView, "audit" | "case"> & { audit: string; case: string };

export function replayCase(log: LogEntry[] | string, options: CaseOptions & { audit: "json"; case: "json" }): CaseViewJson;
export function replayCase(log: LogEntry[] | string, options: CaseOptions & { audit: "json" }): CaseViewAuditJson;
export function replayCase(log: LogEntry[] | string, options: CaseOptions & { case: "json" }): CaseViewCaseJson;

/** Options of a question to a prepared case: its policy is the one it was prepared under. */
export interface PreparedShareOptions {
  lang?: Lang;
  /** The last record of your audit chain; the decision's record is chained to it. */
  auditPrev?: AuditRecord | string;
  /** Keys the record's digest; without it the record holds no digest. */
  auditKey?: AuditKey | string;
}

/** Options of a prepared `mayShare`, `sharingMatrix` or `record`. */
export interface PreparedRecordOptions extends PreparedShareOptions {
  /** `"json"`: the audit record as its JSON text (see `RecordOptions`). */
  audit?: true | "json";
}

export interface PreparedSharingCase {
  mayShare(request: ShareRequest | string, options: PreparedRecordOptions & { audit: "json" }): ShareDecisionAuditJson;
  sharingMatrix(request: MatrixRequest | string, options: PreparedRecordOptions & { audit: "json" }): SharingMatrixAuditJson;
}

/** Options of the statistics accumulator. */
export interface StatsOptions { policy?: PolicyInput | string }

/** One event recorded on a prepared case: `recordCaseEvent`'s step without its case, and the
 * prepared case after it (ask its `case` when you need the state value). */
export type PreparedStep = Omit<RecordedStep, "case"> & { next: PreparedCase };

export interface PreparedCase {
  record(entry: LogEntry | string, options: PreparedRecordOptions & { audit: "json" }): PreparedStepAuditJson;
}

/** Options of a call under a prepared policy (`PreparedPolicy`): its policy is the prepared one. */
export type PreparedCheckOptions = Omit<CheckOptions, "policy">;

/** Options of `PreparedPolicy.replayCase`: `replayCase`'s options but the policy. */
export type PreparedCaseOptions = Omit<CaseOptions, "policy">;

export interface PreparedPolicy {
  mayShare(case_: SharingCase | string, request: ShareRequest | string, options: PreparedRecordOptions & { audit: "json" }): ShareDecisionAuditJson;
  replayCase(log: LogEntry[] | string, options: PreparedCaseOptions & { audit: "json"; case: "json" }): CaseViewJson;
  replayCase(log: LogEntry[] | string, options: PreparedCaseOptions & { audit: "json" }): CaseViewAuditJson;
  replayCase(log: LogEntry[] | string, options: PreparedCaseOptions & { case: "json" }): CaseViewCaseJson;
}
