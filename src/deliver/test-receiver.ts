/**
 * Test support: a real receiving HTTP server on 127.0.0.1:0 (node:http) that answers by script, records every
 * request, and notices when the same idempotency key is being handled twice at the same time.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly path: string;
  readonly idempotencyKey: string;
  readonly eventType: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export type Reply = { readonly status: number; readonly body?: string; readonly contentType?: string; readonly delayMs?: number } | 'hang';

export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Idempotency keys that arrived while a request with the same key was still being answered. */
  readonly concurrentDuplicates: string[];
  script: (req: ReceivedRequest, nth: number) => Reply;
  close(): Promise<void>;
}

export async function startReceiver(script: Receiver['script'] = () => ({ status: 200 })): Promise<Receiver> {
  const active = new Set<string>();
  const hanging = new Set<() => void>();
  const receiver: Receiver = {
    url: '',
    requests: [],
    concurrentDuplicates: [],
    script,
    close: () =>
      new Promise((resolve) => {
        for (const release of hanging) {
          release();
        }
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const header = (name: string): string => {
        const v = req.headers[name];
        return typeof v === 'string' ? v : '';
      };
      const received: ReceivedRequest = {
        path: req.url ?? '',
        idempotencyKey: header('idempotency-key'),
        eventType: header('x-remissbrygga-event'),
        contentType: header('content-type'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      if (active.has(received.idempotencyKey)) {
        receiver.concurrentDuplicates.push(received.idempotencyKey);
      }
      active.add(received.idempotencyKey);
      receiver.requests.push(received);
      const reply = receiver.script(received, receiver.requests.length);
      const finish = (): void => {
        active.delete(received.idempotencyKey);
      };
      if (reply === 'hang') {
        const release = (): void => {
          finish();
          res.destroy();
        };
        hanging.add(release);
        res.on('close', () => {
          hanging.delete(release);
          finish();
        });
        return;
      }
      const answer = (): void => {
        finish();
        res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) {
        setTimeout(answer, reply.delayMs);
      } else {
        answer();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, { url: `http://127.0.0.1:${String(port)}/hook` });
}
