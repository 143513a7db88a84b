/**
 * REM-PATIENT-LISTED: the patient is listed at the referring vårdcentral: Patient.generalPractitioner points at the
 * requester's organisation (by reference in the bundle or by HSA-id) (000_c04719a0eada0e20.txt:61-62, "vid den
 * listade vårdcentralen").
 */
import { z } from 'zod';
import { normalizeSystem } from '../constants.ts';
import { defineKind } from './kind.ts';

export const patientListed = defineKind({
  kind: 'patient-listed',
  vars: ['organization'],
  params: z.strictObject({}),
  check(model) {
    const patient = model.patient;
    const org = model.requesterOrg;
    if (!patient || !org) {
      return [];
    }
    const orgIds = new Set((org.resource.identifier ?? []).map((i) => `${normalizeSystem(i.system) ?? ''}|${i.value ?? ''}`));
    const listed = (patient.resource.generalPractitioner ?? []).some(
      (gp) =>
        model.index.resolve(gp.reference) === org ||
        (gp.identifier?.value !== undefined && orgIds.has(`${normalizeSystem(gp.identifier.system) ?? ''}|${gp.identifier.value}`)),
    );
    if (listed) {
      return [];
    }
    return [{ expression: patient.resource.generalPractitioner ? `${patient.path}.generalPractitioner[0]` : patient.path, vars: { organization: org.resource.name ?? '-' } }];
  },
});
