/**
 * HTTP transport: POST with a timeout and the idempotency key (the outbox id) on every send, so receivers can drop
 * duplicates of an at-least-once delivery. Network errors and timeouts are answers too (retryable).
 */
import type { ReceiverResponse } from './ack.ts';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface SendRequest {
  readonly url: string;
  readonly body: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly idempotencyKey: string;
  readonly eventType: string;
}

export type SendResult =
  | { readonly kind: 'response'; readonly response: ReceiverResponse; readonly durationMs: number }
  | { readonly kind: 'error'; readonly error: string; readonly durationMs: number };

const MAX_BODY = 64 * 1024;

export async function send(fetchFn: FetchLike, req: SendRequest, now: () => number = performance.now.bind(performance)): Promise<SendResult> {
  const started = now();
  try {
    const res = await fetchFn(req.url, {
      method: 'POST',
      headers: {
        ...req.headers,
        'content-type': req.contentType,
        'idempotency-key': req.idempotencyKey,
        'x-remissbrygga-event': req.eventType,
      },
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs),
      redirect: 'error',
    });
    const text = (await res.text()).slice(0, MAX_BODY);
    return { kind: 'response', response: { status: res.status, contentType: res.headers.get('content-type'), body: text }, durationMs: now() - started };
  } catch (err) {
    return { kind: 'error', error: describe(err, req.timeoutMs), durationMs: now() - started };
  }
}

function describe(err: unknown, timeoutMs: number): string {
  // Checked by shape, not instanceof: fetch's errors (DOMException, TypeError) may come from another realm.
  const name = field(err, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `timeout after ${String(timeoutMs)} ms`;
  }
  const code = field(field(err, 'cause'), 'code');
  return `network error${typeof code === 'string' ? ` ${code.slice(0, 40)}` : ''}`;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}
