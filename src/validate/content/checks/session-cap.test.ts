import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('referrals from 2025-01-01: 16 sessions pass, 17 fail at quantityQuantity', () => {
  expect(h.ids({ plannedSessions: 16 })).toEqual([]);
  const issues = h.issues({ plannedSessions: 17 });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0], i.details?.text])).toEqual([
    ['REM-SESSION-CAP', 'Bundle.entry[0].resource.quantityQuantity.value', '17 behandlingstillfällen överskrider taket på 16.'],
  ]);
});

test('PTSD and OCD reach 23 with the extended-sessions flag; other diagnoses do not', () => {
  expect(h.ids({ diagnosis: 'F43.1', treatment: 'kbt-trauma', extendedSessions: true, plannedSessions: 23 })).toEqual([]);
  expect(h.ids({ diagnosis: 'F42.1', extendedSessions: true, plannedSessions: 23 })).toEqual([]);
  expect(h.ids({ diagnosis: 'F43.1', treatment: 'kbt-trauma', extendedSessions: true, plannedSessions: 24 })).toEqual(['REM-SESSION-CAP']);
  expect(h.ids({ diagnosis: 'F43.1', treatment: 'kbt-trauma', extendedSessions: false, plannedSessions: 20 })).toEqual(['REM-SESSION-CAP']);
  expect(h.ids({ diagnosis: 'F41.1', extendedSessions: true, plannedSessions: 20 })).toEqual(['REM-SESSION-CAP']);
});

test('treatments started in 2024: 20 for every form, keyed on the first-session date', () => {
  const base = { authoredOn: '2024-03-01', treatment: 'ipt', diagnosis: 'F32.1' } as const;
  expect(h.ids({ ...base, plannedSessions: 20, task: { firstSessionDate: '2024-03-20' } })).toEqual([]);
  expect(h.ids({ ...base, plannedSessions: 21, task: { firstSessionDate: '2024-03-20' } })).toEqual(['REM-SESSION-CAP']);
});

test('treatments started before 2024: IPT 16, KBT 25', () => {
  expect(h.ids({ authoredOn: '2023-05-01', diagnosis: 'F32.1', treatment: 'ipt', plannedSessions: 16 })).toEqual([]);
  expect(h.ids({ authoredOn: '2023-05-01', diagnosis: 'F32.1', treatment: 'ipt', plannedSessions: 17 })).toEqual(['REM-SESSION-CAP']);
  expect(h.ids({ authoredOn: '2023-05-01', diagnosis: 'F32.1', treatment: 'kbt', plannedSessions: 25 })).toEqual([]);
  // a late-2023 referral whose treatment started in 2024 falls under the 2024 cap of 20
  expect(h.ids({ authoredOn: '2023-12-01', treatment: 'kbt', plannedSessions: 25, task: { firstSessionDate: '2024-01-10' } })).toEqual(['REM-SESSION-CAP']);
});

test('sessions used (Task output) are held to the cap too', () => {
  const issues = h.issues({ plannedSessions: 16, task: { firstSessionDate: '2025-04-01', sessionsUsed: 18 } });
  expect(issues.map((i) => i.expression?.[0])).toEqual(['Bundle.entry[11].resource.output[1].valueUnsignedInt']);
});
