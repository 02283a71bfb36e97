// Put before the package README's snippet (scripts/npm-consumer): the data it names.
import { readFileSync } from "node:fs";
const example = (p) => JSON.parse(readFileSync(new URL(`../examples/${p}`, import.meta.url), "utf8"));
const { case: sharingCase, request } = example("sharing/denied.json");
