// Drives the playground in headless Chromium (Debian's package, via playwright-core; no
// browser download): fills the forms, checks what the page shows, saves a screenshot.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { serve, root } from "./serve.mjs";

const prefix = process.env.TOOLCHAIN_NPM_PREFIX ?? `${process.env.TOOLCHAIN_PREFIX ?? "/opt/toolchain"}/npm`;
const { chromium } = createRequire(import.meta.url)(`${prefix}/lib/node_modules/playwright-core`);
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

let server, browser, page, base;
const requests = [];

before(async () => {
  server = await serve(0);
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${base}/bindings/js/playground/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("may we share: a 13-year-old without the child's consent is denied, with what is missing", async () => {
  await page.selectOption("#lang", "en");
  await page.fill("#age", "13");
  await page.selectOption("#to", "soc");
  await page.selectOption("#category", "Attendance");
  await page.click("#decide");
  const verdict = await page.textContent("#verdict");
  assert.match(verdict, /No, not without more/);
  assert.ok(await page.locator("#reasons li[data-code=CONSENT_GIVER_MISSING]").count() >= 1);
});

test("may we share: with the child's consent too it is allowed on that consent", async () => {
  await page.check("#consent-child");
  await page.click("#decide");
  assert.match(await page.textContent("#verdict"), /Yes, this may be shared/);
  assert.match(await page.textContent("#basis"), /Basis: consent/);
  await page.screenshot({ path: path.join(root, "target", "playground-share.png") });
});

test("may we share: the matrix shows every agency and category, each as mayShare decides it", async () => {
  await page.selectOption("#lang", "en");
  await page.check("#consent-child");
  await page.selectOption("#to", "soc");
  await page.click("#decide");
  const rows = await page.locator("#matrix tr").count();
  assert.equal(rows, 1 + 4, "a header and one row per agency other than the sender");
  const cell = page.locator("#matrix tr", { hasText: "social services" }).locator("td[data-category=Attendance]");
  assert.equal(await cell.getAttribute("class"), "allowed");
  assert.equal((await cell.textContent()).trim(), "yes");
  assert.equal(await page.locator("#matrix td.allowed").count(), await page.locator("#matrix td.allowed[title^='Basis']").count());
  assert.match(await page.textContent("#lapses-first"), /What lapses first: .*school attendance/);
  await page.screenshot({ path: path.join(root, "target", "playground-matrix.png"), fullPage: true });
});

test("may we share: the decision in Swedish", async () => {
  await page.selectOption("#lang", "sv");
  await page.uncheck("#consent-child");
  await page.click("#decide");
  assert.match(await page.textContent("#verdict"), /Nej, inte utan mer/);
});

test("SIP check: the invalid example shows its findings in words, their paths for developers", async () => {
  await page.click("#tab-sip");
  await page.click("button[data-load='sip/invalid.json']");
  await page.waitForSelector("#sip-findings li");
  const finding = page.locator("#sip-findings li[data-code=SIP_LEAD_NOT_UNIQUE]");
  assert.match(await finding.textContent(), /huvudansvarig huvudman 2/);
  const row = page.locator("#sip-result details.dev tr[data-code=SIP_LEAD_NOT_UNIQUE]");
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /\/lead_principals\/1/);
  // The plan's four parts, readable beside the findings.
  assert.equal(await page.locator("#sip-points .sip-point").count(), 4);
  // The same place is marked in the document shown.
  const marked = page.locator("#sip-doc mark[data-path='/lead_principals/1']");
  assert.equal(await marked.count(), 1);
});

test("Case: the example log replays to its end state, step by step", async () => {
  await page.focus("#tab-sip");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute("#tab-case", "aria-selected"), "true", "arrow keys move between tabs");
  await page.click("button[data-load='case/log.json']");
  await page.waitForSelector("#case-state");
  assert.match(await page.textContent("#case-state"), /avslutat/);
  assert.ok(await page.locator("#case-steps tr").count() > 10);
});

test("Case: a refused event is shown in its place, with its code and the states before it", async () => {
  await page.evaluate(() => {
    const area = document.getElementById("case-text");
    const log = JSON.parse(area.value);
    // Closing a closed case again is not allowed.
    log.push({ ...log[log.length - 1] });
    area.value = JSON.stringify(log);
  });
  await page.click("#case-replay");
  const refused = page.locator("#case-refused");
  assert.equal(await refused.getAttribute("data-code"), "CASE_EVENT_NOT_ALLOWED");
  assert.match(await refused.textContent(), /Avvisades: Det går inte att registrera ”ärendet avslutas” när ärendet är i läget ”avslutat”/);
  assert.match(await page.textContent("#case-state"), /avslutat/);
});

test("offline once loaded: the page reloads and decides without the server", async () => {
  const ready = await page.evaluate(() => Promise.race([
    navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]));
  assert.ok(ready, "a service worker is installed");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "the worker controls the page");
  await page.context().setOffline(true);
  try {
    await page.reload();
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    await page.selectOption("#lang", "en");
    await page.click("#decide");
    assert.match(await page.textContent("#verdict"), /No, not without more|Yes, this may be shared/);
  } finally {
    await page.context().setOffline(false);
  }
});

/** Every visible text and control on every tab: WCAG AA contrast (4.5:1) against the nearest
 * painted background, and every form control has an accessible name (a label). */
async function accessibilityProblems() {
  return page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]) => {
      const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const problems = [];
    for (const el of document.querySelectorAll("body *")) {
      const style = getComputedStyle(el);
      const shown = el.getClientRects().length > 0 && style.visibility !== "hidden";
      const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== "");
      if (shown && text) {
        const [a, b] = [lum(rgb(style.color)), lum(background(el))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} on <${el.tagName.toLowerCase()} id=${el.id}>`);
      }
      if (shown && ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName) && el.type !== "hidden") {
        const named = el.labels?.length > 0 || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
        if (!named) problems.push(`no label for <${el.tagName.toLowerCase()} id=${el.id}>`);
      }
    }
    return problems;
  });
}

test("accessible: contrast of every visible text and a label on every control, on each tab", async () => {
  for (const tab of ["#tab-share", "#tab-sip", "#tab-case"]) {
    await page.click(tab);
    assert.deepEqual(await accessibilityProblems(), [], tab);
  }
});

test("nothing typed leaves the page: every request stays on the local server", () => {
  const foreign = requests.filter((u) => !u.startsWith(base));
  assert.deepEqual(foreign, []);
});

test("what do we need: a denial lists the consent to ask for, signed by the guardians and the child", async () => {
  await page.click("#tab-share");
  await page.selectOption("#lang", "en");
  await page.fill("#age", "13");
  await page.uncheck("#consent-child");
  await page.selectOption("#to", "bup");
  await page.selectOption("#category", "MentalHealth");
  await page.click("#decide");
  assert.match(await page.textContent("#verdict"), /No, not without more/);
  const asks = page.locator("#remedies li[data-kind=AskConsent]");
  assert.ok(await asks.count() >= 1);
  assert.match(await asks.last().textContent(), /guardian 1, guardian 2, the child/);
  await page.screenshot({ path: path.join(root, "target", "playground-remedies.png") });
});

test("plan a meeting: one consent to ask for, and its printable form opens", async () => {
  await page.click("#tab-plan");
  await page.selectOption("#lang", "sv");
  await page.click("#plan");
  assert.match(await page.textContent("#plan-verdict"), /Be familjen om ett samtycke/);
  assert.match(await page.textContent("#plan-givers"), /vårdnadshavare 1, vårdnadshavare 2, barnet/);
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#plan-open-form")]);
  await popup.waitForLoadState();
  assert.match(await popup.textContent("h1"), /Samtycke till att vi delar information/);
  assert.equal(await popup.locator(".signature").count(), 3);
  await page.screenshot({ path: path.join(root, "target", "playground-plan.png") });
  await popup.close();
});
