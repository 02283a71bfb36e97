// The printable consent form (#27) in headless Chromium: every visible text in the chosen
// language, one signature block per giver, nothing of the child's data, signature blocks kept
// whole on paper; screenshots (screen and print) saved in target/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as tsi from "@tsi-rules/tsi";
import { root } from "./serve.mjs";

const prefix = process.env.TOOLCHAIN_NPM_PREFIX ?? `${process.env.TOOLCHAIN_PREFIX ?? "/opt/toolchain"}/npm`;
const { chromium } = createRequire(import.meta.url)(`${prefix}/lib/node_modules/playwright-core`);
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const { case: sharingCase, plan } = JSON.parse(readFileSync(path.join(root, "examples/sharing/plan.json"), "utf8"));

// Words of each language's form that the other language's form must not show.
const WORDS = {
  sv: ["Samtycke", "Vårdnadshavare", "Barnet", "Underskrift", "Personnummer", "tillbaka", "mars", "skolan"],
  en: ["Consent", "Guardian", "The child", "Signature", "Personal identity number", "withdraw", "March", "school"],
};

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
});
after(async () => browser?.close());

for (const [lang, other] of [["sv", "en"], ["en", "sv"]]) {
  test(`the consent form in ${lang}: its own words only, a block per giver, no child data`, async () => {
    const html = tsi.consentForm(sharingCase, plan, { lang });
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 } });
    await page.setContent(html);
    const shown = await page.evaluate(() => document.body.innerText);
    for (const word of WORDS[lang]) assert.ok(shown.includes(word), `${word} missing from the ${lang} form`);
    for (const word of WORDS[other]) assert.ok(!shown.includes(word), `${word} (${other}) on the ${lang} form`);
    assert.equal(await page.locator(".signature").count(), 3, "both guardians and the child sign");
    assert.ok(!shown.includes(sharingCase.child.birth_date) && !shown.includes("vh-1"), "no child or guardian data");
    assert.doesNotMatch(shown, /\b(MentalHealth|SocialSituation|TsiCollaboration|ChildAloneForHealth)\b/);
    await page.screenshot({ path: path.join(root, "target", `consent-form-${lang}.png`), fullPage: true });
    await page.emulateMedia({ media: "print" });
    const kept = await page.locator(".signature").evaluateAll((blocks) =>
      blocks.every((b) => getComputedStyle(b).breakInside === "avoid"));
    assert.ok(kept, "a signature block is never split across pages");
    await page.pdf({ path: path.join(root, "target", `consent-form-${lang}.pdf`), format: "A4" });
    await page.close();
  });
}

test("a plan with nothing to sign has no form: a coded error", () => {
  const covered = { ...plan, recipients: ["soc-barn-unga"], categories: ["Attendance"],
    valid_until: "2027-01-01T00:00:00+01:00" };
  assert.throws(() => tsi.consentForm(sharingCase, covered), (e) => tsi.isTsiError(e) && e.code === "CONSENT_PLAN_NOTHING_TO_SIGN");
});
