import { configSchema, ConfigError, parseConfig, parseSize } from './schema.ts';

test('defaults: loopback, port 8080, PGlite data dir, dev auth, 5 MB body limit', () => {
  const c = parseConfig({});
  expect(c).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', DATA_DIR: './data/pglite', AUTH_MODE: 'dev', BODY_LIMIT: 5 * 1024 * 1024 });
  expect(c.DATABASE_URL).toBeUndefined();
});

test('strings are coerced; empty values count as unset', () => {
  const c = parseConfig({ PORT: '0', BODY_LIMIT: '512kb', DATABASE_URL: '', AUTH_MODE: 'smart', TOKEN_TTL_SECONDS: '60' });
  expect(c).toMatchObject({ PORT: 0, BODY_LIMIT: 512 * 1024, AUTH_MODE: 'smart', TOKEN_TTL_SECONDS: 60 });
  expect(c.DATABASE_URL).toBeUndefined();
});

test('an invalid configuration names every bad variable', () => {
  expect(() => parseConfig({ PORT: 'eighty', AUTH_MODE: 'open', BODY_LIMIT: 'lots' })).toThrow(ConfigError);
  try {
    parseConfig({ PORT: 'eighty', AUTH_MODE: 'open', BODY_LIMIT: 'lots', PUBLIC_URL: 'not a url' });
  } catch (err) {
    const message = (err as Error).message;
    for (const name of ['PORT', 'AUTH_MODE', 'BODY_LIMIT', 'PUBLIC_URL']) {
      expect(message).toContain(name);
    }
  }
});

test('sizes', () => {
  expect(parseSize('5mb')).toBe(5 * 1024 * 1024);
  expect(parseSize('10KB')).toBe(10 * 1024);
  expect(parseSize('100')).toBe(100);
  expect(parseSize('5 gigabytes')).toBeUndefined();
});

test('.env.example documents every variable of the schema, and only those', async () => {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
  const documented = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
  expect(new Set(documented)).toEqual(new Set(Object.keys(configSchema.shape)));
});
