/** JUnit XML for integration teams' CI (issue 3): one testcase per file, errors as a failure, warnings as output. */
import type { FileResult } from './types.ts';
import { issueLine } from './types.ts';

function xml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters outright
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function formatJunit(results: readonly FileResult[]): string {
  const failures = results.filter((r) => !r.valid).length;
  const cases = results.map((r) => {
    const errors = r.outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    const others = r.outcome.issue.filter((i) => i.severity === 'warning');
    const failure = errors.length
      ? `\n    <failure type="invalid" message="${xml(`${errors.length} error(s)`)}">${xml(errors.map(issueLine).join('\n'))}</failure>`
      : '';
    const out = others.length ? `\n    <system-out>${xml(others.map(issueLine).join('\n'))}</system-out>` : '';
    return `  <testcase classname="remissbrygga.validate" name="${xml(r.file)}">${failure}${out}${failure || out ? '\n  ' : ''}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="remissbrygga validate" tests="${results.length}" failures="${failures}" errors="0">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}
