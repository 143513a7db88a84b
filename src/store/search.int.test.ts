import { getStatus, OperationOutcomeError } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { Db } from './db.ts';
import { HSA_SYSTEM, patientFixture, PERSONNUMMER_SYSTEM, referralFixture, REMISS_ID_SYSTEM, taskFixture } from './fixtures.ts';
import type { Repository } from './repository.ts';
import { createRepository } from './repository.ts';
import type { SearchParams } from './search.ts';
import { testDrivers, uniqueSuffix } from './testing.ts';

describe.each(testDrivers(process.env.TEST_DATABASE_URL))('search on $name', (driver) => {
  let db: Db;
  let repo: Repository;
  const s = uniqueSuffix();
  const provA = `SE-A-${s}`;
  const provB = `SE-B-${s}`;
  const vcX = `SE-VCX-${s}`;
  const vcY = `SE-VCY-${s}`;
  const pnr1 = `19900101${s.slice(0, 4)}`;
  const pnr2 = `19850505${s.slice(0, 4)}`;
  /** ids by name: r1..r3 referrals, t1..t3 tasks, p1/p2 patients */
  const ids: Record<string, string> = {};
  let createdAfter = new Date();

  const id = (name: string): string => ids[name] ?? '';
  const idsOf = (resources: readonly Resource[]): string[] => resources.map((r) => Object.keys(ids).find((k) => ids[k] === r.id) ?? '?');
  const srNames = async (params: SearchParams, orgScope?: { ownerOrg?: string; requesterOrg?: string }): Promise<string[]> =>
    idsOf((await repo.search('ServiceRequest', params, orgScope ? { orgScope } : {})).resources);

  beforeAll(async () => {
    db = await driver.open();
    repo = createRepository(db);
    const p1 = await repo.create(patientFixture(pnr1), { orgs: { ownerOrg: provA, requesterOrg: vcX } });
    const p2 = await repo.create(patientFixture(pnr2), { orgs: { ownerOrg: provA, requesterOrg: vcX } });
    ids.p1 = p1.id ?? '';
    ids.p2 = p2.id ?? '';
    const rows = [
      { name: 'r1', prov: provA, vc: vcX, patient: id('p1'), authoredOn: '2025-01-10', status: 'active' },
      { name: 'r2', prov: provA, vc: vcX, patient: id('p2'), authoredOn: '2025-02-15', status: 'active' },
      { name: 'r3', prov: provB, vc: vcY, patient: id('p1'), authoredOn: '2025-03-20', status: 'completed' },
    ] as const;
    for (const r of rows) {
      const sr = await repo.create(
        referralFixture({ remissId: `${r.vc}#${r.name}`, providerHsa: r.prov, patientId: r.patient, authoredOn: r.authoredOn, status: r.status }),
        { orgs: { requesterOrg: r.vc } },
      );
      ids[r.name] = sr.id ?? '';
      const task = await repo.create(taskFixture(sr.id ?? '', r.prov, r.status === 'active' ? 'requested' : 'completed'), {
        orgs: { requesterOrg: r.vc },
      });
      ids[`t${r.name.slice(1)}`] = task.id ?? '';
    }
    createdAfter = new Date();
  });

  afterAll(async () => {
    await db.close();
    await driver.dispose();
  });

  test('_id', async () => {
    expect(await srNames({ _id: id('r2') })).toEqual(['r2']);
    expect((await srNames({ _id: `${id('r1')},${id('r3')}`, _sort: 'authored' }))).toEqual(['r1', 'r3']);
  });

  test('identifier: system|value, bare value, system| and |value', async () => {
    expect(await srNames({ identifier: `${REMISS_ID_SYSTEM}|${vcX}#r1` })).toEqual(['r1']);
    expect(await srNames({ identifier: `${vcY}#r3` })).toEqual(['r3']);
    expect(await srNames({ identifier: `other-system|${vcY}#r3` })).toEqual([]);
    expect(await srNames({ identifier: `|${vcY}#r3` })).toEqual([]);
    expect((await repo.search('Patient', { identifier: `${PERSONNUMMER_SYSTEM}|` , _id: id('p2') })).resources.map((p) => p.id)).toEqual([id('p2')]);
  });

  test('owner and requester (HSA-id, with or without system)', async () => {
    expect(await srNames({ owner: provA, _sort: 'authored' })).toEqual(['r1', 'r2']);
    expect(await srNames({ owner: `${HSA_SYSTEM}|${provB}` })).toEqual(['r3']);
    expect(await srNames({ requester: vcY })).toEqual(['r3']);
    expect(idsOf((await repo.search('Task', { owner: provA, _sort: 'authored,_id' })).resources).sort()).toEqual(['t1', 't2']);
  });

  test('status, with comma meaning OR and repeats meaning AND', async () => {
    expect(await srNames({ owner: provA, status: 'completed' })).toEqual([]);
    expect(await srNames({ requester: [vcX, vcY].join(','), status: 'completed' })).toEqual(['r3']);
    expect((await srNames({ status: 'active,completed', identifier: [`${vcX}#r1`, `${vcY}#r3`].join(','), _sort: '-authored' }))).toEqual(['r3', 'r1']);
    expect(idsOf((await repo.search('Task', { status: 'requested', requester: vcX, _sort: '_id' })).resources).sort()).toEqual(['t1', 't2']);
  });

  test('patient and subject, as Patient/id or bare id', async () => {
    expect(await srNames({ patient: `Patient/${id('p1')}`, _sort: 'authored' })).toEqual(['r1', 'r3']);
    expect(await srNames({ subject: id('p2') })).toEqual(['r2']);
    expect(idsOf((await repo.search('Task', { patient: id('p1') })).resources)).toEqual([]); // the fixture Task has no `for`
  });

  test('chained patient.identifier on ServiceRequest', async () => {
    expect(await srNames({ 'patient.identifier': `${PERSONNUMMER_SYSTEM}|${pnr1}`, _sort: 'authored' })).toEqual(['r1', 'r3']);
    expect(await srNames({ 'subject.identifier': pnr2 })).toEqual(['r2']);
    expect(await srNames({ 'patient.identifier': `${PERSONNUMMER_SYSTEM}|000000000000` })).toEqual([]);
  });

  test('focus on Task', async () => {
    expect(idsOf((await repo.search('Task', { focus: `ServiceRequest/${id('r2')}` })).resources)).toEqual(['t2']);
  });

  test('authored with prefixes and precision', async () => {
    const q = (authored: string | string[]): Promise<string[]> => srNames({ authored, requester: `${vcX},${vcY}`, _sort: 'authored' });
    expect(await q('2025-02-15')).toEqual(['r2']);
    expect(await q('eq2025-02')).toEqual(['r2']);
    expect(await q('ge2025-02-15')).toEqual(['r2', 'r3']);
    expect(await q('gt2025-02-15')).toEqual(['r3']);
    expect(await q('le2025-02-15')).toEqual(['r1', 'r2']);
    expect(await q('lt2025-02-15')).toEqual(['r1']);
    expect(await q(['ge2025-01-11', 'lt2025-03'])).toEqual(['r2']);
    expect(await q('ne2025')).toEqual([]);
    expect(await q('lt2025-02-15T00:00:00+01:00')).toEqual(['r1']); // 2025-02-14T23:00Z
    expect(await q('lt2025-02-15T02:00:00+01:00')).toEqual(['r1', 'r2']);
    // Task.authoredOn 2025-03-14T10:00:00+01:00 is 09:00 UTC
    expect((await repo.search('Task', { authored: 'ge2025-03-14T09:00:00Z', owner: provA })).total).toBe(2);
    expect((await repo.search('Task', { authored: 'gt2025-03-14T09:00:00Z', owner: provA })).total).toBe(0);
  });

  test('_lastUpdated', async () => {
    const after = createdAfter.toISOString();
    expect(await srNames({ _lastUpdated: `lt${after}`, owner: provA, _sort: 'authored' })).toEqual(['r1', 'r2']);
    expect(await srNames({ _lastUpdated: `gt${after}`, owner: provA })).toEqual([]);
    // r1 changes now: it becomes the most recently updated
    const r1 = await repo.read('ServiceRequest', id('r1'));
    await repo.update({ ...r1, note: [{ text: 'uppdaterad' }] }, {});
    expect(await srNames({ _lastUpdated: `ge${after}`, owner: provA })).toEqual(['r1']);
    expect(await srNames({ owner: provA, _sort: '-_lastUpdated' })).toEqual(['r1', 'r2']);
    expect(await srNames({ owner: provA, _sort: '_lastUpdated' })).toEqual(['r2', 'r1']);
  });

  test('_count, _offset and total', async () => {
    const all = { requester: `${vcX},${vcY}`, _sort: '-authored' };
    const page1 = await repo.search('ServiceRequest', { ...all, _count: '2' });
    const page2 = await repo.search('ServiceRequest', { ...all, _count: '2', _offset: '2' });
    expect([idsOf(page1.resources), page1.total]).toEqual([['r3', 'r2'], 3]);
    expect([idsOf(page2.resources), page2.total]).toEqual([['r1'], 3]);
    const countOnly = await repo.search('ServiceRequest', { ...all, _count: '0' });
    expect([countOnly.resources, countOnly.total]).toEqual([[], 3]);
  });

  test('_include=Task:focus adds the referrals once each', async () => {
    const result = await repo.search('Task', { owner: provA, _include: 'Task:focus', _sort: '_id' });
    expect(idsOf(result.resources).sort()).toEqual(['t1', 't2']);
    expect(idsOf(result.included).sort()).toEqual(['r1', 'r2']);
    expect(result.included.every((r) => r.resourceType === 'ServiceRequest')).toBe(true);
    const withPatient = await repo.search('ServiceRequest', { owner: provA, _include: 'ServiceRequest:patient' });
    expect(idsOf(withPatient.included).sort()).toEqual(['p1', 'p2']);
  });

  test('org scope: a client sees only its own organisation’s rows, in search, include and read', async () => {
    expect(await srNames({ identifier: `${vcY}#r3` }, { ownerOrg: provA })).toEqual([]);
    expect(await srNames({ _sort: 'authored' }, { ownerOrg: provA })).toEqual(['r1', 'r2']);
    expect(await srNames({ _sort: 'authored' }, { requesterOrg: vcY })).toEqual(['r3']);
    expect(await srNames({ _sort: 'authored' }, { ownerOrg: `${HSA_SYSTEM}|${provB}`, requesterOrg: vcX })).toEqual(['r1', 'r2', 'r3']);
    expect(await srNames({}, {})).toEqual([]);
    // r3's patient p1 is scoped to provA/vcX, so provB's include does not reveal it
    const incl = await repo.search('ServiceRequest', { _include: 'ServiceRequest:patient' }, { orgScope: { ownerOrg: provB } });
    expect([idsOf(incl.resources), incl.included]).toEqual([['r3'], []]);
    await expect(repo.read('ServiceRequest', id('r3'), { orgScope: { ownerOrg: provA } })).rejects.toThrow(OperationOutcomeError);
    await expect(repo.history('ServiceRequest', id('r3'), { orgScope: { requesterOrg: vcX } })).rejects.toThrow(OperationOutcomeError);
    expect((await repo.read('ServiceRequest', id('r3'), { orgScope: { ownerOrg: provB } })).id).toBe(id('r3'));
  });

  test('findByIdentifier', async () => {
    expect(idsOf(await repo.findByIdentifier('ServiceRequest', REMISS_ID_SYSTEM, `${vcX}#r2`))).toEqual(['r2']);
    expect(await repo.findByIdentifier('ServiceRequest', REMISS_ID_SYSTEM, 'nobody#0')).toEqual([]);
  });

  test.each([
    [{ unknown: 'x' }],
    [{ authored: 'yesterday' }],
    [{ authored: '2025-13-01' }],
    [{ _count: '-1' }],
    [{ _sort: 'name' }],
    [{ _include: 'Task:focus' }],
    [{ 'identifier:text': 'x' }],
  ])('unsupported or malformed parameter %j is a 400 outcome', async (params: SearchParams) => {
    const err: unknown = await repo.search('ServiceRequest', params).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationOutcomeError);
    if (err instanceof OperationOutcomeError) {
      expect(getStatus(err.outcome)).toBe(400);
      expect(err.outcome.issue[0]?.details?.coding?.[0]?.code).toBe('STORE-SEARCH-PARAM');
    }
  });
});
