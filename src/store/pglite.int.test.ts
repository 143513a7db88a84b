import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDb } from './db.ts';
import { patientFixture } from './fixtures.ts';
import { createRepository } from './repository.ts';

describe('PGlite', () => {
  test('a data directory keeps its data across close and reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rb-store-'));
    try {
      const dataDir = join(dir, 'nested', 'pgdata'); // parents are created
      const first = await openDb({ dataDir });
      const created = await createRepository(first).create(patientFixture('199001019802'), {});
      await first.close();

      const second = await openDb({ dataDir });
      try {
        expect(await createRepository(second).read('Patient', created.id ?? '')).toEqual(created);
        const migrations = await second.query<{ version: string }>('SELECT version FROM schema_migrations');
        expect(migrations.length).toBeGreaterThan(0);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('PGlite transactions are serialised: concurrent read-modify-write loses no update', async () => {
    const db = await openDb({ migrate: false });
    try {
      await db.exec('CREATE TABLE counter (n int NOT NULL); INSERT INTO counter VALUES (0);');
      const increment = (): Promise<void> =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number }>('SELECT n FROM counter');
          await sleep(5); // yield, so an unserialised second transaction would read the same n
          await tx.query('UPDATE counter SET n = $1', [(row?.n ?? 0) + 1]);
        });
      await Promise.all(Array.from({ length: 10 }, increment));
      expect(await db.query('SELECT n FROM counter')).toEqual([{ n: 10 }]);
    } finally {
      await db.close();
    }
  });
});
