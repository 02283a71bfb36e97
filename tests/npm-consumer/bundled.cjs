// Bundled by esbuild for node (the wasm file is copied beside the bundle, as a bundler's
// asset step would); then run.
const { checkPersonalIdentity } = require("@tsi-rules/tsi");
const check = checkPersonalIdentity("121212-1212", "2026-11-23");
if (check.kind !== "PersonalNumber" || check.age !== 13) throw new Error("the test number must read as a 13-year-old's");
console.log("bundle ok");
