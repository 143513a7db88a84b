/**
 * "Nearest provider" when the patient does not choose: the referral then goes to the provider with the right
 * treatment offering nearest the patient's registered address (folkbokföringsadress) (domain.md §1,
 * 000_c04719a0eada0e20.txt:63–67).
 *
 * Heuristic (no geodata in the demo directory): among providers (kind psykoterapimottagning) that offer the
 * treatment form, rank by
 *   1. the length of the common prefix of the 5-digit postal codes (Swedish postal codes are assigned
 *      geographically: 2xx xx is Skåne, the first three digits a town or district), longest first;
 *   2. same municipality as the patient's address (`address.city` or `address.district`) before others;
 *   3. HSA-id, so the choice is deterministic.
 * A patient without a postal code or municipality still gets a provider (rule 3 decides).
 */
import type { Directory, DirectoryOrganization } from './types.ts';

export interface PatientLocation {
  readonly postalCode?: string | undefined;
  readonly municipality?: string | undefined;
}

export function nearestProvider(directory: Directory, treatmentForm: string, where: PatientLocation): DirectoryOrganization | undefined {
  const candidates = directory.organizations.filter((o) => o.kind === 'psykoterapimottagning' && (o.treatmentForms ?? []).includes(treatmentForm));
  const patientPostal = digits(where.postalCode);
  const patientTown = normalise(where.municipality);
  const ranked = candidates.map((org) => ({
    org,
    prefix: commonPrefix(patientPostal, digits(org.postalCode)),
    sameTown: patientTown !== '' && normalise(org.municipality) === patientTown ? 1 : 0,
  }));
  ranked.sort((a, b) => b.prefix - a.prefix || b.sameTown - a.sameTown || a.org.hsaId.localeCompare(b.org.hsaId));
  return ranked[0]?.org;
}

function digits(value: string | undefined): string {
  return (value ?? '').replace(/\D/g, '');
}

function normalise(value: string | undefined): string {
  return (value ?? '').trim().toLocaleLowerCase('sv');
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) {
    n++;
  }
  return n;
}
