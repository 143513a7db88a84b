// The Task changes a user can make from the inbox, as pure functions: (task, input) → the proposed new Task.
// The server's state machine (src/workflow) decides whether a change is legal; this only offers the buttons that
// can be legal for the user's role and the Task's status (standards.md §5).
const CS = 'https://remissbrygga.se/fhir/CodeSystem/';

const coding = (system, code) => ({ coding: [{ system: CS + system, code }] });

function withStatus(task, status, extra = {}) {
  const next = { ...structuredClone(task), status, ...extra };
  if (!('businessStatus' in extra)) delete next.businessStatus;
  if (!('statusReason' in extra)) delete next.statusReason;
  return next;
}

function withOutputs(task, outputs) {
  const kept = (task.output ?? []).filter((o) => !outputs.some((n) => n.type.coding[0].code === o.type?.coding?.[0]?.code));
  return [...kept, ...outputs];
}

const output = (code, value) => ({ type: coding('rb-task-output', code), ...value });

/** Rating instruments (domain.md §3: ratings at start and end, 000:220), with their score ranges. */
export const instruments = {
  'PHQ-9': { system: 'http://loinc.org', code: '44261-6', max: 27 },
  'GAD-7': { system: 'http://loinc.org', code: '70274-6', max: 21 },
  'MADRS-S': { system: `${CS}rb-instrument`, code: 'MADRS-S', max: 54 },
};

/** A rating sent with the change as a contained rb-rating-observation, referenced from Task.output. */
function rating(id, task, instrument, score, date) {
  const i = instruments[instrument];
  return {
    resourceType: 'Observation',
    id,
    meta: { profile: ['https://remissbrygga.se/fhir/StructureDefinition/rb-rating-observation'] },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
    code: { coding: [{ system: i.system, code: i.code, display: instrument }] },
    ...(task.for ? { subject: task.for } : {}),
    effectiveDateTime: date,
    valueInteger: Number(score),
  };
}

const firstSessionDate = (task) => (task.output ?? []).find((o) => o.type?.coding?.[0]?.code === 'first-session-date')?.valueDate;

/** Every action: who may take it, from which statuses, what input it needs, and the change it makes. */
export const actions = [
  { id: 'receive', role: 'provider', from: ['requested'], input: [], apply: (task) => withStatus(task, 'received') },
  { id: 'accept', role: 'provider', from: ['requested', 'received'], input: [], apply: (task) => withStatus(task, 'accepted') },
  {
    id: 'moreInfo', role: 'provider', from: ['requested', 'received'], input: ['note'],
    apply: (task, input) => withStatus(task, task.status, {
      businessStatus: coding('rb-task-business-status', 'information-requested'),
      ...(input.note ? { note: [...(task.note ?? []), { text: input.note }] } : {}),
    }),
  },
  {
    id: 'reject', role: 'provider', from: ['requested', 'received'], input: ['reason', 'note'],
    apply: (task, input) => withStatus(task, 'rejected', {
      statusReason: coding('rb-rejection-reason', input.reason),
      ...(input.note ? { note: [...(task.note ?? []), { text: input.note }] } : {}),
    }),
  },
  {
    id: 'return', role: 'provider', from: ['received', 'accepted', 'in-progress', 'on-hold'], input: ['reason', 'note'],
    apply: (task, input) => withStatus(task, 'rejected', {
      statusReason: coding('rb-rejection-reason', input.reason),
      businessStatus: coding('rb-task-business-status', 'returned-to-referrer'),
      ...(input.note ? { note: [...(task.note ?? []), { text: input.note }] } : {}),
    }),
  },
  {
    id: 'start', role: 'provider', from: ['accepted'], input: ['firstSession'],
    apply: (task, input) => ({ ...withStatus(task, 'in-progress'), output: withOutputs(task, [output('first-session-date', { valueDate: input.firstSession })]) }),
  },
  { id: 'hold', role: 'provider', from: ['in-progress'], input: [], apply: (task) => withStatus(task, 'on-hold') },
  { id: 'resume', role: 'provider', from: ['on-hold'], input: [], apply: (task) => withStatus(task, 'in-progress') },
  {
    id: 'complete', role: 'provider', from: ['in-progress'], input: ['sessions', 'instrument', 'startScore', 'endScore', 'summary'],
    apply: (task, input) => {
      const today = input.today ?? new Date().toISOString().slice(0, 10);
      const start = rating('rating-start', task, input.instrument, input.startScore, firstSessionDate(task) ?? today);
      const end = rating('rating-end', task, input.instrument, input.endScore, today);
      return {
        ...withStatus(task, 'completed'),
        contained: [...(task.contained ?? []).filter((r) => r.id !== start.id && r.id !== end.id), start, end],
        output: withOutputs(task, [
          output('sessions-used', { valueUnsignedInt: Number(input.sessions) }),
          output('start-rating', { valueReference: { reference: '#rating-start' } }),
          output('end-rating', { valueReference: { reference: '#rating-end' } }),
          output('summary', { valueString: input.summary }),
        ]),
      };
    },
  },
  {
    id: 'fail', role: 'provider', from: ['in-progress', 'on-hold'], input: ['note'],
    apply: (task, input) => withStatus(task, 'failed', input.note ? { note: [...(task.note ?? []), { text: input.note }] } : {}),
  },
  { id: 'cancel', role: 'referrer', from: ['requested', 'received', 'accepted'], input: [], apply: (task) => withStatus(task, 'cancelled') },
];

/** The actions offered to `role` for a Task in its current status. */
export function actionsFor(task, role) {
  return actions.filter((a) => a.role === role && a.from.includes(task.status));
}

/** Applies one action by id; throws on an action that is not offered (a programming error in the page). */
export function applyAction(task, role, id, input = {}) {
  const action = actionsFor(task, role).find((a) => a.id === id);
  if (!action) throw new Error(`action ${id} not offered for ${task.status}`);
  const missing = action.input.filter((name) => name !== 'note' && (input[name] === undefined || input[name] === ''));
  if (missing.length > 0) throw new Error(`missing input: ${missing.join(', ')}`);
  return action.apply(task, input);
}
