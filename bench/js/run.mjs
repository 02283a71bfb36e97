// tsi (wasm, node) against its peers on the same inputs (bench/js/data, from inputs.mjs):
//   SIP: ajv 8 compiled from tsi's own SIP JSON Schema (allErrors) vs validateSip,
//        with a parsed object in and with JSON text in (ajv's side then includes JSON.parse);
//   case log: an XState 5 machine of the same process (case-machine.mjs) vs replayCase,
//        both from JSON text, at 1k / 10k / 100k events, with and without audit records, and with
//        them as one JSON text (#30);
//   mayShare at 100 and 1 000 consents (no peer: the wasm cost per call), one-shot and on a
//        case prepared once (PreparedSharingCase, #30): the ratio is what preparing buys.
//   sharingMatrix (#29, 40 cells) against 40 mayShare calls, both on a prepared case.
//   a log recorded event by event: recordCaseEvent against PreparedCase.record (#30).
//   a policy given to each call (options.policy) against one PreparedPolicy (#30).
// Both sides are checked to reach the same answer before timing. Runs alternate sides in one
// process; each figure is the median of RUNS runs. Usage: node run.mjs [--quick] [--json]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Ajv2020 from "ajv/dist/2020.js";
import { dataDir, longLogPolicy, recordOneByOne } from "./inputs.mjs";
import { replayXState } from "./case-machine.mjs";

const require = createRequire(import.meta.url);
const tsi = require("../../bindings/js/dist/tsi_wasm.cjs");
const quick = process.argv.includes("--quick");
const checkOnly = process.argv.includes("--check");
const RUNS = quick ? 3 : 9;
const read = (name) => readFileSync(join(dataDir, name), "utf8");

/** Milliseconds per call: enough calls to fill `budget` ms, timed as one run. */
function perCall(fn, budget) {
  let n = 0;
  const start = performance.now();
  let now = start;
  do {
    fn();
    n++;
    now = performance.now();
  } while (now - start < budget);
  return (now - start) / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternates the sides run by run; returns each side's median ms per call. Each side first runs
 * untimed for one budget: V8 runs wasm (and JS) in a baseline tier until a function is hot, so
 * the first row timed was once up to 3× slower than the same calls a second later. */
function compare(sides, budget) {
  for (const fn of Object.values(sides)) perCall(fn, budget);
  const times = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
  for (let r = 0; r < RUNS; r++) {
    const order = r % 2 ? Object.keys(sides).reverse() : Object.keys(sides);
    for (const k of order) times[k].push(perCall(sides[k], budget));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

function check(cond, what) {
  if (!cond) throw new Error(`the sides disagree: ${what}`);
}

const results = [];
const report = (row) => {
  results.push(row);
  const cells = Object.entries(row.ms).map(([k, v]) => `${k} ${v < 1 ? (v * 1000).toFixed(1) + " µs" : v.toFixed(2) + " ms"}`);
  const ratio = row.ratio === undefined ? "" : `  ${row.ratioName ?? "tsi/peer"} ${row.ratio.toFixed(2)}×`;
  console.log(`${row.name.padEnd(44)} ${cells.join("  ")}${ratio}`);
};

// SIP: the same plan through the schema and through tsi.
{
  const schema = JSON.parse(read("sip.schema.json"));
  const validate = new Ajv2020({ allErrors: true, strict: false, logger: false }).compile(schema);
  const text = read("sip-50.json");
  const plan = JSON.parse(text);
  const options = { lang: "en" };
  check(validate(plan) === true, "ajv rejects the plan");
  check(tsi.validateSip(text, options).valid === true, "tsi rejects the plan");
  check(tsi.validateSip(plan, options).valid === true, "tsi rejects the plan object");
  // A plan both must refuse: a wrong type where the schema says string.
  const broken = { ...plan, interventions: [{ ...plan.interventions[0], goal: 7 }] };
  check(validate(broken) === false, "ajv accepts a number as a goal");
  check(tsi.isTsiError((() => { try { tsi.validateSip(broken, options); } catch (e) { return e; } })()), "tsi accepts a number as a goal");
  if (checkOnly) console.log("SIP: ajv and tsi agree");
  else {
  let ms = compare({ ajv: () => validate(JSON.parse(text)), tsi: () => tsi.validateSip(text, options) }, 100);
  report({ name: "SIP, 50 interventions, JSON text in", ms, ratio: ms.tsi / ms.ajv });
  ms = compare({ ajv: () => validate(plan), tsi: () => tsi.validateSip(plan, options) }, 100);
  report({ name: "SIP, 50 interventions, object in", ms, ratio: ms.tsi / ms.ajv });
  }
}

// A collaboration's policy read on every call (options.policy) against read once (PreparedPolicy,
// #30), on the SIP and on a small sharing question, where reading the policy is most of the cost.
{
  const policy = { ...tsi.defaultPolicy(), sip_start_days: 10 };
  const plan = JSON.parse(read("sip-50.json"));
  const prepared = new tsi.PreparedPolicy(policy);
  check(JSON.stringify(prepared.validateSip(plan)) === JSON.stringify(tsi.validateSip(plan, { policy })), "prepared policy and one-shot differ");
  if (!checkOnly) {
    const ms = compare({ oneShot: () => tsi.validateSip(plan, { policy }), prepared: () => prepared.validateSip(plan) }, 100);
    report({ name: "SIP, 50 interventions, a policy given", ms, ratio: ms.prepared / ms.oneShot, ratioName: "prepared/one-shot" });
    const { case: c, request } = JSON.parse(read("question-100.json"));
    c.consents = c.consents.slice(-1);
    const q = compare({ oneShot: () => tsi.mayShare(c, request, { policy }), prepared: () => prepared.mayShare(c, request) }, 100);
    report({ name: "mayShare, 1 consent, a policy given", ms: q, ratio: q.prepared / q.oneShot, ratioName: "prepared/one-shot" });
  }
  prepared.free();
}

// Case logs: the same text replayed by both.
{
  const policy = longLogPolicy(tsi);
  const sizes = quick || checkOnly ? [1004, 10004] : [1004, 10004, 100004];
  for (const events of sizes) {
    const text = read(`log-${events}.json`);
    const mine = tsi.replayCase(text, { policy });
    const peer = replayXState(JSON.parse(text));
    check(mine.case.state === peer.state, `final state ${mine.case.state} vs ${peer.state}`);
    check(mine.case.needs.length === peer.needs && mine.case.interventions.length === peer.interventions, "needs/interventions");
    // Both refuse the same broken log at the same event: an intervention on an unknown need.
    const log = JSON.parse(text);
    log.splice(6, 0, { ...log[5], event: { ...log[5].event, intervention: { ...log[5].event.intervention, id: "x", need: "none" } } });
    const refusedAt = (() => { try { tsi.replayCase(JSON.stringify(log), { policy }); } catch (e) { return e.path; } })();
    const peerRefused = (() => { try { replayXState(log); } catch (e) { return e.message; } })();
    check(refusedAt?.startsWith("/6/") && peerRefused?.startsWith("refused: StartIntervention"), `refusals ${refusedAt} / ${peerRefused}`);
    if (checkOnly) { console.log(`case log ${events}: XState and tsi agree`); continue; }
    check(tsi.replayCase(text, { policy, audit: false }).case.state === peer.state, "final state without audit records");
    check(JSON.parse(tsi.replayCase(text, { policy, audit: "json" }).audit).length === mine.audit.length, "records as one JSON text");
    check(JSON.parse(tsi.replayCase(text, { policy, audit: false, case: "json" }).case).state === peer.state, "the case as its JSON text");
    const ms = compare({
      xstate: () => replayXState(JSON.parse(text)),
      tsi: () => tsi.replayCase(text, { policy }),
      "tsi, audit: false": () => tsi.replayCase(text, { policy, audit: false }),
      "tsi, audit: json": () => tsi.replayCase(text, { policy, audit: "json" }),
      "tsi, audit: false, case: json": () => tsi.replayCase(text, { policy, audit: false, case: "json" }),
    }, events > 50_000 ? 1 : 200);
    report({ name: `case log replay, ${events} events, JSON text in`, ms, ratio: ms.tsi / ms.xstate });
    report({ name: `  the same without audit records (#30)`, ms: { xstate: ms.xstate, tsi: ms["tsi, audit: false"] }, ratio: ms["tsi, audit: false"] / ms.xstate });
    report({ name: `  the same with the records as one JSON text (#30)`, ms: { xstate: ms.xstate, tsi: ms["tsi, audit: json"] }, ratio: ms["tsi, audit: json"] / ms.xstate });
    // A case replayed to be stored: no records, the case as its JSON text (as the journal keeps it).
    const stored = "tsi, audit: false, case: json";
    report({ name: `  the same, no records, the case as text (#30)`, ms: { xstate: ms.xstate, tsi: ms[stored] }, ratio: ms[stored] / ms.xstate });
  }
}

// mayShare by consents: tsi alone.
for (const n of checkOnly ? [] : [100, 1000]) {
  const q = read(`question-${n}.json`);
  const { case: c, request } = JSON.parse(q);
  const caseText = JSON.stringify(c);
  check(tsi.mayShare(caseText, request).allowed === true, "the last consent allows");
  const prepared = new tsi.PreparedSharingCase(caseText);
  const requestText = JSON.stringify(request);
  check(JSON.stringify(prepared.mayShare(requestText)) === JSON.stringify(tsi.mayShare(caseText, request)), "prepared and one-shot differ");
  // A journal's chain: each question's record stored and chained to the last, as objects or as
  // the JSON text it stores (`audit: "json"`, #30).
  let lastObject = prepared.mayShare(requestText).audit;
  let lastText = prepared.mayShare(requestText, { audit: "json" }).audit;
  check(JSON.stringify(JSON.parse(lastText)) === JSON.stringify(lastObject), "the record as text and as an object differ");
  const ms = compare({
    oneShot: () => tsi.mayShare(caseText, request),
    prepared: () => prepared.mayShare(requestText),
    "prepared, chained": () => { lastObject = prepared.mayShare(requestText, { auditPrev: lastObject }).audit; },
    "prepared, chained, audit: json": () => { lastText = prepared.mayShare(requestText, { audit: "json", auditPrev: lastText }).audit; },
  }, 100);
  report({ name: `mayShare, ${n} consents, JSON text in`, ms: { oneShot: ms.oneShot, prepared: ms.prepared }, ratio: ms.prepared / ms.oneShot, ratioName: "prepared/one-shot" });
  report({ name: `  chained, records as text (#30)`, ms: { objects: ms["prepared, chained"], text: ms["prepared, chained, audit: json"] }, ratio: ms["prepared, chained, audit: json"] / ms["prepared, chained"], ratioName: "text/objects" });
  prepared.free();
}

// The sharing matrix (#29) of a case with five recipients (40 cells) against the 40 mayShare
// calls it replaces, both on a prepared case: what one call across the boundary buys.
for (const n of checkOnly ? [] : [100, 1000]) {
  const { case: c, request } = JSON.parse(read(`question-${n}.json`));
  c.agencies.push({ ...c.agencies[1], id: "elevhalsa-2" });
  const prepared = new tsi.PreparedSharingCase(JSON.stringify(c));
  const { from, purpose, at, actor } = request;
  const matrixText = JSON.stringify({ from, purpose, at, actor });
  const categories = ["Attendance", "Learning", "Health", "MentalHealth", "SocialSituation", "FamilySituation", "Assessments", "PlanContent"];
  const cells = c.agencies.filter((a) => a.id !== from).flatMap((a) => categories.map((category) => JSON.stringify({ ...request, to: a.id, category })));
  check(cells.length === 40 && prepared.sharingMatrix(matrixText).cells.length === 40, "40 cells");
  const ms = compare({ oneByOne: () => cells.forEach((r) => prepared.mayShare(r)), matrix: () => prepared.sharingMatrix(matrixText) }, 100);
  report({ name: `sharingMatrix, 40 cells, ${n} consents`, ms, ratio: ms.matrix / ms.oneByOne, ratioName: "matrix/40 mayShare" });
  prepared.free();
}

// A log recorded event by event (#30), as a journal system does when staff act: the one-shot
// recordCaseEvent carries the whole case across the boundary twice per event; a prepared case
// keeps it inside and hands back the next prepared case.
for (const events of checkOnly ? [] : [204, 1004]) {
  const policy = longLogPolicy(tsi);
  const entries = JSON.parse(read("log-1004.json")).slice(0, events).map((e) => JSON.stringify(e));
  const oneShot = () => recordOneByOne(tsi, entries, { policy });
  const prepared = () => {
    let current = new tsi.PreparedCase(null, { policy });
    let auditPrev;
    for (const entry of entries) {
      const { next, audit } = current.record(entry, { auditPrev });
      current.free();
      current = next;
      auditPrev = audit;
    }
    const last = current.case;
    current.free();
    return last;
  };
  check(JSON.stringify(oneShot()) === JSON.stringify(prepared()), "recorded one by one, prepared and one-shot differ");
  const ms = compare({ oneShot, prepared }, 200);
  report({ name: `record a log event by event, ${events} events`, ms, ratio: ms.prepared / ms.oneShot, ratioName: "prepared/one-shot" });
}

if (process.argv.includes("--json")) console.log(JSON.stringify(results));
