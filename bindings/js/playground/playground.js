// The tsi playground: three tools on the package's web build. No server logic and no
// network use beyond loading this page and the examples; what is typed stays in the page.
import init, {
  mayShare, remedies, planConsent, consentForm, validateSip, sipSummary, replayCase, caseDiagram, isTsiError,
} from "../dist/web.js";

const AGENCIES = [
  { id: "skola", kind: "School", principal: { id: "kommun", kind: "Municipality" } },
  { id: "elevhalsa", kind: "StudentHealth", principal: { id: "kommun", kind: "Municipality" } },
  { id: "soc", kind: "SocialServices", principal: { id: "kommun", kind: "Municipality" } },
  { id: "forsta-linjen", kind: "FirstLine", principal: { id: "region", kind: "Region" } },
  { id: "bup", kind: "ChildPsychiatry", principal: { id: "region", kind: "Region" } },
];
const NAMES = {
  sv: { skola: "Skolan", elevhalsa: "Elevhälsan", soc: "Socialtjänsten", "forsta-linjen": "Första linjen", bup: "BUP",
        allowed: "Ja, det får delas", denied: "Nej, inte utan mer", basis: "Grund", missing: "Det som saknas",
        valid: "Planen är komplett", invalid: "Planen har brister", state: "Läge", event: "Händelse", due: "Att göra",
        need: "Vad behöver vi?", ask: "Be om samtycke", replacing: "i stället för", wait: "Vänta till", waitFor: "då börjar samtycke",
        blocked: "Inget samtycke kan ändra detta", guardian: "vårdnadshavare", child: "barnet", from: "från", to: "till",
        covered: "Samtyckena som finns räcker redan för hela perioden: inget att be om.", planAsk: "Be familjen om ett samtycke",
        givers: "Skriver under", turns: "fyller", openForm: "Öppna blanketten för utskrift" },
  en: { skola: "School", elevhalsa: "Student health", soc: "Social services", "forsta-linjen": "First line", bup: "BUP",
        allowed: "Yes, this may be shared", denied: "No, not without more", basis: "Basis", missing: "What is missing",
        valid: "The plan is complete", invalid: "The plan has gaps", state: "State", event: "Event", due: "Due",
        need: "What do we need?", ask: "Ask for consent", replacing: "replacing", wait: "Wait until", waitFor: "when consent",
        blocked: "No consent can change this", guardian: "guardian", child: "the child", from: "from", to: "to",
        covered: "The recorded consents already cover the whole period: nothing to ask.", planAsk: "Ask the family for one consent",
        givers: "Signed by", turns: "turns", openForm: "Open the form for printing" },
};

const $ = (id) => document.getElementById(id);
const lang = () => $("lang").value;
const t = (key) => NAMES[lang()][key] ?? key;

/** Text as a DOM node: never innerHTML, so nothing typed can become markup. */
function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function show(target, ...nodes) {
  $(target).replaceChildren(...nodes);
}

function errorNode(e) {
  if (isTsiError(e)) return el("p", `${e.code} ${e.path}: ${e.message}`, { class: "verdict denied", role: "alert" });
  return el("p", String(e), { class: "verdict denied", role: "alert" });
}

function findingsTable(findings) {
  const table = el("table");
  table.append(el("tr"));
  table.firstChild.append(el("th", "code"), el("th", "path"), el("th", "message"));
  for (const f of findings) {
    const row = el("tr", undefined, { "data-code": f.code });
    row.append(el("td", f.code), el("td", f.path || "/"), el("td", f.message));
    table.append(row);
  }
  return table;
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
    if (d.basis) nodes.push(el("p", `${t("basis")}: ${d.basis.kind}${d.basis.id ? ` (${d.basis.id})` : ""}`, { id: "basis" }));
    if (d.reasons.length) nodes.push(el("h3", t("missing")), findingsTable(d.reasons));
    if (!d.allowed) nodes.push(...remedyNodes(remedies(sharingCase, request, { lang: lang() })));
    show("share-result", ...nodes);
  } catch (err) {
    show("share-result", errorNode(err));
  }
});

/** Who signs, in words: guardians by their position in the case, then the child. */
function giverNames(givers) {
  let n = 0;
  return givers.map(({ giver }) => (giver === "Child" ? t("child") : `${t("guardian")} ${++n}`)).join(", ");
}

/** "What do we need?": each remedy as a sentence, each block with its reason. */
function remedyNodes(r) {
  const list = el("ul", undefined, { id: "remedies" });
  for (const remedy of r.remedies) {
    if (remedy.kind === "AskConsent") {
      const c = remedy.consent;
      const replacing = remedy.supersedes ? ` (${t("replacing")} ${remedy.supersedes})` : "";
      list.append(el("li", `${t("ask")}${replacing}: ${giverNames(c.givers)} — ${c.categories.join(", ")}, ${t("to")} ` +
        `${c.recipients.map((x) => t(x.Agency ?? x.Kind)).join(", ")}, ${t("to")} ${c.valid_until.slice(0, 10)}`, { "data-kind": "AskConsent" }));
    } else {
      list.append(el("li", `${t("wait")} ${remedy.at.slice(0, 10)} (${t("waitFor")} ${remedy.consent})`, { "data-kind": "WaitUntil" }));
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
      nodes.push(el("p", `${t("givers")}: ${giverNames(p.consent.givers)}`, { id: "plan-givers" }));
      lastForm = consentForm(sharingCase, plan, { lang: lang() });
      const open = el("button", t("openForm"), { type: "button", id: "plan-open-form" });
      open.addEventListener("click", () => window.open(URL.createObjectURL(new Blob([lastForm], { type: "text/html" }))));
      nodes.push(open);
    }
    if (p.birthdays.length) {
      const list = el("ul", undefined, { id: "plan-birthdays" });
      for (const b of p.birthdays) list.append(el("li", `${b.date}: ${t("child")} ${t("turns")} ${b.age}`));
      nodes.push(list);
    }
    if (p.blocked.length) nodes.push(el("h3", t("blocked")), findingsTable(p.blocked));
    show("plan-result", ...nodes);
  } catch (err) {
    show("plan-result", errorNode(err));
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
    $(file.startsWith("sip/") ? "sip-text" : "case-text").value = text;
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

$("sip-check").addEventListener("click", () => {
  try {
    const text = $("sip-text").value;
    const report = validateSip(text, { lang: lang() });
    const nodes = [el("p", report.valid ? t("valid") : t("invalid"), { class: `verdict ${report.valid ? "allowed" : "denied"}`, id: "sip-verdict" })];
    if (report.findings.length) nodes.push(findingsTable(report.findings));
    const doc = el("pre", undefined, { id: "sip-doc" });
    doc.append(...highlighted(JSON.parse(text), new Set(report.findings.map((f) => f.path))));
    nodes.push(el("h3", lang() === "sv" ? "Dokumentet, fynden markerade" : "The document, findings marked"), doc);
    nodes.push(el("h3", lang() === "sv" ? "Sammanfattning för familjen" : "Summary for the family"), el("pre", sipSummary(text, { lang: lang() })));
    show("sip-result", ...nodes);
  } catch (err) {
    show("sip-result", errorNode(err));
  }
});

// ---------------------------------------------------------------- Case
/** The steps table: the state after each applied event, then the refused one with its reason. */
function stepsTable(view, refused) {
  const table = el("table", undefined, { id: "case-steps" });
  const head = el("tr");
  head.append(el("th", "#"), el("th", t("event")), el("th", t("state")));
  table.append(head);
  (view?.audit ?? []).forEach((r, i) => {
    const row = el("tr");
    row.append(el("td", String(i)), el("td", r.action.event ?? r.action.kind), el("td", `${r.action.from ?? "–"} → ${r.action.to ?? "–"}`));
    table.append(row);
  });
  if (refused) {
    const row = el("tr", undefined, { class: "denied", "data-code": refused.error.code, id: "case-refused" });
    row.append(el("td", String(refused.index)), el("td", refused.event), el("td", `${refused.error.code}: ${refused.error.message}`));
    table.append(row);
  }
  return table;
}

$("case-replay").addEventListener("click", () => {
  let log;
  try {
    log = JSON.parse($("case-text").value);
  } catch (err) {
    show("case-result", el("p", String(err.message), { class: "verdict denied", role: "alert" }));
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
      refused = { index, error: err, event: log[index]?.event?.type ?? "?" };
      view = index > 0 ? replayCase(log.slice(0, index), { lang: lang() }) : null;
    }
    const nodes = [];
    if (view) nodes.push(el("p", `${t("state")}: ${view.case.state}`, { class: "verdict allowed", id: "case-state" }));
    nodes.push(stepsTable(view, refused));
    if (view) {
      const due = el("ul");
      for (const d of view.due_actions) due.append(el("li", `${d.code} ${d.due}${d.overdue ? " (overdue)" : ""}: ${d.message}`));
      nodes.push(el("h3", t("due")), due);
      if (view.warnings.length) nodes.push(el("h3", "warnings"), findingsTable(view.warnings));
    }
    show("case-result", ...nodes);
  } catch (err) {
    show("case-result", errorNode(err));
  }
});

$("lang").addEventListener("change", () => {
  document.documentElement.lang = lang();
  fillAgencies();
  fillPlan();
});

// Offline once loaded (a service worker caches the page and the wasm); where there is none
// (a file:// page), the page works as long as it is open.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register(new URL("./sw.js", import.meta.url)).catch(() => {});
}

await init();
fillAgencies();
fillPlan();
$("diagram").textContent = caseDiagram();
document.body.dataset.ready = "true";
