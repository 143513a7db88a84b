import { join } from 'node:path';
import { createDirectory, loadDirectory, parseDirectory } from './directory.ts';

describe('directory', () => {
  test('config/directory.json: the demo vårdcentraler and providers in Skåne, those of the IG examples included', async () => {
    const dir = await loadDirectory(join(import.meta.dirname, '../../config/directory.json'));
    expect(dir.organizations.filter((o) => o.kind === 'vardcentral')).toHaveLength(6);
    const providers = dir.organizations.filter((o) => o.kind === 'psykoterapimottagning');
    expect(providers).toHaveLength(7);
    for (const exampleOrg of ['SE2321000016-E1LM', 'SE2321000016-E2LU', 'SE2321000016-E3HB', 'SE2321000016-P4MA', 'SE2321000016-P5LU']) {
      expect(dir.byHsaId(exampleOrg)).toBeDefined();
    }
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
