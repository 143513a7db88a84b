/**
 * Round trips over generated referrals (issue 5 "Done when"): for every format, bundle → format → bundle gives the
 * same bundle, and writing it again gives the same text. Personnummer are valid (Luhn computed independently here),
 * referral times cluster around the DST changes, texts carry every delimiter the formats escape.
 */
import fc from 'fast-check';
import type { Bundle } from '@medplum/fhirtypes';
import { buildBundle } from './fhir/build-bundle.ts';
import { createMapper, loadMappings } from './index.ts';
import type { ReferralRecord } from './record.ts';
import { compactToFhirDateTime } from './transforms/datetime.ts';
import type { Scalar } from './transforms/registry.ts';

const mappings = loadMappings();
const mapper = createMapper({ mappings, today: () => '2025-06-01' });
const RUNS = 400;

function luhn(nine: string): number {
  let sum = 0;
  Array.from(nine).forEach((ch, i) => {
    const p = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(p / 10) + (p % 10);
  });
  return (10 - (sum % 10)) % 10;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const personId = fc
  .record({ year: fc.integer({ min: 1925, max: 2008 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), serial: fc.integer({ min: 0, max: 999 }), samordning: fc.boolean() })
  .map(({ year, month, day, serial, samordning }) => {
    const d = samordning ? day + 60 : day;
    const nine = `${pad(year % 100)}${pad(month)}${pad(d)}${pad(serial, 3)}`;
    return `${pad(Math.floor(year / 100))}${nine}${luhn(nine)}`;
  });

const DST_DAYS = ['20240331', '20241027', '20250330', '20251026', '20260329', '20261025'];
const authoredOn = fc
  .record({
    day: fc.oneof(fc.constantFrom(...DST_DAYS), fc.date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''))),
    hour: fc.oneof(fc.constantFrom(1, 2, 3), fc.integer({ min: 0, max: 23 })),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ day, hour, minute, second }) => {
    const r = compactToFhirDateTime(`${day}${pad(hour)}${pad(minute)}${pad(second)}`);
    return r.ok ? r.value : '2025-01-01T12:00:00+01:00';
  });

const TEXT_CHARS = Array.from('abcdefghijklmnopqrstuvwxyzåäöÅÄÖéABCXYZ0123456789 .,;:|^~\\&"\'<>#%-/()!?\n');
const text = fc
  .array(fc.constantFrom(...TEXT_CHARS), { minLength: 1, maxLength: 40 })
  .map((cs) => cs.join('').trim())
  .filter((t) => t !== '' && !t.startsWith('\n'));
const name = fc
  .array(fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyzåäöéÅÄÖ')), { minLength: 1, maxLength: 12 })
  .chain((a) => fc.constantFrom(a.join(''), `${a.join('')}-Berg`, `${a.join('')} Maria`))
  .map((n) => n.charAt(0).toUpperCase() + n.slice(1));
const hsa = fc.stringMatching(/^[A-Z0-9]{4,10}$/).map((s) => `SE2321000016-${s}`);
const phone = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{6,8}$/)).map(([a, b]) => `+46${a}${b}`);
const date = fc.date({ min: new Date('2015-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const ALLOWED = ['F32.0', 'F32.1', 'F40.00', 'F40.01', 'F40.1', 'F40.2', 'F40.8', 'F40.9', 'F41.0', 'F41.1', 'F41.9', 'F42.0', 'F42.1', 'F42.2', 'F42.8', 'F42.9', 'F43.1', 'F43.8', 'F43.9'];

const referral: fc.Arbitrary<ReferralRecord> = fc
  .record(
    {
      id: fc.tuple(hsa, fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/)).map(([h, l]) => `${h}#${l}`),
      authoredOn,
      patientId: personId,
      patientFamily: name,
      patientGiven: name,
      gender: fc.constantFrom('male', 'female', 'other', 'unknown'),
      unitHsa: hsa,
      unitName: text.map((t) => t.replaceAll('\n', ' ')),
      unitPhone: phone,
      referrerHsa: hsa,
      referrerFamily: name,
      referrerGiven: name,
      profession: fc.constantFrom('psykolog', 'lakare'),
      directPhone: phone,
      provider: fc.option(fc.tuple(hsa, text.map((t) => t.replaceAll('\n', ' '))), { nil: undefined }),
      diagnosis: fc.constantFrom(...ALLOWED),
      treatment: fc.constantFrom('kbt', 'kbt-trauma', 'ipt', 'pdt'),
      assessment: text,
      suicide: fc.constantFrom('lag', 'mattlig', 'hog'),
      suicideComment: text,
      priors: fc.array(fc.record({ type: fc.constantFrom('ikbt', 'kbt-individuell', 'kbt-grupp', 'psykoedukation', 'samtalsstod', 'lakemedel', 'annan'), date, result: text }), { minLength: 1, maxLength: 3 }),
      audit: fc.integer({ min: 0, max: 40 }),
      dudit: fc.integer({ min: 0, max: 44 }),
      screeningDate: date,
      medication: text,
      sickLeave: fc.boolean(),
      sickLeaveExtent: text,
      other: text,
      extended: fc.boolean(),
      interpreter: fc.boolean(),
      language: fc.constantFrom('ar', 'so', 'fa', 'ti'),
      parallel: fc.boolean(),
      parallelReason: text,
      planned: fc.integer({ min: 1, max: 23 }),
      choice: fc.constantFrom('patient-choice', 'nearest'),
    },
    { requiredKeys: ['id', 'authoredOn', 'patientId', 'patientFamily', 'patientGiven', 'unitHsa', 'unitName', 'referrerHsa', 'referrerFamily', 'referrerGiven', 'profession', 'directPhone', 'provider', 'diagnosis', 'treatment', 'assessment', 'suicide', 'priors', 'audit', 'dudit', 'screeningDate', 'sickLeave', 'interpreter', 'parallel', 'choice'] },
  )
  .map((g) => {
    const rec: Record<string, Scalar> = {
      'referral.id': g.id,
      'referral.authoredOn': g.authoredOn,
      'referral.providerChoice': g.provider ? g.choice : 'nearest',
      'patient.id': g.patientId,
      'patient.family': g.patientFamily,
      'patient.given': g.patientGiven,
      'unit.hsaId': g.unitHsa,
      'unit.name': g.unitName,
      'referrer.hsaId': g.referrerHsa,
      'referrer.family': g.referrerFamily,
      'referrer.given': g.referrerGiven,
      'referrer.profession': g.profession,
      'referrer.directPhone': g.directPhone,
      'diagnosis.code': g.diagnosis,
      treatmentForm: g.treatment,
      assessment: g.assessment,
      'suicideRisk.level': g.suicide,
      'screening.audit': g.audit,
      'screening.dudit': g.dudit,
      'screening.date': g.screeningDate,
      sickLeave: g.sickLeave,
      interpreter: g.interpreter,
      parallelPsychiatry: g.parallel,
    };
    const optional: [string, Scalar | undefined][] = [
      ['patient.gender', g.gender],
      ['unit.phone', g.unitPhone],
      ['provider.hsaId', g.provider?.[0]],
      ['provider.name', g.provider?.[1]],
      ['suicideRisk.comment', g.suicideComment],
      ['medication', g.medication],
      ['sickLeave.extent', g.sickLeave ? g.sickLeaveExtent : undefined],
      ['other', g.other],
      ['extendedSessions', g.extended],
      ['interpreter.language', g.interpreter ? g.language : undefined],
      ['parallelPsychiatry.reason', g.parallel ? g.parallelReason : undefined],
      ['referral.plannedSessions', g.planned],
    ];
    for (const [k, v] of optional) {
      if (v !== undefined) {
        rec[k] = v;
      }
    }
    g.priors.forEach((p, i) => {
      rec[`priorTreatment[${i}].type`] = p.type;
      rec[`priorTreatment[${i}].date`] = p.date;
      rec[`priorTreatment[${i}].result`] = p.result;
    });
    return rec;
  });

function bundleOf(rec: ReferralRecord): Bundle {
  return buildBundle(rec, { icdDisplay: (c) => mappings.codes.icd10se[c] });
}

describe.each(['flat-json', 'csv', 'riv', 'hl7'])('round trip through %s', (format) => {
  it(`bundle → ${format} → bundle is the identity, and the text is stable (${RUNS} referrals)`, () => {
    fc.assert(
      fc.property(referral, (rec) => {
        const bundle = bundleOf(rec);
        const text = mapper.fromFhir(format, bundle);
        if (!('text' in text)) {
          throw new Error(JSON.stringify(text.outcome.issue));
        }
        const back = mapper.toFhir(format, text.text);
        if (!('bundle' in back)) {
          throw new Error(JSON.stringify(back.outcome.issue.map((i) => [i.details?.coding?.[0]?.code, i.diagnostics])));
        }
        expect(back.bundle).toEqual(bundle);
        const again = mapper.fromFhir(format, back.bundle);
        expect('text' in again && again.text).toBe(text.text);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('ICD-10-SE spellings in a source', () => {
  it('F321, f32.1 and F32.1A all map to F32.1', () => {
    fc.assert(
      fc.property(referral, fc.constantFrom('F321', 'f32.1', 'F32.1A', ' F32.1 ', 'F32.1'), (rec, spelling) => {
        const flat = mapper.fromFhir('flat-json', bundleOf({ ...rec, 'diagnosis.code': 'F32.1' }));
        if (!('text' in flat)) {
          throw new Error('no text');
        }
        const input = { ...(JSON.parse(flat.text) as Record<string, unknown>), diagnos: spelling };
        const r = mapper.toRecord('flat-json', JSON.stringify(input));
        expect('record' in r && r.record['diagnosis.code']).toBe('F32.1');
      }),
      { numRuns: 100 },
    );
  });
});
