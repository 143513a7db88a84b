import { perKey } from './limits.ts';

describe('perKey', () => {
  it('computes once per key, undefined results included, and keeps keys apart', () => {
    const calls: string[] = [];
    const f = perKey((k: string): string | undefined => {
      calls.push(k);
      return k === 'none' ? undefined : k.toUpperCase();
    });
    expect([f('a'), f('a'), f('b'), f('none'), f('none')]).toEqual(['A', 'A', 'B', undefined, undefined]);
    expect(calls).toEqual(['a', 'b', 'none']);
  });
});
