import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createMapper } from '../../map/index.ts';
import { runMap } from './map.ts';

const mapper = createMapper({ today: () => '2025-06-01' });
const golden = (p: string): Buffer => readFileSync(new URL(`../../../test/golden/${p}`, import.meta.url));

function run(input: Buffer, from: string, to: string): { code: number; out: string } {
  let out = '';
  const code = runMap(mapper, input, { from, to, lang: 'en' }, { out: (t) => (out += t), err: (t) => (out += t) });
  return { code, out };
}

describe('remissbrygga map', () => {
  it('converts RIV-TA to HL7 v2 through the bundle', () => {
    const r = run(golden('riv/basic.input.xml'), 'riv', 'hl7');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('MSH|^~\\&|')).toBe(true);
    expect(r.out).toContain('PRD|RP|Berg^Johan|||^WPN^PH^^^^^^^^^+4640331042');
  });

  it('prints the bundle for --to fhir and accepts --from fhir', () => {
    const r = run(golden('hl7/ptsd-nearest.input.hl7'), 'hl7', 'fhir');
    expect(r.code).toBe(0);
    const again = run(Buffer.from(r.out), 'fhir', 'flat');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ behandlingsform: 'kbt-trauma', vardval: 'nearest' });
  });

  it('exits 1 with an English outcome for a message with problems', () => {
    const r = run(golden('csv/missing-direct-phone.input.csv'), 'csv', 'fhir');
    expect(r.code).toBe(1);
    expect(r.out).toContain('MAP-DIRECT-PHONE-MISSING');
    expect(r.out).toContain('Missing: remittentens direkttelefon');
  });

  it('runs as a child process with exit code 2 for a missing file', () => {
    const child = spawnSync(process.execPath, ['src/cli/main.ts', 'map', '--from', 'riv', '--to', 'fhir', 'no-such-file.xml'], { encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain('cannot read');
  });

  it('answers to `convert` too (the name in issue 5), converting a golden RIV-TA message as a child process', () => {
    const child = spawnSync(process.execPath, ['src/cli/main.ts', 'convert', '--from', 'riv', '--to', 'hl7', 'test/golden/riv/basic.input.xml'], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^MSH\|/);
  });
});
