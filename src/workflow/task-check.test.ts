import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OperationOutcomeError } from '@medplum/core';
import type { Task } from '@medplum/fhirtypes';
import { z } from 'zod';
import { checkTransition } from './task-check.ts';
import { FINAL_STATUSES, TASK_RULES } from './task-rules.ts';

const EXAMPLES = join(import.meta.dirname, '../../profiles/package/example');

async function exampleTask(name: string): Promise<Task> {
  const json: unknown = JSON.parse(await readFile(join(EXAMPLES, `Task-${name}.json`), 'utf8'));
  const parsed = z.object({ resourceType: z.literal('Task'), status: z.string(), intent: z.string() }).loose().parse(json);
  if (!isTask(parsed)) {
    throw new Error(`${name}: not a Task`);
  }
  return parsed;
}

function isTask(value: { resourceType: 'Task'; status: string }): value is Task {
  return ['draft', 'requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error'].includes(value.status);
}

/** The same Task one step earlier: another status, no sub-state, no reason. */
function before(task: Task, status: Task['status']): Task {
  const { businessStatus: _b, statusReason: _r, ...rest } = task;
  return { ...rest, status };
}

describe('the rule table', () => {
  test('no rule leaves a final status; every non-final status has a way forward', () => {
    expect(TASK_RULES.flatMap((r) => r.from).filter((s) => FINAL_STATUSES.includes(s))).toEqual([]);
    for (const status of ['requested', 'received', 'accepted', 'in-progress', 'on-hold'] as const) {
      expect(TASK_RULES.some((r) => r.from.includes(status) && r.to !== 'unchanged')).toBe(true);
    }
  });

  test('no two rules for the same party match the same move (the table is unambiguous)', () => {
    const keys = TASK_RULES.flatMap((r) => r.from.map((f) => `${f}>${r.to}|${r.businessStatus ?? '-'}|${r.by}`));
    expect(keys.length).toBe(new Set(keys).size);
  });
});

describe('the IG Task examples are legal moves (cross-layer agreement on codes and outputs)', () => {
  test.each<[string, Task['status'], string]>([
    ['ex-task-completed', 'in-progress', 'complete'],
    ['ex-task-rejected', 'received', 'reject'],
    ['ex-task-information-requested', 'received', 'request-information'],
    ['ex-task-returned-to-referrer', 'in-progress', 'return-after-start'],
  ])('%s from %s is `%s`', async (name, from, rule) => {
    const task = await exampleTask(name);
    expect(checkTransition(before(task, from), task, ['owner']).name).toBe(rule);
  });

  test('the rejected example without its reason is refused on Task.statusReason', async () => {
    const task = await exampleTask('ex-task-rejected');
    const { statusReason: _r, ...withoutReason } = task;
    let err: unknown;
    try {
      checkTransition(before(task, 'received'), withoutReason, ['owner']);
    } catch (e) {
      err = e;
    }
    expect(err instanceof OperationOutcomeError ? err.outcome.issue.map((i) => i.expression?.[0]) : err).toEqual(['Task.statusReason']);
  });
});
