/**
 * `remissbrygga outbox list|dead|reprocess|pause|resume`: delivery operations from a shell, a thin layer over
 * src/deliver/ops.ts. The database comes from --database-url / DATABASE_URL (PostgreSQL) or --data-dir / DATA_DIR
 * (PGlite, one process at a time: stop the server first).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { listDeadLetters, pauseDestination, queueStats, reprocess, resumeDestination } from '../../deliver/ops.ts';
import type { Db } from '../../store/index.ts';
import { openDb } from '../../store/index.ts';

interface DbOptions {
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly json?: boolean;
}

function dbOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--database-url <url>', 'PostgreSQL connection string').env('DATABASE_URL'))
    .addOption(new Option('--data-dir <dir>', 'PGlite data directory (when no database URL)').env('DATA_DIR').default('./data/pglite'))
    .option('--json', 'print JSON');
}

async function withDb<T>(o: DbOptions, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = o.databaseUrl ? await openDb({ databaseUrl: o.databaseUrl, poolSize: 2 }) : await openDb({ dataDir: o.dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function print(o: DbOptions, value: unknown, lines: () => string[]): void {
  process.stdout.write(o.json ? `${JSON.stringify(value, null, 2)}\n` : `${lines().join('\n')}\n`);
}

export function register(program: Command): void {
  const outbox = program.command('outbox').description('delivery queues: depth, dead letters, reprocess, pause/resume');

  dbOptions(outbox.command('list').description('queue depth and dead letters per destination')).action(async (o: DbOptions) => {
    const stats = await withDb(o, (db) => queueStats(db, new Date()));
    print(o, stats, () =>
      stats.length === 0
        ? ['no queues']
        : stats.map(
            (s) =>
              `${s.destination}  pending=${String(s.pending)} due=${String(s.due)} in-flight=${String(s.inFlight)} dead=${String(s.dead)}` +
              ` oldest=${s.oldestPendingAgeMs === null ? '-' : `${String(Math.round(s.oldestPendingAgeMs / 1000))}s`}` +
              `${s.paused ? ' PAUSED' : ''}${s.configured ? '' : ' (no destination: pull only)'}`,
          ),
    );
  });

  dbOptions(outbox.command('dead').description('list dead letters').option('-d, --destination <hsaId>', 'only this destination').option('-n, --limit <n>', 'at most n', '100')).action(
    async (o: DbOptions & { destination?: string; limit: string }) => {
      const rows = await withDb(o, (db) => listDeadLetters(db, { destination: o.destination, limit: Number(o.limit) }));
      print(o, rows, () =>
        rows.length === 0 ? ['no dead letters'] : rows.map((r) => `${String(r.id)}  ${r.destination}  ${r.eventType}  attempts=${String(r.attempts)}  ${r.lastError ?? ''}`),
      );
    },
  );

  dbOptions(
    outbox
      .command('reprocess')
      .description('requeue dead letters from the stored original')
      .argument('[ids...]', 'outbox ids')
      .option('-d, --destination <hsaId>', 'every dead letter of this destination')
      .option('--all', 'every dead letter'),
  ).action(async (ids: string[], o: DbOptions & { destination?: string; all?: boolean }) => {
    const numeric = ids.map(Number);
    const chosen = [numeric.length > 0, o.destination !== undefined, o.all === true].filter(Boolean).length;
    if (chosen !== 1 || numeric.some((n) => !Number.isInteger(n) || n <= 0)) {
      process.stderr.write('remissbrygga: give outbox ids, or --destination <hsaId>, or --all (exactly one)\n');
      process.exitCode = 2;
      return;
    }
    const selector = numeric.length > 0 ? { ids: numeric } : o.destination !== undefined ? { destination: o.destination } : { all: true as const };
    const requeued = await withDb(o, (db) => reprocess(db, selector, new Date()));
    print(o, { requeued }, () => [`requeued ${String(requeued.length)}${requeued.length > 0 ? `: ${requeued.join(', ')}` : ''}`]);
  });

  dbOptions(outbox.command('pause').description('stop delivering to a destination (its queue is kept)').argument('<destination>', 'HSA-id')).action(
    async (destination: string, o: DbOptions) => {
      await withDb(o, (db) => pauseDestination(db, destination, new Date(), 'cli'));
      print(o, { destination, paused: true }, () => [`paused ${destination}`]);
    },
  );

  dbOptions(outbox.command('resume').description('resume delivering to a destination').argument('<destination>', 'HSA-id')).action(async (destination: string, o: DbOptions) => {
    const was = await withDb(o, (db) => resumeDestination(db, destination));
    print(o, { destination, paused: false, wasPaused: was }, () => [was ? `resumed ${destination}` : `${destination} was not paused`]);
  });
}
