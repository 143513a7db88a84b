/**
 * The server under test, in its own worker thread, with the baseline express app beside it, so the load generator
 * (autocannon, main thread) and the servers do not share one event loop. Posts `{ origin, baseline }` when listening; stops on the message 'stop'.
 */
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import express from 'express';
import { startServer, stopServer } from '../src/app/server.ts';
import { configWith } from '../src/config/schema.ts';

const port = parentPort;
if (port) {
  const databaseUrl: unknown = typeof workerData === 'object' && workerData !== null ? Reflect.get(workerData, 'databaseUrl') : undefined;
  const config = configWith({
    PORT: '0',
    DATA_DIR: ':memory:',
    LOG_LEVEL: 'silent',
    IG_DIR: 'profiles/package',
    DELIVERY: 'off',
    JOBS: 'off',
    ...(typeof databaseUrl === 'string' && databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const server = await startServer(config, { defaultMetrics: false });
  // The framework ceiling, on the same thread as the server: a constant GET and a POST that only parses JSON.
  const baseline = express();
  const constant = { resourceType: 'Bundle', type: 'searchset', total: 0 };
  baseline.get('/constant', (_req, res) => {
    res.json(constant);
  });
  baseline.post('/parse', express.json({ type: () => true, limit: '5mb' }), (req, res) => {
    res.status(201).json({ ok: typeof req.body === 'object' });
  });
  const base = await new Promise<ReturnType<typeof baseline.listen>>((resolve) => {
    const s = baseline.listen(0, '127.0.0.1', () => {
      resolve(s);
    });
  });
  port.on('message', (msg: unknown) => {
    if (msg === 'stop') {
      base.close();
      void stopServer(server).then(() => {
        port.postMessage('stopped');
        port.close();
      });
    }
  });
  port.postMessage({ origin: server.origin, baseline: `http://127.0.0.1:${String((base.address() as AddressInfo).port)}` });
}
