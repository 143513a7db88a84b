/**
 * What `npm start` prints: where the server is, and copy-paste commands that work on the embedded defaults —
 * submit the IG's example referral as its vårdcentral, then see it in the provider's inbox (development auth).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Bundle, Resource, ServiceRequest } from '@medplum/fhirtypes';

export const QUICKSTART_EXAMPLE = 'example/Bundle-ex-valid-f32-1-depression-kbt.json';
const HSA = 'urn:oid:1.2.752.29.4.19';

interface Parties {
  readonly file: string;
  readonly referrerOrg: string;
  readonly referrerUser: string;
  readonly providerOrg: string;
}

function byFullUrl(bundle: Bundle, ref: string | undefined): Resource | undefined {
  return bundle.entry?.find((e) => e.fullUrl === ref)?.resource;
}

function ofType<K extends Resource['resourceType']>(r: Resource | undefined, type: K): Extract<Resource, { resourceType: K }> | undefined {
  return r?.resourceType === type ? (r as Extract<Resource, { resourceType: K }>) : undefined;
}

/** The organisations and user of the example referral, read from the bundle itself so the line cannot drift. */
export function exampleParties(igDir: string, cwd = process.cwd()): Parties | undefined {
  try {
    const path = join(igDir, QUICKSTART_EXAMPLE);
    const bundle = JSON.parse(readFileSync(path, 'utf8')) as Bundle;
    const sr = bundle.entry?.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource as ServiceRequest | undefined;
    const role = ofType(byFullUrl(bundle, sr?.requester?.reference), 'PractitionerRole');
    const hsa = (r: { identifier?: { system?: string; value?: string }[] } | undefined): string | undefined => r?.identifier?.find((i) => i.system === HSA)?.value;
    const referrerOrg = hsa(ofType(byFullUrl(bundle, role?.organization?.reference), 'Organization'));
    const referrerUser = hsa(ofType(byFullUrl(bundle, role?.practitioner?.reference), 'Practitioner'));
    const providerOrg = hsa(ofType(byFullUrl(bundle, sr?.performer?.[0]?.reference), 'Organization'));
    if (!referrerOrg || !referrerUser || !providerOrg) return undefined;
    return { file: relative(cwd, path) || path, referrerOrg, referrerUser, providerOrg };
  } catch {
    return undefined;
  }
}

export function quickstartText(origin: string, authMode: 'dev' | 'smart', igDir: string): string {
  const lines = [`Remissbrygga: ${origin}/fhir (${authMode === 'dev' ? 'DEVELOPMENT auth mode' : 'SMART auth'}) · try: curl -s ${origin}/fhir/metadata`];
  const parties = authMode === 'dev' ? exampleParties(igDir) : undefined;
  if (parties) {
    lines.push(
      `  Submit the example referral as its vårdcentral:`,
      `    curl -s -X POST ${origin}/fhir -H 'Content-Type: application/fhir+json' -H 'X-Org-Id: ${parties.referrerOrg}' -H 'X-User-Id: ${parties.referrerUser}' -H 'X-Roles: referrer' --data-binary @${parties.file}`,
      `  See it in the provider's inbox:`,
      `    curl -s '${origin}/fhir/Task?_include=Task:focus' -H 'X-Org-Id: ${parties.providerOrg}' -H 'X-User-Id: ${parties.providerOrg}-T1' -H 'X-Roles: provider'`,
      `  Or in the browser: ${origin}/ (sign in as ${parties.providerOrg}, role provider)`,
    );
  }
  return `${lines.join('\n')}\n`;
}
