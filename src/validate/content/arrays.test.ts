import { arrayOf, element } from './arrays.ts';

// The loops replace forEach/map/some on untrusted JSON: they must fail where those fail, and only there.
test('arrayOf passes arrays and fails on what has no forEach', () => {
  const list = [1, 2];
  expect(arrayOf(list)).toBe(list);
  for (const bad of ['ab', {}, 7, true]) {
    expect(() => arrayOf(bad as unknown as number[])).toThrow(TypeError);
    expect(() => { (bad as unknown as number[]).forEach(() => undefined); }).toThrow(TypeError);
  }
});

test('element fails on a missing element, as reading a property of it would', () => {
  const list = [{ a: 1 }, null] as unknown as { a: number }[];
  expect(element(list, 0)).toEqual({ a: 1 });
  expect(() => element(list, 1)).toThrow(TypeError);
  expect(() => element(list, 2)).toThrow(TypeError);
});
