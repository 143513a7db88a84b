import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();
const found = (b: Parameters<typeof h.issues>[0]): [string | undefined, string | undefined][] => h.issues(b).map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]]);

describe('references resolve within the bundle', () => {
  it('passes for urn:uuid and Type/id references, fails for a dangling one', () => {
    const b = referralBundle();
    const patient = entryResource(b, IDS.patient, 'Patient');
    patient.id = 'p1';
    entryResource(b, IDS.condition, 'Condition').subject = { reference: 'Patient/p1' };
    expect(found(b)).toEqual([]);
    entryResource(b, IDS.procedure, 'Procedure').subject = { reference: 'urn:uuid:00000000-0000-4000-8000-0000000000ff' };
    expect(found(b)).toEqual([['BUNDLE-REF-UNRESOLVED', 'Bundle.entry[10].resource.subject.reference']]);
  });
  it('checks references at any depth, and contained ones', () => {
    const b = referralBundle();
    const sr = entryResource(b, IDS.request, 'ServiceRequest');
    sr.performer = [{ reference: 'Organization/nowhere' }];
    sr.contained = [{ resourceType: 'Organization', id: 'c1', name: 'x' }];
    sr.insurance = [{ reference: '#c1' }, { reference: '#c2' }];
    expect(found(b)).toEqual([
      ['BUNDLE-REF-UNRESOLVED', 'Bundle.entry[0].resource.performer[0].reference'],
      ['BUNDLE-REF-UNRESOLVED', 'Bundle.entry[0].resource.insurance[1].reference'],
    ]);
  });
  it('leaves absolute references (e.g. a registry) alone', () => {
    const b = referralBundle();
    entryResource(b, IDS.request, 'ServiceRequest').performer = [{ reference: 'https://hsa.example.se/fhir/Organization/SE2321000016-C3D4' }];
    expect(found(b)).toEqual([]);
  });
});

describe('the same patient throughout', () => {
  it('fails when a resource points at another Patient', () => {
    const b = referralBundle();
    b.entry?.push({ fullUrl: 'urn:uuid:00000000-0000-4000-8000-0000000000aa', resource: { resourceType: 'Patient', birthDate: '1980-01-01' }, request: { method: 'POST', url: 'Patient' } });
    entryResource(b, IDS.audit, 'Observation').subject = { reference: 'urn:uuid:00000000-0000-4000-8000-0000000000aa' };
    expect(found(b)).toEqual([['BUNDLE-PATIENT-MISMATCH', 'Bundle.entry[8].resource.subject.reference']]);
  });
});

describe('answers agree with the resources', () => {
  it('diagnosis: answer vs Condition, and reasonCode vs Condition', () => {
    const b = referralBundle({ diagnosis: 'F41.1' });
    const qr = entryResource(b, IDS.response, 'QuestionnaireResponse');
    qr.item![2]!.answer = [{ valueCoding: { system: 'urn:oid:1.2.752.116.1.1.1', code: 'F41.0' } }];
    expect(found(b)).toEqual([['BUNDLE-DIAGNOSIS-MISMATCH', 'Bundle.entry[1].resource.item[2].answer[0].valueCoding']]);
    const c = referralBundle({ diagnosis: 'F41.1' });
    entryResource(c, IDS.request, 'ServiceRequest').reasonCode = [{ coding: [{ system: 'urn:oid:1.2.752.116.1.1.1', code: 'F41.9' }] }];
    expect(found(c)).toEqual([['BUNDLE-DIAGNOSIS-MISMATCH', 'Bundle.entry[0].resource.reasonCode[0]']]);
  });
  it('treatment form: answer vs orderDetail', () => {
    const b = referralBundle({ diagnosis: 'F32.1', treatment: 'kbt' });
    const qr = entryResource(b, IDS.response, 'QuestionnaireResponse');
    qr.item![3]!.answer = [{ valueCoding: { system: 'https://remissbrygga.se/fhir/CodeSystem/rb-treatment-form', code: 'ipt' } }];
    expect(found(b)).toEqual([['BUNDLE-TREATMENT-MISMATCH', 'Bundle.entry[1].resource.item[3].answer[0].valueCoding']]);
  });
  it('direct phone: the same number written differently passes, another number fails', () => {
    expect(found({ phone: '+46 40 123 45 67', answeredPhone: '040-123 45 67' })).toEqual([]);
    expect(found({ phone: '+46 40 123 45 67', answeredPhone: '040-765 43 21' })).toEqual([['BUNDLE-PHONE-MISMATCH', 'Bundle.entry[1].resource.item[7].answer[0].valueString']]);
  });
});

describe("the requester's organisation", () => {
  it('must be a vårdcentral in the bundle', () => {
    const b = referralBundle();
    entryResource(b, IDS.vardcentral, 'Organization').type = [{ coding: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-organization-type', code: 'psykoterapimottagning' }] }];
    expect(found(b)).toEqual([['BUNDLE-REQUESTER-ORG', 'Bundle.entry[5].resource.type']]);
    const c = referralBundle();
    entryResource(c, IDS.role, 'PractitionerRole').organization = { reference: 'https://hsa.example.se/fhir/Organization/x' };
    expect(found(c).map((f) => f[0])).toEqual(['BUNDLE-REQUESTER-ORG']);
  });
});
