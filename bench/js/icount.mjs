// One JS call repeated n times on a build of the package, for scripts/icount-js: valgrind counts
// the instructions of the whole process, and the script subtracts a run with n = 0 (loading,
// compiling), leaving the calls. `node --single-threaded` keeps the count repeatable (scripts/icount-js says how far).
//   node bench/js/icount.mjs <path to tsi_wasm.cjs> <call> <n>
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir, longLogPolicy, recordOneByOne } from "./inputs.mjs";

const [build, call, times] = process.argv.slice(2);
const tsi = createRequire(import.meta.url)(build);
const data = (file) => readFileSync(join(dataDir, file), "utf8");
const policy = new tsi.PreparedPolicy(longLogPolicy(tsi));

// Each call as a function of no arguments, its inputs read once.
const CALLS = {
  "replay-1004": () => { const log = data("log-1004.json"); return () => policy.replayCase(log, { audit: false }); },
  "replay-1004-records": () => { const log = data("log-1004.json"); return () => policy.replayCase(log); },
  "sip-text": () => { const sip = data("sip-50.json"); return () => tsi.validateSip(sip); },
  "sip-object": () => { const sip = JSON.parse(data("sip-50.json")); return () => tsi.validateSip(sip); },
  "may-share-100": () => {
    const q = JSON.parse(data("question-100.json"));
    const prepared = new tsi.PreparedSharingCase(q.case);
    const request = JSON.stringify(q.request);
    return () => prepared.mayShare(request);
  },
  "record-24": () => {
    const entries = JSON.parse(data("log-1004.json")).slice(0, 24).map((e) => JSON.stringify(e));
    return () => recordOneByOne(tsi, entries);
  },
};

const make = CALLS[call];
if (!make) throw new Error(`unknown call ${call}; one of ${Object.keys(CALLS).join(", ")}`);
const once = make();
for (let i = 0; i < Number(times); i++) once();
