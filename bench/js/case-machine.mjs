// The case process (SPEC §6) as an XState 5 machine: the states and transitions of tsi's
// table (crates/tsi-core/src/case/transition.rs) and the guards the benchmark logs reach —
// unique and known ids, interventions on known needs and agencies, a running intervention to
// end, meetings covered by a consent (recipient, purpose, category, validity). Left out, so
// this peer does less than tsi: R-CN-3 givers by age, withdrawals and refusals, personal-number
// checks on references, due dates, audit records.
import { assign, createActor, setup } from "xstate";

const CATEGORIES = { ChildDevelopment: ["Health", "MentalHealth", "Learning"], ParentingCapacity: ["FamilySituation"], FamilyAndEnvironment: ["FamilySituation", "SocialSituation"], SchoolAttendance: ["Attendance"] };
const CHANGE_WORK = ["AddNeed", "StartIntervention", "EndIntervention", "OfferHandover", "AcceptHandover", "DeclineHandover", "Escalate", "Deescalate", "EstablishSip", "RecordConsent"];

const covered = ({ context, event }) => {
  const categories = event.categories ?? [...new Set(context.concernAreas.flatMap((a) => CATEGORIES[a]))];
  const now = Date.parse(event.ctx.now);
  return event.participants.every((p) => {
    if (!context.agencies.has(p)) return false;
    if (p === context.raisedBy) return true;
    return categories.every((cat) => context.consents.some((c) =>
      (c.purpose === "TsiCollaboration" || c.purpose?.SpecificMeeting === event.meeting_id) &&
      c.recipients.some((r) => r.Agency === p || r.Kind === context.agencyKinds.get(p)) &&
      c.categories.includes(cat) && Date.parse(c.valid_from) <= now && now < Date.parse(c.valid_until)));
  });
};
const usableConsent = ({ context, event }) => {
  const c = event.consent;
  return c.givers.length > 0 && c.recipients.length > 0 && c.categories.length > 0 &&
    Date.parse(c.valid_until) > Date.parse(c.valid_from) &&
    c.givers.every((g) => g.giver === "Child" || context.guardians.has(g.giver.Guardian));
};

const guards = {
  covered,
  usableConsent,
  newNeed: ({ context, event }) => !context.needs.has(event.need_id) && context.agencies.has(event.accountable),
  newIntervention: ({ context, event }) => {
    const iv = event.intervention;
    return !context.interventions.has(iv.id) && context.needs.has(iv.need) && context.agencies.has(iv.responsible_agency) &&
      iv.goal.trim() !== "" && iv.next_follow_up >= iv.start;
  },
  running: ({ context, event }) => context.interventions.get(event.intervention_id) === "running",
  continues: ({ event }) => event.decision !== "Close",
};

const actions = {
  raise: assign(({ event }) => ({
    caseId: event.case_id, raisedBy: event.raised_by, concernAreas: event.concern_areas,
    agencies: new Set(event.agencies.map((a) => a.id)), agencyKinds: new Map(event.agencies.map((a) => [a.id, a.kind])),
    guardians: new Set(event.guardians.map((g) => g.id)), consents: [], needs: new Set(), interventions: new Map(),
  })),
  addConsent: assign(({ context, event }) => { context.consents.push(event.consent); return {}; }),
  addNeed: assign(({ context, event }) => { context.needs.add(event.need_id); return {}; }),
  startIntervention: assign(({ context, event }) => { context.interventions.set(event.intervention.id, "running"); return {}; }),
  endIntervention: assign(({ context, event }) => { context.interventions.set(event.intervention_id, "ended"); return {}; }),
};

/** Events that change the work, allowed and guarded alike in Active and FollowUp. */
const changeWork = {
  AddNeed: { guard: "newNeed", actions: "addNeed" },
  StartIntervention: { guard: "newIntervention", actions: "startIntervention" },
  EndIntervention: { guard: "running", actions: "endIntervention" },
  RecordConsent: { guard: "usableConsent", actions: "addConsent" },
  ...Object.fromEntries(CHANGE_WORK.filter((e) => !["AddNeed", "StartIntervention", "EndIntervention", "RecordConsent"].includes(e)).map((e) => [e, {}])),
};

export const caseMachine = setup({ guards, actions }).createMachine({
  id: "case",
  initial: "None",
  context: {},
  states: {
    None: { on: { Raise: { target: "Raised", actions: "raise" } } },
    Raised: { on: { StartDeIdentifiedConsultation: "DeIdentifiedConsultation", RequestConsent: "AwaitingConsent", Close: "Closed" } },
    DeIdentifiedConsultation: { on: { RequestConsent: "AwaitingConsent", Close: "Closed" } },
    AwaitingConsent: { on: { RecordConsent: { target: "Planning", guard: "usableConsent", actions: "addConsent" }, DeclineConsent: "Declined", Close: "Closed" } },
    Planning: { on: { FirstMeeting: { target: "Active", guard: "covered" }, AddNeed: { guard: "newNeed", actions: "addNeed" }, RecordConsent: { guard: "usableConsent", actions: "addConsent" }, WithdrawConsent: "Paused", Close: "Closed" } },
    Active: { on: { ...changeWork, FollowUpMeeting: { target: "FollowUp", guard: "covered" }, WithdrawConsent: "Paused", Close: "Closed" } },
    FollowUp: { on: { ...changeWork, RecordFollowUp: [{ target: "Active", guard: "continues" }, { target: "FollowUp" }], WithdrawConsent: "Paused", Close: "Closed" } },
    Paused: { on: { RecordConsent: { target: "Active", guard: "usableConsent", actions: "addConsent" }, WithdrawConsent: {}, EndIntervention: { guard: "running", actions: "endIntervention" }, Close: "Closed" } },
    Declined: { on: { Close: "Closed" } },
    Closed: { type: "final" },
  },
});

/** Replays a parsed log; a refused event ends it, as in tsi. XState ignores an event no
 * transition takes and keeps its snapshot, so an unchanged snapshot is a refusal (every event
 * of the benchmark logs changes state or context; asking `can` first would judge guards twice). */
export function replayXState(log) {
  const actor = createActor(caseMachine).start();
  let snapshot = actor.getSnapshot();
  for (const entry of log) {
    actor.send({ ...entry.event, ctx: entry.ctx });
    const next = actor.getSnapshot();
    if (next === snapshot) throw new Error(`refused: ${entry.event.type} in ${snapshot.value}`);
    snapshot = next;
  }
  actor.stop();
  return { state: snapshot.value, needs: snapshot.context.needs.size, interventions: snapshot.context.interventions.size };
}
