// The provider's and referrer's inbox: a browser view for the solo practices that have no integrated journal
// system (domain.md §1: 90 % of providers are one-therapist practices). It speaks the same FHIR API as systems do.
import { createClient, loadSession, saveSession } from './fhir.js';
import { t } from './i18n.js';
import { actionsFor, applyAction, instruments } from './task-actions.js';

const CS = 'https://remissbrygga.se/fhir/CodeSystem/';
const state = { lang: localStorage.getItem('remissbrygga.lang') === 'en' ? 'en' : 'sv', session: loadSession(), tasks: [], byRef: new Map() };
const $ = (sel) => document.querySelector(sel);
const tr = (key) => t(state.lang, key);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) node.append(c instanceof Node ? c : String(c));
  return node;
}

function toast(message, isError = false) {
  const box = $('#toast');
  box.textContent = message;
  box.className = `show${isError ? ' error' : ''}`;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.className = ''; }, isError ? 8000 : 2500);
}

function translateStatic() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = tr(node.dataset.t);
  $('#lang').textContent = state.lang === 'sv' ? 'English' : 'Svenska';
}

const client = () => createClient(state.session, () => state.lang);
const display = (cc) => cc?.coding?.[0]?.display ?? cc?.text ?? cc?.coding?.[0]?.code ?? '';
const age = (birthDate, at) => {
  if (!birthDate) return '';
  const b = new Date(birthDate), d = at ? new Date(at) : new Date();
  return d.getFullYear() - b.getFullYear() - (d < new Date(d.getFullYear(), b.getMonth(), b.getDate()) ? 1 : 0);
};
const personName = (p) => {
  const n = p?.name?.[0];
  return n ? (n.text ?? [n.given?.join(' '), n.family].filter(Boolean).join(' ')) : '';
};
const statusText = (task) => {
  const bs = task.businessStatus?.coding?.[0]?.code;
  return tr(`status.${task.status}`) + (bs ? ` (${tr(`businessStatus.${bs}`)})` : '');
};

async function resolve(ref) {
  if (!ref?.reference) return undefined;
  if (!state.byRef.has(ref.reference)) state.byRef.set(ref.reference, client().read(ref.reference).catch(() => undefined));
  return state.byRef.get(ref.reference);
}

function showOnly(id) {
  for (const s of ['login', 'inbox', 'detail']) $(`#${s}`).hidden = s !== id;
}

async function loadInbox() {
  showOnly('inbox');
  $('#who').textContent = `${state.session.org} · ${tr(`role.${state.session.role}`)}`;
  const params = { _include: 'Task:focus', _sort: '-_lastUpdated', _count: '50' };
  const status = $('#status-filter').value;
  if (status) params.status = status;
  try {
    const bundle = await client().search('Task', params);
    state.byRef.clear();
    const entries = bundle.entry ?? [];
    for (const e of entries) if (e.resource && e.search?.mode === 'include') state.byRef.set(`${e.resource.resourceType}/${e.resource.id}`, Promise.resolve(e.resource));
    state.tasks = entries.filter((e) => e.resource?.resourceType === 'Task' && e.search?.mode !== 'include').map((e) => e.resource);
    await renderInbox();
  } catch (err) {
    toast(err.message || tr('error.network'), true);
  }
}

async function renderInbox() {
  const rows = await Promise.all(state.tasks.map(async (task) => {
    const sr = await resolve(task.focus);
    const [patient, role] = await Promise.all([resolve(sr?.subject ?? task.for), resolve(sr?.requester ?? task.requester)]);
    const practitioner = await resolve(role?.practitioner);
    return el('tr', { 'data-task': task.id, onclick: () => openDetail(task.id) },
      el('td', {}, (sr?.authoredOn ?? task.authoredOn ?? '').slice(0, 10)),
      el('td', {}, `${personName(patient)} ${patient?.birthDate ? `(${age(patient.birthDate, sr?.authoredOn)})` : ''}`),
      el('td', {}, sr?.reasonCode?.[0]?.coding?.[0]?.code ?? ''),
      el('td', {}, display(sr?.orderDetail?.[0])),
      el('td', {}, personName(practitioner)),
      el('td', { class: 'status' }, statusText(task)));
  }));
  $('#tasks tbody').replaceChildren(...rows);
  $('#empty').hidden = rows.length > 0;
}

function answerRows(items, depth = 0) {
  return (items ?? []).flatMap((item) => {
    const values = (item.answer ?? []).map((a) => {
      const [key] = Object.keys(a).filter((k) => k.startsWith('value'));
      const v = key ? a[key] : '';
      return typeof v === 'object' ? (v.display ?? v.code ?? v.reference ?? JSON.stringify(v)) : String(v);
    });
    const nested = [...(item.item ?? []), ...(item.answer ?? []).flatMap((a) => a.item ?? [])];
    return [el('dt', { style: `padding-left:${depth}rem` }, item.text ?? item.linkId), el('dd', {}, values.join(', ')), ...answerRows(nested, depth + 1)];
  });
}

async function openDetail(taskId) {
  const task = await client().read(`Task/${taskId}`);
  const sr = await resolve(task.focus);
  const [patient, role, qr] = await Promise.all([
    resolve(sr?.subject),
    resolve(sr?.requester),
    resolve((sr?.supportingInfo ?? []).find((r) => r.reference?.startsWith('QuestionnaireResponse/'))),
  ]);
  const [practitioner, unit] = await Promise.all([resolve(role?.practitioner), resolve(role?.organization)]);
  const phone = role?.telecom?.find((c) => c.system === 'phone')?.value;
  const messages = await client().search('Communication', { 'based-on': `ServiceRequest/${sr?.id}`, _sort: 'sent' }).then((b) => (b.entry ?? []).map((e) => e.resource)).catch(() => []);
  const outputs = (task.output ?? []).map((o) => el('li', {}, `${o.type?.coding?.[0]?.code}: ${o.valueDate ?? o.valueUnsignedInt ?? o.valueString ?? o.valueReference?.reference ?? ''}`));

  const section = $('#detail');
  section.replaceChildren(
    el('button', { type: 'button', onclick: () => void loadInbox() }, tr('detail.back')),
    el('h2', {}, `${personName(patient)} · ${sr?.reasonCode?.[0]?.coding?.[0]?.code ?? ''} · ${display(sr?.orderDetail?.[0])}`),
    phone
      ? el('div', { class: 'contact', 'data-testid': 'direct-phone' }, `${tr('detail.contact')}: `, el('a', { href: `tel:${phone.replace(/\s/g, '')}` }, phone), ` – ${personName(practitioner)}, ${unit?.name ?? ''}`)
      : el('div', { class: 'contact' }, tr('detail.noPhone')),
    el('p', { class: 'status', 'data-testid': 'task-status' }, statusText(task)),
    outputs.length ? el('div', {}, el('h3', {}, tr('detail.outcome')), el('ul', {}, outputs)) : null,
    el('div', { class: 'actions' }, actionsFor(task, state.session.role).map((a) =>
      el('button', { type: 'button', 'data-action': a.id, class: a.id === 'reject' || a.id === 'cancel' ? 'danger' : 'primary', onclick: () => startAction(task, a) }, tr(`action.${a.id}`)))),
    el('div', { id: 'action-form' }),
    el('h3', {}, tr('detail.answers')),
    el('dl', {}, answerRows(qr?.item)),
    el('h3', {}, tr('detail.messages')),
    messages.length
      ? el('ul', { class: 'messages' }, messages.map((m) => el('li', {}, `${(m.sent ?? '').slice(0, 16).replace('T', ' ')} · ${tr(`category.${m.category?.[0]?.coding?.[0]?.code ?? 'question'}`)}: ${m.payload?.[0]?.contentString ?? ''}`)))
      : el('p', { class: 'note' }, tr('detail.noMessages')),
    messageForm(task, sr, unit),
  );
  showOnly('detail');
}

function field(name, kind) {
  const label = tr(`prompt.${name === 'firstSession' ? 'firstSession' : name}`);
  if (name === 'reason') {
    const codes = ['diagnos-utanfor-uppdrag', 'behandling-ej-tillaten', 'ofullstandig-remiss', 'ej-lamplig', 'ingen-kapacitet', 'patient-avbojer', 'annan'];
    return el('label', {}, label, ' ', el('select', { name, required: true }, codes.map((c) => el('option', { value: c }, tr(`rejection.${c}`)))));
  }
  if (name === 'instrument') {
    return el('label', {}, label, ' ', el('select', { name, required: true }, Object.keys(instruments).map((k) => el('option', { value: k }, k))));
  }
  if (name === 'startScore' || name === 'endScore') {
    return el('label', {}, label, ' ', el('input', { name, type: 'number', required: true, min: 0, max: 54 }));
  }
  if (name === 'summary' || name === 'note') return el('label', {}, label, el('textarea', { name, required: name === 'summary' }));
  const type = name === 'firstSession' ? 'date' : name === 'sessions' ? 'number' : kind ?? 'text';
  return el('label', {}, label, ' ', el('input', { name, type, required: true, ...(type === 'number' ? { min: 1, max: 23 } : {}) }));
}

function startAction(task, action) {
  const form = el('form', { 'data-form': action.id },
    action.input.map((name) => field(name)),
    el('button', { type: 'submit', class: 'primary' }, tr('prompt.ok')),
    ' ',
    el('button', { type: 'button', onclick: () => form.remove() }, tr('prompt.cancel')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const input = Object.fromEntries(new FormData(form).entries());
    try {
      await client().update(applyAction(task, state.session.role, action.id, input));
      toast(tr('done'));
      await openDetail(task.id);
    } catch (err) {
      toast(err.message || tr('error.network'), true);
    }
  });
  $('#action-form').replaceChildren(form);
  if (action.input.length === 0) form.requestSubmit();
}

const HSA = 'urn:oid:1.2.752.29.4.19';
const hsaOrg = (value) => ({ type: 'Organization', identifier: { system: HSA, value } });
const hsaOf = (org) => org?.identifier?.find((i) => i.system === HSA)?.value ?? '';

function messageForm(task, sr, requesterUnit) {
  const categories = ['question', 'answer', 'medication-change', 'sick-leave'];
  const form = el('form', { id: 'message-form' },
    el('label', {}, tr('detail.category'), ' ', el('select', { name: 'category' }, categories.map((c) => el('option', { value: c }, tr(`category.${c}`))))),
    el('textarea', { name: 'text', required: true, placeholder: tr('detail.messagePlaceholder') }),
    el('button', { type: 'submit', class: 'primary' }, tr('detail.send')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const fromProvider = state.session.role === 'provider';
    const communication = {
      resourceType: 'Communication',
      status: 'completed',
      basedOn: [{ reference: `ServiceRequest/${sr.id}` }],
      partOf: [{ reference: `Task/${task.id}` }],
      subject: sr.subject,
      category: [{ coding: [{ system: `${CS}rb-communication-category`, code: String(data.get('category')) }] }],
      sent: new Date().toISOString(),
      // The two parties are organisations named by HSA-id (the workflow checks they are the referral's two).
      sender: hsaOrg(state.session.org),
      recipient: [fromProvider ? hsaOrg(hsaOf(requesterUnit)) : task.owner],
      payload: [{ contentString: String(data.get('text')) }],
    };
    try {
      await client().create(communication);
      toast(tr('done'));
      await openDetail(task.id);
    } catch (err) {
      toast(err.message || tr('error.network'), true);
    }
  });
  return form;
}

function start() {
  translateStatic();
  $('#lang').addEventListener('click', () => {
    state.lang = state.lang === 'sv' ? 'en' : 'sv';
    localStorage.setItem('remissbrygga.lang', state.lang);
    translateStatic();
    if (state.session && !$('#inbox').hidden) void renderInbox();
  });
  $('#login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(ev.target);
    state.session = { org: String(data.get('org')).trim(), user: String(data.get('user')).trim(), role: String(data.get('role')) };
    saveSession(state.session);
    void loadInbox();
  });
  $('#logout').addEventListener('click', () => {
    state.session = undefined;
    saveSession(undefined);
    showOnly('login');
  });
  $('#refresh').addEventListener('click', () => void loadInbox());
  $('#status-filter').addEventListener('change', () => void loadInbox());
  if (state.session) void loadInbox();
  else showOnly('login');
}

start();
