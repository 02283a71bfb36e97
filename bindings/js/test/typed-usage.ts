// Type-checked with `tsc --noEmit` (tsconfig.json): the declarations must describe what the
// functions return, and reject wrong calls (the @ts-expect-error lines must stay errors).
import {
  ageAt, checkPersonalIdentity, codes, defaultPolicy, isTsiError, parsePolicy, validatePolicy, version,
  type CodeInfo, type Finding, type IdCheck, type Policy, type Report, type Severity,
} from "tsi";

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
