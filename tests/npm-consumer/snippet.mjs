// The README's JavaScript snippet, run against the installed package (ESM).
import { readFileSync } from "node:fs";
import { mayShare, validateSip, version } from "@tsi-rules/tsi";

const example = (p) => JSON.parse(readFileSync(new URL(`../examples/${p}`, import.meta.url), "utf8"));
const { case: sharingCase, request } = example("sharing/denied.json");

const decision = mayShare(sharingCase, request, { lang: "en" });
if (decision.allowed) console.log("allowed on", decision.basis);
else for (const r of decision.reasons) console.log(r.code, r.path, r.message);

if (decision.allowed || decision.reasons.length === 0) throw new Error("the denied example must be denied, with reasons");
if (!validateSip(example("sip/valid.json")).valid) throw new Error("the valid SIP must be valid");
console.log(`esm ok: @tsi-rules/tsi ${version()}`);
