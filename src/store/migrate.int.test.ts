import type { Db } from './db.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { testDrivers } from './testing.ts';

describe.each(testDrivers(process.env.TEST_DATABASE_URL))('migrations on $name', (driver) => {
  let db: Db;
  let peer: Db;

  beforeAll(async () => {
    db = await driver.open({ migrate: false });
    peer = await driver.peer(db);
  });

  afterAll(async () => {
    await peer.close();
    await db.close();
    await driver.dispose();
  });

  test('the migration files are numbered 0001, 0002, … without gaps', async () => {
    const versions = (await loadMigrations()).map((m) => m.version);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions).toEqual(versions.map((_, i) => String(i + 1).padStart(4, '0')));
  });

  test('two instances migrating a fresh database at once apply each migration exactly once', async () => {
    const all = (await loadMigrations()).map((m) => m.version);
    const [a, b] = await Promise.all([migrate(db), migrate(peer)]);
    expect([...a, ...b].sort()).toEqual(all);
    const recorded = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.map((r) => r.version)).toEqual(all);
    expect(await db.query("SELECT 1 FROM resources WHERE resource_type = 'none'")).toEqual([]);
  });

  test('migrating again is a no-op', async () => {
    expect(await migrate(db)).toEqual([]);
    expect(await migrate(peer)).toEqual([]);
  });

  test('after 0003 the index tables have no foreign keys (its DROP … IF EXISTS named the real constraints)', async () => {
    const fks = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.table_constraints
       WHERE constraint_type = 'FOREIGN KEY' AND table_name IN ('resource_tokens', 'resource_refs') AND table_schema = current_schema()`,
    );
    expect(fks).toEqual([]);
    // The tables are still there and written by the repository.
    expect(await db.query('SELECT 1 FROM resource_tokens WHERE false')).toEqual([]);
  });

  test('a failing migration rolls back entirely and is not recorded', async () => {
    const bad = [{ version: '9999', name: '9999_bad', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();' }];
    await expect(migrate(db, bad)).rejects.toThrow();
    expect(await db.query("SELECT 1 FROM schema_migrations WHERE version = '9999'")).toEqual([]);
    expect(await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'")).toEqual([]);
  });
});
