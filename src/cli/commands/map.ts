/**
 * `remissbrygga map --from riv|hl7|csv|flat-json|fhir --to fhir|riv|hl7|csv|flat <file>`: converts one journal
 * message (or a CSV/JSON batch) through the referral bundle; a thin layer over src/map. Exit 0 converted,
 * 1 the message has problems (an OperationOutcome is printed), 2 usage or file errors.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { localizeOutcome } from '../../fhir/outcomes.ts';
import type { Lang } from '../../fhir/outcomes.ts';
import { createMapper } from '../../map/index.ts';
import type { Mapper, ToFhirResult } from '../../map/index.ts';

export const FROM_FORMATS = ['riv', 'hl7', 'csv', 'flat-json', 'fhir'] as const;
export const TO_FORMATS = ['fhir', 'riv', 'hl7', 'csv', 'flat', 'flat-json'] as const;

export interface MapOptions {
  readonly from: string;
  readonly to: string;
  readonly lang: Lang;
}

export interface MapIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

function formatName(f: string): string {
  return f === 'flat' ? 'flat-json' : f;
}

function printOutcome(io: MapIo, o: OperationOutcome, lang: Lang): void {
  io.out(`${JSON.stringify(localizeOutcome(o, lang), null, 2)}\n`);
}

/** Runs one conversion and returns the exit code. */
export function runMap(mapper: Mapper, input: Buffer, o: MapOptions, io: MapIo): number {
  const from = formatName(o.from);
  const to = formatName(o.to);
  let results: readonly ToFhirResult[];
  if (from === 'fhir') {
    try {
      results = [{ bundle: JSON.parse(input.toString('utf8')) as Bundle }];
    } catch {
      io.err('remissbrygga map: the input is not JSON\n');
      return 2;
    }
  } else {
    results = mapper.toFhirBatch(from, input);
  }
  let code = 0;
  const bundles: Bundle[] = [];
  for (const r of results) {
    if ('outcome' in r) {
      printOutcome(io, r.outcome, o.lang);
      code = 1;
    } else {
      bundles.push(r.bundle);
    }
  }
  if (to === 'fhir') {
    for (const b of bundles) {
      io.out(`${JSON.stringify(b, null, 2)}\n`);
    }
    return code;
  }
  for (const b of bundles) {
    const back = mapper.fromFhir(to, b);
    if ('outcome' in back) {
      printOutcome(io, back.outcome, o.lang);
      code = 1;
    } else {
      io.out(back.text);
    }
  }
  return code;
}

export function register(program: Command): void {
  program
    .command('map')
    .alias('convert')
    .description('convert a referral between RIV-TA, HL7 v2, flat CSV/JSON and FHIR')
    .addOption(new Option('--from <format>', 'input format').choices(FROM_FORMATS).makeOptionMandatory())
    .addOption(new Option('--to <format>', 'output format').choices(TO_FORMATS).makeOptionMandatory())
    .addOption(new Option('--lang <lang>', 'language of problem texts').choices(['sv', 'en']).default('sv'))
    .argument('<file>', 'the message file')
    .action((file: string, o: MapOptions) => {
      let input: Buffer;
      try {
        input = readFileSync(file);
      } catch {
        process.stderr.write(`remissbrygga map: cannot read ${file}\n`);
        process.exitCode = 2;
        return;
      }
      process.exitCode = runMap(createMapper(), input, o, {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
      });
    });
}
