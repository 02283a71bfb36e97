// Makes the two errors wasm-bindgen's glue throws by itself coded TsiErrors like every other
// (#26): an argument that is not an instance of the class it must be (`merge({})`), and a call
// on an object after `free()`. Usage: node scripts/patch-glue.cjs FILE... (in place). Fails
// when the glue no longer has the shape patched here (a new wasm-bindgen: look again).
const fs = require("node:fs");

// The English messages of the registry's templates (a node test compares them with codes()).
const helpers = `
function __tsiError(code, path, params, message) {
    const e = new Error(message);
    e.name = "TsiError";
    e.code = code;
    e.path = path;
    e.params = params;
    return e;
}
function __tsiThrown(message) {
    if (message === "null pointer passed to rust") {
        return __tsiError("OBJECT_FREED", "", {}, "This object was released and cannot be used any more.");
    }
    return new Error(message);
}
`;

const assertOld = "function _assertClass(instance, klass) {\n    if (!(instance instanceof klass)) {\n        throw new Error(`expected instance of ${klass.name}`);\n    }\n}";
const assertNew = "function _assertClass(instance, klass, name) {\n    if (!(instance instanceof klass)) {\n        const expected = `a ${klass.name}`;\n        throw __tsiError(\"JSON_WRONG_TYPE\", `/${name}`, { expected }, `Wrong type of value in the document: expected ${expected}.`);\n    }\n}" + helpers;
const throwOld = "throw new Error(getStringFromWasm0(arg0, arg1));";
const throwNew = "throw __tsiThrown(getStringFromWasm0(arg0, arg1));";

for (const file of process.argv.slice(2)) {
  let text = fs.readFileSync(file, "utf8");
  const fail = (what) => { console.error(`patch-glue: ${file}: ${what} not found`); process.exit(1); };
  if (!text.includes(assertOld)) fail("_assertClass");
  if (!text.includes(throwOld)) fail("the throw import");
  text = text.replace(assertOld, assertNew).replace(throwOld, throwNew);
  // Each assertion names its argument (the glue's parameter names are the Rust ones).
  text = text.replace(/_assertClass\((\w+), (\w+)\);/g, '_assertClass($1, $2, "$1");');
  fs.writeFileSync(file, text);
}
