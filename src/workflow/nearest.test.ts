import { createDirectory } from './directory.ts';
import { nearestProvider } from './nearest.ts';
import type { DirectoryOrganization } from './types.ts';

const org = (hsaId: string, postalCode: string | undefined, municipality: string, forms: string[], kind: DirectoryOrganization['kind'] = 'psykoterapimottagning'): DirectoryOrganization => ({
  hsaId,
  name: hsaId,
  kind,
  treatmentForms: forms,
  ...(postalCode ? { postalCode } : {}),
  municipality,
});

const directory = createDirectory([
  org('SE2321000016-A', '21115', 'Malmö', ['kbt']),
  org('SE2321000016-B', '21445', 'Malmö', ['kbt', 'ipt']),
  org('SE2321000016-C', '22100', 'Lund', ['kbt']),
  org('SE2321000016-D', '24500', 'Lomma', ['kbt']),
  org('SE2321000016-E', undefined, 'Lund', ['kbt']),
  org('SE2321000016-V', '21440', 'Malmö', ['kbt'], 'vardcentral'),
]);

describe('nearestProvider', () => {
  test('the longest common postal-code prefix wins', () => {
    expect(nearestProvider(directory, 'kbt', { postalCode: '214 40' })?.hsaId).toBe('SE2321000016-B');
    expect(nearestProvider(directory, 'kbt', { postalCode: '22350' })?.hsaId).toBe('SE2321000016-C');
  });

  test('only providers offering the treatment form, never a vårdcentral', () => {
    expect(nearestProvider(directory, 'ipt', { postalCode: '22100' })?.hsaId).toBe('SE2321000016-B');
    expect(nearestProvider(directory, 'pdt', { postalCode: '22100' })).toBeUndefined();
  });

  test('same municipality breaks a postal-code tie; then the HSA-id', () => {
    expect(nearestProvider(directory, 'kbt', { postalCode: '23400', municipality: 'lomma' })?.hsaId).toBe('SE2321000016-D');
    expect(nearestProvider(directory, 'kbt', { postalCode: '23400' })?.hsaId).toBe('SE2321000016-A');
    expect(nearestProvider(directory, 'kbt', {})?.hsaId).toBe('SE2321000016-A');
  });
});
