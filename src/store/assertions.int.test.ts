/** Used client-assertion ids (shared by instances): first use wins, replays lose, expired rows are reclaimed and pruned. */
import type { Db } from './db.ts';
import { claimAssertion, pruneAssertions } from './assertions.ts';
import { testDrivers, uniqueSuffix } from './testing.ts';

describe.each(testDrivers(process.env.TEST_DATABASE_URL))('assertion ids on $name', (driver) => {
  let db: Db;
  let peer: Db;
  beforeAll(async () => {
    db = await driver.open();
    peer = await driver.peer(db);
  });
  afterAll(async () => {
    await peer.close();
    await db.close();
    await driver.dispose();
  });

  const now = new Date('2026-11-26T12:00:00Z');
  const later = (s: number): Date => new Date(now.getTime() + s * 1000);

  test('the first use wins, also when two connections (instances) race; a replay loses', async () => {
    const jti = `client:${uniqueSuffix()}`;
    const results = await Promise.all([claimAssertion(db, jti, later(240), now), claimAssertion(peer, jti, later(240), now)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await claimAssertion(db, jti, later(240), now)).toBe(false);
    expect(await claimAssertion(db, `other-${jti}`, later(240), now)).toBe(true);
  });

  test('after expiry the row may be taken again; pruning removes only expired rows', async () => {
    const jti = `client:${uniqueSuffix()}`;
    const kept = `client:${uniqueSuffix()}`;
    expect(await claimAssertion(db, jti, later(60), now)).toBe(true);
    expect(await claimAssertion(db, kept, later(3600), now)).toBe(true);
    expect(await claimAssertion(db, jti, later(400), later(120))).toBe(true);
    expect(await pruneAssertions(db, later(1000))).toBeGreaterThanOrEqual(1);
    expect(await claimAssertion(db, kept, later(3600), later(1000))).toBe(false);
    expect(await claimAssertion(db, jti, later(2000), later(1000))).toBe(true);
  });
});
