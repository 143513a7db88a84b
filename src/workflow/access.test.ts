import { hsaOf, isOwner, isRequester, scopeFor } from './access.ts';
import type { Actor } from './types.ts';

const actor = (roles: Actor['roles'], orgHsaId = 'SE2321000016-VC01'): Actor => ({ orgHsaId, userId: 'u', roles });

describe('access', () => {
  test('scopeFor: referrer → requesterOrg, provider → ownerOrg, admin/system unscoped, no role sees nothing', () => {
    expect(scopeFor(actor(['referrer']))).toEqual({ requesterOrg: 'SE2321000016-VC01' });
    expect(scopeFor(actor(['provider'], 'SE2321000016-PT01'))).toEqual({ ownerOrg: 'SE2321000016-PT01' });
    expect(scopeFor(actor(['referrer', 'provider']))).toEqual({ requesterOrg: 'SE2321000016-VC01', ownerOrg: 'SE2321000016-VC01' });
    expect(scopeFor(actor(['admin']))).toBeUndefined();
    expect(scopeFor(actor(['system'], ''))).toBeUndefined();
    expect(scopeFor(actor([]))).toEqual({});
  });

  test('parties need both the role and the organisation', () => {
    expect(isRequester(actor(['referrer']), 'SE2321000016-VC01')).toBe(true);
    expect(isRequester(actor(['provider']), 'SE2321000016-VC01')).toBe(false);
    expect(isOwner(actor(['provider']), 'SE2321000016-VC02')).toBe(false);
    expect(isOwner(actor(['provider'], ''), '')).toBe(false);
  });

  test('hsaOf accepts both HSA systems and nothing else', () => {
    expect(hsaOf({ identifier: { system: 'urn:oid:1.2.752.29.4.19', value: 'A' } })).toBe('A');
    expect(hsaOf({ identifier: { system: 'urn:oid:1.2.752.129.2.1.4.1', value: 'B' } })).toBe('B');
    expect(hsaOf({ identifier: { system: 'urn:other', value: 'C' } })).toBeUndefined();
    expect(hsaOf({ reference: 'Organization/x' })).toBeUndefined();
  });
});
