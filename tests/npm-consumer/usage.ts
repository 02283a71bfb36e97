// TypeScript strict against the installed declarations.
import { mayShare, type ShareDecision, type SharingCase, type ShareRequest } from "@tsi-rules/tsi";

export function decide(c: SharingCase, r: ShareRequest): string {
  const d: ShareDecision = mayShare(c, r, { lang: "sv" });
  return d.allowed ? `tillåtet: ${d.basis?.kind}` : d.reasons.map((f) => f.code).join(", ");
}
