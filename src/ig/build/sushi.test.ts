import { parseSushiTotals } from './sushi.ts';

test('reads the error and warning totals from the SUSHI results box', () => {
  const box = '| You seem a bit rudderless.             0 Errors      5 Warnings |';
  expect(parseSushiTotals(box)).toEqual({ errors: 0, warnings: 5 });
  expect(parseSushiTotals('|  Oh no.   1 Error      12 Warnings |')).toEqual({ errors: 1, warnings: 12 });
  expect(parseSushiTotals('no results box')).toBeUndefined();
});
