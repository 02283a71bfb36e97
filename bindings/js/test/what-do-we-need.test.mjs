// #27 end to end, in Swedish and English: a counsellor gets "no", sees what to ask for, the
// family signs, and the same question is allowed; before a meeting, the plan's consent and its
// form, and once signed every participant × category of the meeting is allowed for the period.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tsi from "@tsi-rules/tsi";

const example = (name) => JSON.parse(readFileSync(new URL(`../../../examples/sharing/${name}`, import.meta.url), "utf8"));
const signed = (sharingCase, consent) => ({ ...sharingCase, consents: [...sharingCase.consents, { ...consent, recorded_by: "kurator-3" }] });

for (const lang of ["sv", "en"]) {
  test(`${lang}: denied, what do we need, signed, allowed`, () => {
    const { case: sharingCase, request } = example("denied.json");
    assert.equal(tsi.mayShare(sharingCase, request, { lang }).allowed, false);
    const { allowed, remedies, blocked } = tsi.remedies(sharingCase, request, { lang });
    assert.equal(allowed, false);
    assert.deepEqual(blocked, []);
    for (const remedy of remedies.filter((r) => r.kind === "AskConsent")) {
      assert.equal(tsi.mayShare(signed(sharingCase, remedy.consent), request, { lang }).allowed, true, remedy.supersedes);
    }
    assert.ok(remedies.length >= 1);
  });

  test(`${lang}: before the meeting, one consent and its form; once signed the meeting is allowed`, () => {
    const { case: sharingCase, plan } = example("plan.json");
    const planned = tsi.planConsent(sharingCase, plan, { lang });
    assert.equal(planned.covered, false);
    assert.deepEqual(planned.birthdays.map((b) => [b.date, b.age]), [["2028-03-14", 15]]);
    const form = tsi.consentForm(sharingCase, plan, { lang });
    assert.match(form, lang === "sv" ? /Samtycke till att vi delar information/ : /Consent to sharing information/);
    const after = signed(sharingCase, planned.consent);
    const end = new Date(Date.parse(plan.valid_until) - 1000).toISOString();
    let deniedBefore = 0;
    for (const at of [plan.valid_from, "2028-03-14T09:00:00+01:00", end]) {
      for (const to of plan.recipients) {
        for (const category of plan.categories) {
          const request = { from: plan.from, to, category, purpose: plan.purpose, at, actor: "kurator-3" };
          deniedBefore += tsi.mayShare(sharingCase, request).allowed ? 0 : 1;
          assert.equal(tsi.mayShare(after, request, { lang }).allowed, true, `${to} ${category} at ${at}`);
        }
      }
    }
    assert.ok(deniedBefore > 0, "the meeting needed the new consent");
    assert.equal(tsi.planConsent(after, plan).covered, true, "nothing more to ask once signed");
  });
}
