// CommonJS consumers get the same functions.
const { validateSip, isTsiError } = require("@tsi-rules/tsi");
try {
  validateSip("{");
  throw new Error("bad JSON must be refused");
} catch (e) {
  if (!isTsiError(e) || e.code !== "JSON_SYNTAX") throw e;
}
console.log("cjs ok");
