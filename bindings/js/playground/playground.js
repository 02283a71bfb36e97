// The tsi playground: four tools on the package's web build, in one language at a time (#31).
// No server logic and no network use beyond loading this page and the examples; what is typed
// stays in the page. Text from a document (names, descriptions) is marked `.content`: it is
// the user's own, shown as written; everything else follows the chosen language.
import init, {
  mayShare, sharingMatrix, remedies, planConsent, consentForm, validateSip, sipSummary, replayCase, caseDiagram, displayName, isTsiError,
} from "../dist/web.js";
import { WORDS } from "./words.js";

const AGENCIES = [
  { id: "skola", kind: "School", principal: { id: "kommun", kind: "Municipality" } },
  { id: "elevhalsa", kind: "StudentHealth", principal: { id: "kommun", kind: "Municipality" } },
  { id: "soc", kind: "SocialServices", principal: { id: "kommun", kind: "Municipality" } },
  { id: "forsta-linjen", kind: "FirstLine", principal: { id: "region", kind: "Region" } },
  { id: "bup", kind: "ChildPsychiatry", principal: { id: "region", kind: "Region" } },
];
const CATEGORIES = ["Attendance", "Learning", "Health", "MentalHealth", "SocialSituation", "FamilySituation"];

const $ = (id) => document.getElementById(id);
const lang = () => $("lang").value;
const t = (key) => WORDS[lang()][key] ?? key;
/** A name of the library in words, from the table every language shares. */
const named = (enumName, value) => displayName(enumName, value, lang()) ?? value;
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** Text as a DOM node: never innerHTML, so nothing typed can become markup. */
function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** The user's own text from a document, shown as written. */
const content = (text) => el("span", String(text ?? ""), { class: "content" });

function show(target, ...nodes) {
  $(target).replaceChildren(...nodes);
}

/** Codes, paths and raw messages for programmers, collapsed under "For developers". */
function developerPart(rows, ...more) {
  const details = el("details", undefined, { class: "dev" });
  details.append(el("summary", t("developers")));
  if (rows.length) {
    const table = el("table");
    const head = el("tr");
    head.append(el("th", t("code")), el("th", t("path")), el("th", t("message")));
    table.append(head);
    for (const f of rows) {
      const row = el("tr", undefined, { "data-code": f.code });
      row.append(el("td", f.code), el("td", f.path || "/"), el("td", f.message));
      table.append(row);
    }
    details.append(table);
  }
  details.append(...more);
  return details;
}

function errorNodes(e) {
  const message = isTsiError(e) ? e.message : t("notJson");
  const detail = isTsiError(e) ? [e] : [{ code: "", path: "", message: String(e.message ?? e) }];
  return [el("p", message, { class: "verdict denied", role: "alert" }), developerPart(detail)];
}

/** Findings as staff read them: one sentence each; codes and paths in the developers' part. */
function findingsList(findings, id) {
  const list = el("ul", undefined, id ? { id } : {});
  for (const f of findings) list.append(el("li", f.message, { "data-code": f.code }));
  return list;
}

// ---------------------------------------------------------------- tabs (keyboard: arrows)
const tabs = [...document.querySelectorAll("[role=tab]")];
function select(tab) {
  for (const other of tabs) {
    const on = other === tab;
    other.setAttribute("aria-selected", String(on));
    other.tabIndex = on ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !on;
  }
  tab.focus();
}
tabs.forEach((tab, i) => {
  tab.addEventListener("click", () => select(tab));
  tab.addEventListener("keydown", (e) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (step) select(tabs[(i + step + tabs.length) % tabs.length]);
  });
});

// ---------------------------------------------------------------- May we share?
function fillAgencies() {
  for (const [id, chosen] of [["from", "skola"], ["to", "bup"], ["consent-recipient", "soc"]]) {
    const before = $(id).value || chosen;
    $(id).replaceChildren(...AGENCIES.map((a) => el("option", t(a.id), { value: a.id })));
    $(id).value = before;
  }
}

/** Category choices in words; the value stays the category's name. */
function fillCategories() {
  for (const select of document.querySelectorAll("[data-categories]")) {
    const chosen = new Set(select.options.length ? [...select.selectedOptions].map((o) => o.value) : select.dataset.categories.split(" "));
    select.replaceChildren(...CATEGORIES.map((c) => {
      const option = el("option", capital(named("InformationCategory", c)), { value: c });
      option.selected = chosen.has(c);
      return option;
    }));
  }
}

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

/** The sharing case and the question the form describes. */
function sharingQuestion() {
  const now = new Date();
  const birth = new Date(now);
  birth.setUTCFullYear(now.getUTCFullYear() - Number($("age").value));
  birth.setUTCMonth(birth.getUTCMonth() - 1);
  const guardians = Array.from({ length: Number($("guardians").value) }, (_, i) => ({ id: `vh-${i + 1}`, kind: "Parent" }));
  const givers = [];
  if ($("consent-guardians").checked) guardians.forEach((g) => givers.push({ giver: { Guardian: g.id }, form: "Written" }));
  if ($("consent-child").checked) givers.push({ giver: "Child", form: "Written" });
  const since = new Date(now.getTime() - 30 * 86400e3).toISOString();
  const consents = givers.length === 0 ? [] : [{
    id: "samtycke-1", givers, recipients: [{ Agency: $("consent-recipient").value }],
    categories: [...$("consent-categories").selectedOptions].map((o) => o.value), purpose: "TsiCollaboration",
    valid_from: since, valid_until: new Date(now.getTime() + 180 * 86400e3).toISOString(), recorded_at: since,
    recorded_by: "kurator-1",
  }];
  const legalGrounds = !$("ground-concern").checked ? [] : [{
    id: "orosanmalan-1", ground: "ReportOfConcern", assessed_by: "rektor-1", assessed_at: since,
    provision: "SoL 14 kap. 1 §", scope: { categories: ["Attendance", "Learning", "SocialSituation", "FamilySituation", "Health", "MentalHealth"], valid_from: since },
  }];
  const sharingCase = {
    schema_version: 1, case_id: "lekplats-1", child: { birth_date: isoDate(birth) }, guardians, agencies: AGENCIES,
    consents, withdrawals: [], refusals: [], legal_grounds: legalGrounds, gdpr_basis: "PublicTask",
  };
  const request = { from: $("from").value, to: $("to").value, category: $("category").value, purpose: $("purpose").value,
                    at: now.toISOString(), actor: "personal-1" };
  return { sharingCase, request };
}

$("share-form").addEventListener("submit", (e) => {
  e.preventDefault();
  try {
    const { sharingCase, request } = sharingQuestion();
    const d = mayShare(sharingCase, request, { lang: lang() });
    const verdict = el("p", d.allowed ? t("allowed") : t("denied"), { class: `verdict ${d.allowed ? "allowed" : "denied"}`, id: "verdict" });
    const nodes = [verdict];
    if (d.basis) nodes.push(el("p", `${t("basis")}: ${named("Basis", d.basis.kind)}`, { id: "basis" }));
    if (d.reasons.length) nodes.push(el("h3", t("missing")), findingsList(d.reasons, "reasons"));
    const r = d.allowed ? null : remedies(sharingCase, request, { lang: lang() });
    if (r) nodes.push(...remedyNodes(r));
    const basis = d.basis ? [el("p", JSON.stringify(d.basis))] : [];
    nodes.push(developerPart([...d.reasons, ...(r?.blocked ?? [])], ...basis));
    const { from, purpose, at, actor } = request;
    nodes.push(...matrixNodes(sharingMatrix(sharingCase, { from, purpose, at, actor }, { lang: lang() }), from));
    show("share-result", ...nodes);
  } catch (err) {
    show("share-result", ...errorNodes(err));
  }
});

/** The sharing matrix (#29): everything the sender may share now, one agency per row, one
 * category per column; a cell's title says the basis or what is missing. */
function matrixNodes(m, from) {
  const table = el("table", undefined, { id: "matrix", class: "matrix" });
  const categories = [...new Set(m.cells.map((c) => c.category))];
  const head = el("tr");
  head.append(el("th", t("matrixTo")), ...categories.map((c) => el("th", capital(named("InformationCategory", c)), { scope: "col" })));
  table.append(head);
  for (const to of [...new Set(m.cells.map((c) => c.to))]) {
    const row = el("tr");
    row.append(el("th", t(to), { scope: "row" }));
    for (const cell of m.cells.filter((c) => c.to === to)) {
      const { allowed, basis, reasons } = cell.decision;
      const why = allowed ? `${t("basis")}: ${named("Basis", basis.kind)}` : reasons.map((r) => r.message).join(" ");
      row.append(el("td", allowed ? t("yes") : t("no"), { class: allowed ? "allowed" : "denied", title: why, "data-category": cell.category }));
    }
    table.append(row);
  }
  const nodes = [el("h3", t("matrixTitle").replace("{from}", t(from))), table];
  const first = m.expires_first;
  if (first) {
    const day = first.at.slice(0, 10);
    nodes.push(el("p", `${t("lapsesFirst")}: ${t(first.to)}, ${named("InformationCategory", first.category)}, ${day}`, { id: "lapses-first" }));
  }
  return nodes;
}

/** Who signs, in words: guardians by their position in the case, then the child. */
function giverNames(givers) {
  let n = 0;
  return givers.map(({ giver }) => (giver === "Child" ? t("theChild") : `${t("guardian")} ${++n}`)).join(", ");
}

const categoryWords = (categories) => categories.map((c) => named("InformationCategory", c)).join(", ");
const agencyWords = (recipient) => (recipient.Agency ? t(recipient.Agency) : capital(named("AgencyKind", recipient.Kind)));

/** "What do we need?": each remedy as a sentence, each block with its reason. */
function remedyNodes(r) {
  const list = el("ul", undefined, { id: "remedies" });
  for (const remedy of r.remedies) {
    if (remedy.kind === "AskConsent") {
      const c = remedy.consent;
      const replacing = remedy.supersedes ? ` (${t("replacing")})` : "";
      list.append(el("li", `${t("ask")}${replacing}: ${giverNames(c.givers)} — ${categoryWords(c.categories)}, ` +
        `${t("to").toLowerCase()} ${c.recipients.map(agencyWords).join(", ")}, ${t("until")} ${c.valid_until.slice(0, 10)}`, { "data-kind": "AskConsent" }));
    } else {
      list.append(el("li", `${t("wait")} ${remedy.at.slice(0, 10)} (${t("waitFor")})`, { "data-kind": "WaitUntil" }));
    }
  }
  for (const b of r.blocked) list.append(el("li", `${t("blocked")}: ${b.message}`, { "data-kind": "Blocked", "data-code": b.code }));
  return [el("h3", t("need")), list];
}

// ---------------------------------------------------------------- Plan a meeting
let lastForm = null;
$("plan-form").addEventListener("submit", (e) => {
  e.preventDefault();
  try {
    const { sharingCase } = sharingQuestion();
    sharingCase.consents = [];
    const start = new Date(Date.now() + 7 * 86400e3);
    const plan = {
      from: $("plan-from").value,
      recipients: [...document.querySelectorAll("#plan-participants input:checked")].map((i) => i.value),
      categories: [...$("plan-categories").selectedOptions].map((o) => o.value),
      purpose: "TsiCollaboration", valid_from: start.toISOString(),
      valid_until: new Date(start.getTime() + Number($("plan-days").value) * 86400e3).toISOString(), actor: "kurator-1",
    };
    const p = planConsent(sharingCase, plan, { lang: lang() });
    const nodes = [];
    if (p.covered) nodes.push(el("p", t("covered"), { class: "verdict allowed", id: "plan-verdict" }));
    if (p.consent) {
      nodes.push(el("p", t("planAsk"), { class: "verdict allowed", id: "plan-verdict" }));
      nodes.push(el("p", `${t("signed")}: ${giverNames(p.consent.givers)}`, { id: "plan-givers" }));
      lastForm = consentForm(sharingCase, plan, { lang: lang() });
      const open = el("button", t("openForm"), { type: "button", id: "plan-open-form" });
      open.addEventListener("click", () => window.open(URL.createObjectURL(new Blob([lastForm], { type: "text/html" }))));
      nodes.push(open);
    }
    if (p.birthdays.length) {
      const list = el("ul", undefined, { id: "plan-birthdays" });
      for (const b of p.birthdays) list.append(el("li", `${b.date}: ${t("turns")} ${b.age} ${t("years")}`.trim()));
      nodes.push(list);
    }
    if (p.blocked.length) nodes.push(el("h3", t("blocked")), findingsList(p.blocked, "plan-blocked"));
    nodes.push(developerPart(p.blocked));
    show("plan-result", ...nodes);
  } catch (err) {
    show("plan-result", ...errorNodes(err));
  }
});

function fillPlan() {
  const from = $("plan-from").value || "skola";
  $("plan-from").replaceChildren(...AGENCIES.map((a) => el("option", t(a.id), { value: a.id })));
  $("plan-from").value = from;
  const checked = new Set([...document.querySelectorAll("#plan-participants input:checked")].map((i) => i.value));
  if (checked.size === 0) ["soc", "bup"].forEach((id) => checked.add(id));
  $("plan-participants").replaceChildren(...AGENCIES.map((a) => {
    const label = el("label");
    const box = el("input", undefined, { type: "checkbox", value: a.id });
    box.checked = checked.has(a.id);
    label.append(box, document.createTextNode(` ${t(a.id)}`));
    return label;
  }));
}

// ---------------------------------------------------------------- examples
for (const button of document.querySelectorAll("[data-load]")) {
  button.addEventListener("click", async () => {
    const file = button.getAttribute("data-load");
    const text = await (await fetch(new URL(`../../../examples/${file}`, import.meta.url))).text();
    const sip = file.startsWith("sip/");
    $(sip ? "sip-text" : "case-text").value = text;
    (sip ? checkSip : replay)();
  });
}

// ---------------------------------------------------------------- SIP check
/** The document pretty-printed as DOM nodes, every value at a finding's path in a <mark>. */
function highlighted(value, flagged, pointer = "", indent = "") {
  const out = [];
  const inner = indent + "  ";
  const mark = flagged.has(pointer) ? el("mark", undefined, { "data-path": pointer || "/" }) : null;
  const sink = mark ? (nodes) => mark.append(...nodes) : (nodes) => out.push(...nodes);
  const part = [];
  const add = (text) => part.push(document.createTextNode(text));
  const token = (k) => String(k).replaceAll("~", "~0").replaceAll("/", "~1");
  if (Array.isArray(value)) {
    add("[");
    value.forEach((v, i) => {
      add(`${i ? "," : ""}\n${inner}`);
      part.push(...highlighted(v, flagged, `${pointer}/${i}`, inner));
    });
    add(value.length ? `\n${indent}]` : "]");
  } else if (value && typeof value === "object") {
    const entries = Object.entries(value);
    add("{");
    entries.forEach(([k, v], i) => {
      add(`${i ? "," : ""}\n${inner}${JSON.stringify(k)}: `);
      part.push(...highlighted(v, flagged, `${pointer}/${token(k)}`, inner));
    });
    add(entries.length ? `\n${indent}}` : "}");
  } else {
    add(JSON.stringify(value));
  }
  sink(part);
  if (mark) out.push(mark);
  return out;
}

/** The plan's four parts (the law's points) as readable sections, from the document. */
function sipSections(doc) {
  const participant = (id) => (doc.participants ?? []).find((p) => p.agency?.id === id);
  const agency = (id) => content(participant(id)?.name ?? id);
  const section = (title, items, empty = t("none")) => {
    const part = el("section", undefined, { class: "sip-point" });
    const list = el("ul");
    for (const nodes of items) {
      const li = el("li");
      li.append(...nodes.map((n) => (typeof n === "string" ? document.createTextNode(n) : n)));
      list.append(li);
    }
    if (!items.length) list.append(el("li", empty));
    part.append(el("h4", title), list);
    return part;
  };
  const interventions = doc.interventions ?? [];
  const measures = doc.measures_by_others;
  const others = measures && typeof measures === "object" ? measures.Measures ?? [] : [];
  // A lead principal by its kind, and the participating agencies it runs.
  const leads = (doc.lead_principals ?? []).map((id) => {
    const runs = (doc.participants ?? []).filter((x) => x.agency?.principal?.id === id);
    const kind = runs[0] ? capital(named("PrincipalKind", runs[0].agency.principal.kind)) : "";
    return [kind ? `${kind}: ` : "", content(runs.length ? runs.map((x) => x.name ?? x.agency.id).join(", ") : id)];
  });
  return [
    section(t("point1"), interventions.map((i) => [content(i.description), ` (${named("Level", i.level)})`])),
    section(t("point2"), interventions.map((i) => [content(i.description), ": ", agency(i.responsible_agency)])),
    section(t("point3"), others.map((m) => [content(m.by), ": ", content(m.description)]), measures ? t("none") : t("notStated")),
    section(t("point4"), leads),
  ];
}

function checkSip() {
  const text = $("sip-text").value;
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    show("sip-result", ...errorNodes(err));
    return;
  }
  try {
    const report = validateSip(text, { lang: lang() });
    const verdict = el("p", report.valid ? t("valid") : t("invalid"), { class: `verdict ${report.valid ? "allowed" : "denied"}`, id: "sip-verdict" });
    const points = el("div", undefined, { id: "sip-points", class: "column" });
    points.append(el("h3", t("points")), ...(doc && typeof doc === "object" ? sipSections(doc) : []));
    const found = el("div", undefined, { class: "column" });
    found.append(el("h3", t("findings")), report.findings.length ? findingsList(report.findings, "sip-findings") : el("p", t("none")));
    const beside = el("div", undefined, { class: "beside" });
    beside.append(points, found);
    const marked = el("pre", undefined, { id: "sip-doc" });
    marked.append(...highlighted(doc, new Set(report.findings.map((f) => f.path))));
    const summary = el("details");
    summary.append(el("summary", t("summary")), el("pre", sipSummary(text, { lang: lang() }), { class: "content" }));
    show("sip-result", verdict, beside, summary, developerPart(report.findings, marked));
  } catch (err) {
    show("sip-result", ...errorNodes(err));
  }
}
$("sip-check").addEventListener("click", checkSip);

// ---------------------------------------------------------------- Case
/** Agencies of the log by their kind in words (from the events that name them). */
function agencyKinds(log) {
  const kinds = new Map();
  for (const entry of log) {
    for (const a of entry?.event?.agencies ?? []) if (a?.id && a.kind) kinds.set(a.id, typeof a.kind === "string" ? a.kind : null);
  }
  return (id) => {
    const kind = kinds.get(id);
    const words = kind ? displayName("AgencyKind", kind, lang()) : null;
    return words ? capital(words) : content(id);
  };
}

/** The log as a timeline: date, agency, what happened and where the case stood after; the
 * refused event in its place, with why. */
function timeline(log, view, refused) {
  const table = el("table", undefined, { id: "case-steps" });
  const head = el("tr");
  head.append(el("th", t("date")), el("th", t("agency")), el("th", t("happened")), el("th", t("after")));
  table.append(head);
  const agency = agencyKinds(log);
  const cell = (value) => {
    const td = el("td");
    td.append(typeof value === "string" ? document.createTextNode(value) : value);
    return td;
  };
  const line = (entry, after, attrs = {}) => {
    const row = el("tr", undefined, attrs);
    const when = String(entry?.ctx?.now ?? "").slice(0, 10);
    row.append(cell(when), cell(agency(entry?.ctx?.actor_agency)), cell(capital(named("CaseEvent", entry?.event?.type ?? ""))), cell(after));
    table.append(row);
  };
  (view?.audit ?? []).forEach((r, i) => line(log[i], capital(named("CaseState", r.action.to ?? ""))));
  if (refused) line(log[refused.index], `${t("refused")}: ${refused.error.message}`, { class: "denied", "data-code": refused.error.code, id: "case-refused" });
  return table;
}

function replay() {
  let log;
  try {
    log = JSON.parse($("case-text").value);
  } catch (err) {
    show("case-result", ...errorNodes(err));
    return;
  }
  try {
    let view, refused;
    try {
      view = replayCase(log, { lang: lang() });
    } catch (err) {
      // A refused event: its index is the first segment of the path (`/3/event…`).
      const index = isTsiError(err) ? Number(/^\/(\d+)/.exec(err.path)?.[1]) : NaN;
      if (!Number.isInteger(index) || !Array.isArray(log)) throw err;
      refused = { index, error: err };
      view = index > 0 ? replayCase(log.slice(0, index), { lang: lang() }) : null;
    }
    const nodes = [];
    if (view) nodes.push(el("p", `${t("state")}: ${named("CaseState", view.case.state)}`, { class: "verdict allowed", id: "case-state" }));
    nodes.push(timeline(log, view, refused));
    const dev = refused ? [refused.error] : [];
    if (view) {
      const due = el("ul", undefined, { id: "case-due" });
      for (const d of view.due_actions) {
        const late = d.overdue ? ` (${t("overdue")})` : "";
        due.append(el("li", `${capital(named("DueAction", d.code))} ${t("by")} ${d.due.slice(0, 10)}${late}`, { "data-code": d.code }));
      }
      if (view.due_actions.length) nodes.push(el("h3", t("due")), due);
      if (view.warnings.length) nodes.push(el("h3", t("warnings")), findingsList(view.warnings));
      dev.push(...view.due_actions.map((d) => ({ ...d, path: d.path ?? "" })), ...view.warnings);
    }
    nodes.push(developerPart(dev));
    show("case-result", ...nodes);
  } catch (err) {
    show("case-result", ...errorNodes(err));
  }
}
$("case-replay").addEventListener("click", replay);

/** The process diagram (Mermaid) with its states and events labelled in words. */
function diagramInWords(text) {
  const states = new Set();
  const lines = text.split("\n").map((line) => {
    const m = /^(\s*)(\S+) --> (\S+): (\w+)$/.exec(line);
    if (!m) return line;
    for (const s of [m[2], m[3]]) if (s !== "[*]") states.add(s);
    return `${m[1]}${m[2]} --> ${m[3]}: ${named("CaseEvent", m[4])}`;
  });
  const at = lines.findIndex((l) => l.trim() === "stateDiagram-v2") + 1;
  lines.splice(at, 0, ...[...states].map((s) => `    state "${named("CaseState", s)}" as ${s}`));
  return lines.join("\n");
}

/** Every text of the page in the chosen language. */
function translatePage() {
  document.documentElement.lang = lang();
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  $("tablist").setAttribute("aria-label", t("tools"));
  fillCategories();
  fillAgencies();
  fillPlan();
  $("diagram").textContent = diagramInWords(caseDiagram());
}

$("lang").addEventListener("change", () => {
  translatePage();
  // Results on screen are said again in the new language.
  for (const [result, again] of [["share-result", () => $("decide").click()], ["plan-result", () => $("plan").click()],
    ["sip-result", checkSip], ["case-result", replay]]) {
    if ($(result).childElementCount) again();
  }
});

// Offline once loaded (a service worker caches the page and the wasm); where there is none
// (a file:// page), the page works as long as it is open.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register(new URL("./sw.js", import.meta.url)).catch(() => {});
}

await init();
translatePage();
document.body.dataset.ready = "true";
