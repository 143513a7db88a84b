/**
 * Test support for crash.int.test.ts: a delivery worker in its own process, so the test can SIGKILL it in the
 * middle of a burst. Arguments: a JSON object { databaseUrl?, schema?, dataDir?, workerId }.
 */
import pino from 'pino';
import { z } from 'zod';
import { createRepository, openDb } from '../store/index.ts';
import { dbDestinationStore } from './destinations.ts';
import { fhirFormatter } from './formatters/fhir.ts';
import { createFormatterRegistry } from './formatters/formatter.ts';
import { startDeliveryWorker } from './worker.ts';

const args = z
  .object({ databaseUrl: z.string().optional(), schema: z.string().optional(), dataDir: z.string().optional(), workerId: z.string() })
  .parse(JSON.parse(process.argv[2] ?? '{}'));
const db = await openDb(args.databaseUrl ? { databaseUrl: args.databaseUrl, schema: args.schema, migrate: false } : { dataDir: args.dataDir, migrate: false });
startDeliveryWorker({
  repo: createRepository(db),
  destinations: dbDestinationStore(db),
  formatters: createFormatterRegistry([fhirFormatter]),
  logger: pino({ level: 'warn' }, pino.destination(2)),
  concurrency: 4,
  pollIntervalMs: 5,
  leaseMs: 60_000,
  workerId: args.workerId,
});
process.stdout.write('ready\n');
// Runs until killed.
setInterval(() => undefined, 60_000);
