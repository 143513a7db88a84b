import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IG_PACKAGE_MANIFEST, writeIgPackage } from './assemble.ts';

const withDir = (run: (dir: string) => void): void => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-assemble-'));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const sd = {
  resourceType: 'StructureDefinition',
  id: 'rb-b',
  url: 'https://remissbrygga.se/fhir/StructureDefinition/rb-b',
  version: '0.1.0',
  kind: 'resource',
  type: 'Patient',
};
const cs = { resourceType: 'CodeSystem', id: 'rb-a', url: 'https://remissbrygga.se/fhir/CodeSystem/rb-a' };

test('writes a FHIR package folder: manifest, sorted index with kind/type for profiles, one file per resource', () => {
  withDir((dir) => {
    const counts = writeIgPackage(dir, [sd, cs], [{ resourceType: 'Bundle', id: 'ex-1' }]);
    expect(counts).toEqual({ definitions: 2, examples: 1 });
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toEqual(IG_PACKAGE_MANIFEST);
    const index: unknown = JSON.parse(readFileSync(join(dir, '.index.json'), 'utf8'));
    expect(index).toEqual({
      'index-version': 1,
      files: [
        { filename: 'CodeSystem-rb-a.json', resourceType: 'CodeSystem', id: 'rb-a', url: cs.url },
        { ...sd, filename: 'StructureDefinition-rb-b.json', resourceType: 'StructureDefinition' },
      ].map(({ filename, resourceType, id, ...rest }) => ({ filename, resourceType, id, ...rest })),
    });
    const text = readFileSync(join(dir, 'StructureDefinition-rb-b.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(readdirSync(join(dir, 'example')).sort()).toEqual(['.index.json', 'Bundle-ex-1.json']);
  });
});

test('replaces what was in the folder before and refuses resources that collide or lack an id', () => {
  withDir((dir) => {
    writeIgPackage(dir, [cs, sd], []);
    writeIgPackage(dir, [cs], []);
    expect(readdirSync(dir).sort()).toEqual(['.index.json', 'CodeSystem-rb-a.json', 'example', 'package.json']);
    expect(() => writeIgPackage(dir, [cs, cs], [])).toThrow(/CodeSystem-rb-a\.json/);
    expect(() => writeIgPackage(dir, [{ resourceType: 'ValueSet' }], [])).toThrow(/without id/);
  });
});
