// Shared by the JS conformance runner: loads the corpus and implements the case format
// (tests/conformance/case.schema.json): input expansion and partial matching.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../tests/conformance");

export function loadCases() {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith(".json") && f !== "case.schema.json")
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(path.join(corpusDir, f), "utf8")).cases);
}

/** Expands {"$repeat": s, "times": n} and {"$concat": [...]} into strings. */
export function expand(v) {
  if (Array.isArray(v)) return v.map(expand);
  if (v && typeof v === "object") {
    if ("$repeat" in v) return v.$repeat.repeat(v.times);
    if ("$concat" in v) return v.$concat.map(expand).join("");
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
  }
  return v;
}

/** Every key of an expected object must match; arrays element by element; else equal. */
export function matches(expected, actual) {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matches(e, actual[i]));
  }
  if (expected && typeof expected === "object") {
    return !!actual && typeof actual === "object" && !Array.isArray(actual) &&
      Object.entries(expected).every(([k, e]) => k in actual && matches(e, actual[k]));
  }
  return expected === actual;
}
