import { getStatus } from '@medplum/core';
import type { Communication } from '@medplum/fhirtypes';
import type { Db, Repository } from '../store/index.ts';
import { createRepository, listOutbox } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { postCommunication } from './communication.ts';
import { createDirectory } from './directory.ts';
import { referralBundle } from './fixtures.ts';
import { submitReferral } from './submit.ts';
import { deps, outcomeOf, provider, referrer } from './testing.ts';

const CATEGORY = 'https://remissbrygga.se/fhir/CodeSystem/rb-communication-category';
const HSA = 'urn:oid:1.2.752.29.4.19';

function message(srId: string, category: string, text: string): Communication {
  return {
    resourceType: 'Communication',
    status: 'completed',
    basedOn: [{ reference: `ServiceRequest/${srId}` }],
    category: [{ coding: [{ system: CATEGORY, code: category }] }],
    payload: [{ contentString: text }],
  };
}

describe.each(testDrivers(process.env.TEST_DATABASE_URL))('postCommunication on $name', (driver) => {
  let db: Db;
  let repo: Repository;
  const directory = createDirectory([]);

  beforeAll(async () => {
    db = await driver.open();
    repo = createRepository(db);
  });

  afterAll(async () => {
    await db.close();
    await driver.dispose();
  });

  async function referral(): Promise<{ vc: string; prov: string; srId: string; patient: string }> {
    const s = uniqueSuffix();
    const vc = `SE2321000016-V${s}`;
    const prov = `SE2321000016-P${s}`;
    const r = await submitReferral(deps(repo, directory), referralBundle({ vardcentral: vc, provider: prov, localId: s }), referrer(vc));
    return { vc, prov, srId: r.serviceRequest.id ?? '', patient: r.serviceRequest.subject.reference ?? '' };
  }

  test('both directions: question from the vårdcentral, answer from the provider; each stored, audited and queued for the other party', async () => {
    const { vc, prov, srId, patient } = await referral();
    const d = deps(repo, directory);
    const question = await postCommunication(d, message(srId, 'question', 'Har patienten påbörjat SSRI?'), referrer(vc));
    expect(question).toMatchObject({
      subject: { reference: patient },
      sender: { type: 'Organization', identifier: { system: HSA, value: vc } },
      recipient: [{ type: 'Organization', identifier: { system: HSA, value: prov } }],
    });
    expect(question.sent).toBeDefined();
    expect(question.meta?.profile).toEqual(['https://remissbrygga.se/fhir/StructureDefinition/rb-referral-communication']);
    const answer = await postCommunication(d, { ...message(srId, 'answer', 'Ja, sedan mars.'), inResponseTo: [{ reference: `Communication/${question.id ?? ''}` }] }, provider(prov));
    for (const category of ['medication-change', 'sick-leave']) {
      await postCommunication(d, message(srId, category, 'Uppdatering'), referrer(vc));
    }

    const events = (await listOutbox(db, srId)).filter((e) => e.eventType === 'communication.created');
    expect(events.map((e) => [e.destination, (e.payload as { category: string }).category])).toEqual([
      [prov, 'question'],
      [vc, 'answer'],
      [prov, 'medication-change'],
      [prov, 'sick-leave'],
    ]);
    expect(events[0]?.payload).toEqual({ serviceRequestId: srId, communicationId: question.id, category: 'question' });
    expect((await repo.searchAudit({ entity: `Communication/${answer.id ?? ''}` })).total).toBe(1);

    // Both parties find the thread; a third organisation does not.
    for (const scope of [{ requesterOrg: vc }, { ownerOrg: prov }]) {
      const thread = await repo.search('Communication', { 'based-on': `ServiceRequest/${srId}` }, { orgScope: scope });
      expect(thread.total).toBe(4);
    }
    expect((await repo.search('Communication', { 'based-on': `ServiceRequest/${srId}` }, { orgScope: { ownerOrg: `${prov}X` } })).total).toBe(0);
  });

  test('sender and recipient must be the two parties (422 naming the element); third organisations get 404', async () => {
    const { vc, prov, srId } = await referral();
    const d = deps(repo, directory);
    const wrongRecipient = await outcomeOf(
      postCommunication(d, { ...message(srId, 'question', 'x'), recipient: [{ type: 'Organization', identifier: { system: HSA, value: 'SE2321000016-ELSE' } }] }, referrer(vc)),
    );
    expect(wrongRecipient.outcome.issue.map((i) => [getStatus(wrongRecipient.outcome), i.expression?.[0]])).toEqual([[422, 'Communication.recipient[0]']]);
    const wrongSender = await outcomeOf(postCommunication(d, { ...message(srId, 'answer', 'x'), sender: { type: 'Organization', identifier: { system: HSA, value: vc } } }, provider(prov)));
    expect(wrongSender.outcome.issue.map((i) => i.expression?.[0])).toEqual(['Communication.sender']);
    const wrongPatient = await outcomeOf(postCommunication(d, { ...message(srId, 'status', 'x'), subject: { reference: 'Patient/other' } }, provider(prov)));
    expect(wrongPatient.outcome.issue.map((i) => i.expression?.[0])).toEqual(['Communication.subject']);
    expect(getStatus((await outcomeOf(postCommunication(d, message(srId, 'question', 'x'), provider(`${prov}X`)))).outcome)).toBe(404);
    expect(getStatus((await outcomeOf(postCommunication(d, message(srId, 'question', 'x'), referrer(`${vc}X`)))).outcome)).toBe(404);
    expect(getStatus((await outcomeOf(postCommunication(d, message(srId, 'question', 'x'), { orgHsaId: '', userId: 'sys', roles: ['system'] }))).outcome)).toBe(403);
    expect((await repo.search('Communication', { 'based-on': `ServiceRequest/${srId}` })).total).toBe(0);
  });

  test('sender and recipient may also be literal references to the stored Organization or PractitionerRole (as the IG examples write them)', async () => {
    const s = uniqueSuffix();
    const vc = `SE2321000016-V${s}`;
    const prov = `SE2321000016-P${s}`;
    const r = await submitReferral(deps(repo, directory), referralBundle({ vardcentral: vc, provider: prov, localId: s }), referrer(vc));
    const at = (i: number): string => (r.response.entry?.[i]?.response?.location ?? '').split('/_history')[0] ?? '';
    const [role, vcOrg, provOrg, practitioner] = [at(4), at(5), at(6), at(3)];
    expect([role, vcOrg, provOrg]).toEqual([expect.stringMatching(/^PractitionerRole\//), expect.stringMatching(/^Organization\//), expect.stringMatching(/^Organization\//)]);
    const srId = r.serviceRequest.id ?? '';
    const d = deps(repo, directory);
    const q = await postCommunication(d, { ...message(srId, 'question', 'Fråga'), sender: { reference: role }, recipient: [{ reference: provOrg }] }, referrer(vc));
    expect(q.sender).toEqual({ reference: role });
    await postCommunication(d, { ...message(srId, 'answer', 'Svar'), sender: { reference: provOrg }, recipient: [{ reference: role, display: 'Remittenten' }] }, provider(prov));
    // The vårdcentral's own organisation is not the provider; a Practitioner names no organisation.
    const wrong = await outcomeOf(postCommunication(d, { ...message(srId, 'question', 'x'), recipient: [{ reference: vcOrg }, { reference: practitioner }] }, referrer(vc)));
    expect(wrong.outcome.issue.map((i) => i.expression?.[0])).toEqual(['Communication.recipient[0]', 'Communication.recipient[1]']);
  });

  test('the referral, a known category and a payload are required: all problems in one 422', async () => {
    const { vc } = await referral();
    const bare: Communication = { resourceType: 'Communication', status: 'completed', category: [{ coding: [{ system: CATEGORY, code: 'gossip' }] }] };
    const err = await outcomeOf(postCommunication(deps(repo, directory), bare, referrer(vc)));
    expect(getStatus(err.outcome)).toBe(422);
    expect(err.outcome.issue.map((i) => i.expression?.[0])).toEqual(['Communication.basedOn', 'Communication.category', 'Communication.payload']);
  });
});
