import { join } from 'node:path';
import { createDirectory, loadDirectory, parseDirectory } from './directory.ts';

describe('directory', () => {
  test('config/directory.json: 3 vårdcentraler and 5 providers in Skåne with treatment forms', async () => {
    const dir = await loadDirectory(join(import.meta.dirname, '../../config/directory.json'));
    expect(dir.organizations.filter((o) => o.kind === 'vardcentral')).toHaveLength(3);
    const providers = dir.organizations.filter((o) => o.kind === 'psykoterapimottagning');
    expect(providers).toHaveLength(5);
    expect(new Set(providers.flatMap((p) => p.treatmentForms ?? []))).toEqual(new Set(['kbt', 'kbt-trauma', 'ipt', 'pdt']));
    expect(dir.organizations.every((o) => /^SE2321000016-/.test(o.hsaId) && /^2\d{4}$/.test(o.postalCode ?? '') && o.phone?.startsWith('+46'))).toBe(true);
    expect(dir.byHsaId('SE2321000016-PT03')?.municipality).toBe('Lund');
    expect(dir.byHsaId('SE2321000016-NOPE')).toBeUndefined();
  });

  test('invalid entries are refused with the path of each problem', () => {
    expect(() =>
      parseDirectory({ organizations: [{ hsaId: 'x', name: '', kind: 'sjukhus' }, { hsaId: 'SE2321000016-A', name: 'A', kind: 'vardcentral', extra: 1 }] }),
    ).toThrow(/organizations\.0\.hsaId.*organizations\.0\.name.*organizations\.0\.kind.*organizations\.1/);
    expect(() => parseDirectory({ organizations: [{ hsaId: 'SE2321000016-A', name: 'A', kind: 'vardcentral', treatmentForms: ['yoga'] }] })).toThrow(/treatmentForms/);
  });

  test('duplicate HSA-ids are refused', () => {
    const a = { hsaId: 'SE2321000016-A', name: 'A', kind: 'vardcentral' as const };
    expect(() => createDirectory([a, a])).toThrow(/twice/);
  });

  test('a file that is not JSON names the path', async () => {
    await expect(loadDirectory(join(import.meta.dirname, 'README.md'))).rejects.toThrow(/README\.md: not JSON/);
  });
});
