// The playground in one language (#31): for Swedish and for English, on every tab and after
// every action, each visible text of the rendered page is in that language: no word of the
// other language's vocabulary (the playground's own words, the library's messages and its
// names of states and events), no code, no JSON Pointer, no identifier. The user's own text
// from a document (`.content`) is shown as written and not judged. Screenshots are saved in
// target/ for a person to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import * as tsi from "@tsi-rules/tsi";
import { WORDS } from "../playground/words.js";
import { serve, root } from "./serve.mjs";

const prefix = process.env.TOOLCHAIN_NPM_PREFIX ?? `${process.env.TOOLCHAIN_PREFIX ?? "/opt/toolchain"}/npm`;
const { chromium } = createRequire(import.meta.url)(`${prefix}/lib/node_modules/playwright-core`);
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

const words = (text) => (String(text).toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 3);

/** The names the playground shows besides states and events. */
const NAMES = {
  InformationCategory: ["Attendance", "Learning", "Health", "MentalHealth", "SocialSituation", "FamilySituation", "Assessments", "PlanContent"],
  AgencyKind: ["Preschool", "School", "StudentHealth", "SocialServices", "ChildHealthCare", "PrimaryCare", "FirstLine", "YouthClinic", "ChildPsychiatry", "Habilitation"],
  PrincipalKind: ["Municipality", "Region", "Private", "State"],
  Level: ["Universal", "Selective", "Indicated"],
  Basis: ["SameAgency", "Consent", "LegalGround"],
  DueAction: ["DUE_CONSENT_REQUEST", "DUE_FIRST_MEETING", "DUE_FOLLOW_UP", "DUE_HANDOVER_ANSWER", "DUE_SIP_MEETING"],
};
/** Proper names written the same in both languages (not identifiers). */
const PROPER = /WebAssembly|SoL/g;

/** Every word a language's screens may use: the playground's, the messages', the names'. */
function vocabulary(lang) {
  const all = new Set();
  for (const text of Object.values(WORDS[lang])) words(text).forEach((w) => all.add(w));
  for (const code of tsi.codes()) words(code[lang].replace(/\{\w+\}/g, " ")).forEach((w) => all.add(w));
  const names = Object.entries(NAMES).flatMap(([e, values]) => values.map((v) => [e, v]));
  for (const m of tsi.caseDiagram().matchAll(/(\S+) --> (\S+): (\w+)/g)) {
    names.push(["CaseState", m[1]], ["CaseState", m[2]], ["CaseEvent", m[3]]);
  }
  for (const [e, v] of names) words(tsi.displayName(e, v, lang) ?? "").forEach((w) => all.add(w));
  return all;
}
const VOCABULARY = { sv: vocabulary("sv"), en: vocabulary("en") };
/** Words only the other language uses. */
const foreign = (lang) => {
  const other = VOCABULARY[lang === "sv" ? "en" : "sv"];
  return new Set([...other].filter((w) => !VOCABULARY[lang].has(w)));
};

let server, browser, page, base;

before(async () => {
  server = await serve(0);
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
  page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
  await page.goto(`${base}/bindings/js/playground/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** What a person sees: rendered text nodes outside `.content`, option labels, the title. */
function visibleTexts() {
  return page.evaluate(() => {
    const texts = [document.title, document.getElementById("tablist").getAttribute("aria-label")];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent.trim() || parent.closest(".content, script, style")) continue;
      if (parent.tagName === "OPTION" ? parent.closest("select").checkVisibility() : parent.checkVisibility()) {
        texts.push(node.textContent);
      }
    }
    return texts;
  });
}

async function assertInOneLanguage(lang, where) {
  const other = foreign(lang);
  const problems = [];
  for (const text of await visibleTexts()) {
    const alien = words(text).filter((w) => other.has(w));
    if (alien.length) problems.push(`${JSON.stringify(text)}: ${alien.join(", ")}`);
    if (/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/.test(text)) problems.push(`a code in ${JSON.stringify(text)}`);
    if (/\b[a-z]+[A-Z]\w*|\b[A-Z][a-z]+[A-Z]\w*/.test(text.replace(PROPER, ""))) problems.push(`an identifier in ${JSON.stringify(text)}`);
    if (/(^|\s|\()\/[a-z_]+(\/|\b)/.test(text)) problems.push(`a JSON Pointer in ${JSON.stringify(text)}`);
  }
  await page.screenshot({ path: path.join(root, "target", `playground-${lang}-${where}.png`), fullPage: true });
  assert.deepEqual(problems, [], `${lang}, ${where}`);
}

for (const lang of ["sv", "en"]) {
  test(`${lang}: every tab and result speaks ${lang}`, async () => {
    await page.click("#tab-share");
    await page.selectOption("#lang", lang);
    await assertInOneLanguage(lang, "share-form");
    await page.fill("#age", "13");
    await page.uncheck("#consent-child");
    await page.selectOption("#to", "bup");
    await page.selectOption("#category", "MentalHealth");
    await page.click("#decide");
    assert.equal(await page.locator("#remedies li").count() > 0, true, "a denial with remedies");
    await assertInOneLanguage(lang, "share-denied");
    await page.check("#consent-child");
    await page.selectOption("#to", "soc");
    await page.selectOption("#category", "Attendance");
    await page.click("#decide");
    await assertInOneLanguage(lang, "share-allowed");

    await page.click("#tab-plan");
    await page.click("#plan");
    await page.waitForSelector("#plan-verdict");
    await assertInOneLanguage(lang, "plan");

    await page.click("#tab-sip");
    await page.click("button[data-load='sip/invalid.json']");
    await page.waitForSelector("#sip-findings li");
    await assertInOneLanguage(lang, "sip-invalid");
    await page.click("button[data-load='sip/valid.json']");
    await page.waitForSelector("#sip-verdict.allowed");
    await assertInOneLanguage(lang, "sip-valid");
    await page.evaluate(() => { document.getElementById("sip-text").value = "{"; });
    await page.click("#sip-check");
    await assertInOneLanguage(lang, "sip-not-json");

    await page.click("#tab-case");
    await page.click("button[data-load='case/log.json']");
    await page.waitForSelector("#case-state");
    await assertInOneLanguage(lang, "case");
    await page.evaluate(() => {
      const area = document.getElementById("case-text");
      const log = JSON.parse(area.value);
      log.push({ ...log[log.length - 1] });
      area.value = JSON.stringify(log);
    });
    await page.click("#case-replay");
    await page.waitForSelector("#case-refused");
    await assertInOneLanguage(lang, "case-refused");
  });
}

test("switching language says the results on screen again, and the diagram is labelled in words", async () => {
  await page.selectOption("#lang", "sv");
  await page.click("#tab-case");
  await page.click("button[data-load='case/log.json']");
  await page.waitForSelector("#case-state");
  assert.match(await page.textContent("#case-state"), /avslutat/);
  await page.selectOption("#lang", "en");
  assert.match(await page.textContent("#case-state"), /closed/);
  assert.match(await page.textContent("#diagram"), /state "awaiting consent" as AwaitingConsent/);
  await assertInOneLanguage("en", "case-switched");
});

test("the check can fail: an English word on the Swedish page is found", async () => {
  await page.selectOption("#lang", "sv");
  await page.evaluate(() => { document.getElementById("privacy").textContent = "Nothing you enter leaves your computer."; });
  await assert.rejects(assertInOneLanguage("sv", "planted"), /leaves|computer/);
});
