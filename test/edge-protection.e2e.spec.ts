import { jest } from '@jest/globals';
import pg from 'pg';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { bearer, createTestKeys, TEST_SETUP, type TestKeys } from './support/api-keys.js';
import { startServiceProcess, type ServiceProcess } from './support/service-process.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

/** Rate limits, security headers, CORS, CSRF, introspection, body limit, health and metrics. */

const QUERY = JSON.stringify({ query: '{ coalitions { slug } }' });

async function post(service: TestApp, headers: Record<string, string> = {}, body = QUERY) {
  const response = await fetch(`${service.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as {
      data?: unknown;
      errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
    },
  };
}

describe('rate limits', () => {
  let service: TestApp;
  let keys: TestKeys;
  beforeAll(async () => {
    service = await startTestApp({ RATE_LIMIT_PER_IP: '5', RATE_LIMIT_PER_KEY: '8' });
    keys = await createTestKeys(service);
  });
  afterAll(() => service.close());

  it('answer 429 RATE_LIMITED per address and per key, each key with its own bucket, probes never limited', async () => {
    // A key's first request counts against the address (it has not proved itself yet); then it has its own bucket.
    expect((await post(service, bearer(keys.admin))).status).toBe(200);
    expect((await post(service, bearer(keys.viewer))).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post(service)).status).toBe(200);
    const limited = await post(service);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.body.errors![0].extensions.code).toBe('RATE_LIMITED');
    expect(limited.body.errors![0].message).toMatch(/this address/);

    // A key that proved itself has a bucket of its own, even from an address that is already limited.
    for (let i = 0; i < 8; i++) expect((await post(service, bearer(keys.admin))).status).toBe(200);
    const keyLimited = await post(service, bearer(keys.admin));
    expect(keyLimited.status).toBe(429);
    expect(keyLimited.body.errors![0].message).toMatch(/this API key/);
    expect((await post(service, bearer(keys.viewer))).status).toBe(200);

    // A key that is not live cannot open a fresh bucket: it counts against the address.
    expect((await post(service, bearer(keys.revoked))).status).toBe(429);
    expect((await post(service, bearer('crk_aaaaaaaaaaaa_' + 'b'.repeat(43)))).status).toBe(429);

    expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{method="POST",route="\/graphql",status_code="429"\} [1-9]/);
  });
});

describe('rate limits before any key work', () => {
  const liveKey = (service: TestApp, name: string) =>
    service.app
      .get(ApiKeysService)
      .create(name, 'viewer', TEST_SETUP)
      .then(({ key }) => key);
  /** The key with another secret: its prefix finds a live row, its secret does not match. */
  const wrongSecret = (key: string) => `${key.slice(0, -8)}AAAAAAAA`;
  const unknownPrefix = () => `crk_zzzzzzzzzzzz_${'b'.repeat(43)}`;

  it('refuse a throttled address with 429 without looking up or checking the key it sends', async () => {
    const service = await startTestApp({ RATE_LIMIT_PER_IP: '2' });
    try {
      const key = await liveKey(service, 'throttled-viewer');
      for (let i = 0; i < 2; i++) expect((await post(service)).status).toBe(200);
      const keyWork = jest.spyOn(service.app.get(ApiKeysService), 'authenticate');
      for (const token of [wrongSecret(key), unknownPrefix(), key]) {
        const refused = await post(service, bearer(token));
        expect(refused.status).toBe(429);
        expect(refused.body.errors![0].message).toMatch(/this address/);
      }
      expect(keyWork).not.toHaveBeenCalled();
    } finally {
      await service.close();
    }
  });

  it('count failed key checks against the address', async () => {
    const service = await startTestApp({ RATE_LIMIT_PER_IP: '3' });
    try {
      const key = await liveKey(service, 'guessed-viewer');
      expect((await post(service, bearer(wrongSecret(key)))).body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await post(service, bearer(unknownPrefix()))).body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await post(service)).status).toBe(200);
      expect((await post(service)).status).toBe(429);
    } finally {
      await service.close();
    }
  });

  it('check an unknown prefix with the same scrypt as a live one, so timing does not tell them apart', async () => {
    // CPU time, not wall time: scrypt's cost shows in the process's own CPU use however loaded the machine is.
    const service = await startTestApp();
    try {
      const apiKeys = service.app.get(ApiKeysService);
      const key = await liveKey(service, 'timed-viewer');
      const cpuOf = async (header: string) => {
        const before = process.cpuUsage();
        for (let i = 0; i < 5; i++) await apiKeys.authenticate(header).catch(() => undefined);
        const used = process.cpuUsage(before);
        return used.user + used.system;
      };
      await cpuOf(`Bearer ${unknownPrefix()}`);
      const live = await cpuOf(`Bearer ${wrongSecret(key)}`);
      const unknown = await cpuOf(`Bearer ${unknownPrefix()}`);
      expect(unknown).toBeGreaterThan(live * 0.5);
    } finally {
      await service.close();
    }
  });
});

describe('rate limits behind a proxy (TRUST_PROXY)', () => {
  const fromClient = (address: string) => ({ 'x-forwarded-for': address });

  it('count each forwarded client apart when the proxy is trusted', async () => {
    const service = await startTestApp({ RATE_LIMIT_PER_IP: '2', TRUST_PROXY: '127.0.0.1' });
    try {
      for (let i = 0; i < 2; i++) expect((await post(service, fromClient('203.0.113.7'))).status).toBe(200);
      expect((await post(service, fromClient('203.0.113.7'))).status).toBe(429);
      expect((await post(service, fromClient('203.0.113.8'))).status).toBe(200);
    } finally {
      await service.close();
    }
  });

  it('ignore X-Forwarded-For by default, so a client cannot pick a fresh address', async () => {
    const service = await startTestApp({ RATE_LIMIT_PER_IP: '2' });
    try {
      for (let i = 0; i < 2; i++) expect((await post(service, fromClient(`198.51.100.${i}`))).status).toBe(200);
      expect((await post(service, fromClient('198.51.100.99'))).status).toBe(429);
    } finally {
      await service.close();
    }
  });
});

describe('headers, CSRF, request ids, body limit, introspection and health on a default service', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => service.close());

  it('sends security headers whose CSP still allows our own scripts and styles', async () => {
    const { headers } = await post(service);
    const csp = headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('sends no CORS permission when CORS_ORIGINS is unset', async () => {
    const preflight = await fetch(`${service.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(
      (await post(service, { origin: 'https://elsewhere.example' })).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it('blocks requests a browser could send cross-site without a preflight (CSRF)', async () => {
    const simpleGet = await fetch(`${service.baseUrl}/graphql?query=${encodeURIComponent('{ coalitions { slug } }')}`);
    expect(simpleGet.status).toBe(400);
    const textPlain = await fetch(`${service.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: QUERY,
    });
    expect(textPlain.status).toBeGreaterThanOrEqual(400);
    expect(textPlain.status).toBeLessThan(500);
    const preflighted = await fetch(
      `${service.baseUrl}/graphql?query=${encodeURIComponent('{ coalitions { slug } }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(preflighted.status).toBe(200);
  });

  it('keeps a plain X-Request-Id, replaces a hostile one, and returns it', async () => {
    expect((await post(service, { 'x-request-id': 'trace-42.a_b' })).headers.get('x-request-id')).toBe('trace-42.a_b');
    const forged = (await post(service, { 'x-request-id': 'x'.repeat(500) })).headers.get('x-request-id')!;
    expect(forged).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a body over BODY_LIMIT_BYTES with 413 and a BAD_USER_INPUT that names the limit', async () => {
    const big = JSON.stringify({ query: `{ searchParticipants(text: "${'a'.repeat(5000)}") { code } }` });
    const response = await fetch(`${service.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(response.status).toBe(413);
    const answer = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(answer.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.errors[0].message).toMatch(/over the limit of 4096 bytes/);
  });

  it('allows introspection outside production', async () => {
    const { body } = await post(service, {}, JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('is live and ready, and not ready while a migration is missing', async () => {
    expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${service.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, migrations: { status: 'up' } },
    });

    const db = new pg.Client({ connectionString: service.databaseUrl });
    await db.connect();
    try {
      const [last] = (await db.query(`DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING *`))
        .rows;
      const notReady = await fetch(`${service.baseUrl}/health/ready`);
      expect(notReady.status).toBe(503);
      expect(JSON.stringify(await notReady.json())).toMatch(/not applied/);
      await db.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [
        last.id,
        last.timestamp,
        last.name,
      ]);
    } finally {
      await db.end();
    }
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
  });

  it('exposes Prometheus metrics: requests, latencies, GraphQL errors by code, the pool, the process', async () => {
    await post(service, {}, JSON.stringify({ query: '{ participant(code: "!!") { code } }' }));
    const response = await fetch(`${service.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/graphql",status_code="200"\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/graphql"/);
    expect(text).toMatch(/graphql_operations_total\{operation_type="query",outcome="success"\} \d+/);
    expect(text).toMatch(/graphql_errors_total\{code="BAD_USER_INPUT"\} \d+/);
    expect(text).toMatch(/db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });
});

describe('REQUIRE_AUTH_FOR_READS=true', () => {
  let service: TestApp;
  let keys: TestKeys;
  beforeAll(async () => {
    service = await startTestApp({ REQUIRE_AUTH_FOR_READS: 'true' });
    keys = await createTestKeys(service);
  });
  afterAll(() => service.close());

  it('answers nothing anonymously: no read, no introspection, no __typename, twice over (nothing cached)', async () => {
    for (const query of ['{ coalitions { slug } }', '{ __typename }', '{ __schema { queryType { name } } }']) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const refused = await post(service, {}, JSON.stringify({ query }));
        expect(refused.status).toBe(401);
        expect(refused.body.data).toBeUndefined();
        expect(refused.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
        expect(refused.headers.get('x-cache')).toBeNull();
      }
    }
    const get = await fetch(`${service.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(401);
  });

  it('refuses a key that is not live, and answers a viewer key', async () => {
    expect((await post(service, bearer(keys.revoked), JSON.stringify({ query: '{ __typename }' }))).status).toBe(401);
    const answered = await post(service, bearer(keys.viewer), JSON.stringify({ query: '{ __typename }' }));
    expect(answered.body.data).toEqual({ __typename: 'Query' });
  });

  it('opens the pages and their assets (no registry data: they ask for the key) and the health probes, nothing else', async () => {
    const dashboard = await fetch(`${service.baseUrl}/`);
    expect(dashboard.status).toBe(200);
    const script = /assets\/[\w.-]+\.js/.exec(await dashboard.text())![0];
    expect((await fetch(`${service.baseUrl}/${script}`)).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/admin`)).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${service.baseUrl}/coalitions/synthetic-drug-threats/roster.csv`)).status).toBe(401);
    expect((await fetch(`${service.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${service.baseUrl}/metrics`, { headers: bearer(keys.viewer) })).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
  });

  it('opens the explorer to a browser at /graphql, while a GraphQL read sent by GET there still needs a key', async () => {
    const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    for (const search of ['', `?query=${encodeURIComponent('{ __typename }')}`]) {
      const page = await fetch(`${service.baseUrl}/graphql${search}`, { headers: { accept: browserAccept } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<div id="explorer">');
      expect(html).not.toContain('"data"');
      const script = /assets\/[\w.-]+\.js/.exec(html)![0];
      expect((await fetch(`${service.baseUrl}/${script}`)).status).toBe(200);
    }

    // Any client that does not prefer HTML over a GraphQL answer is asking for a read.
    const typename = `${service.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`;
    for (const accept of [
      undefined,
      'application/json',
      '*/*',
      'application/json, text/html',
      'text/html;q=0.5, */*',
    ]) {
      const refused = await fetch(typename, {
        headers: { 'apollo-require-preflight': 'true', ...(accept === undefined ? {} : { accept }) },
      });
      expect({ accept, status: refused.status }).toEqual({ accept, status: 401 });
      const body = (await refused.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
    const read = await fetch(typename, { headers: { 'apollo-require-preflight': 'true', ...bearer(keys.viewer) } });
    expect(await read.json()).toEqual({ data: { __typename: 'Query' } });
    const posted = await fetch(`${service.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: browserAccept },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(posted.status).toBe(401);
  });
});

describe('a body over the limit sent to the service process', () => {
  let database: { url: string; drop(): Promise<void> };
  let serviceProcess: ServiceProcess;
  beforeAll(async () => {
    database = await createTestDatabase();
    serviceProcess = await startServiceProcess({ DATABASE_URL: database.url, BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(async () => {
    await serviceProcess?.stop();
    await database?.drop();
  });

  // 10 MB: the client is still sending long after the server has decided (it used to see a broken pipe).
  const huge = JSON.stringify({ query: `{ searchParticipants(text: "${'a'.repeat(10_000_000)}") { code } }` });
  /** A slow uploader, without a Content-Length: 256 KB every 2 ms. */
  const slowly = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    let offset = 0;
    return new ReadableStream({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + 256 * 1024));
        offset += 256 * 1024;
      },
    });
  };

  it.each([
    ['with a Content-Length', () => huge],
    ['streamed', () => slowly(huge)],
  ])('is answered with a 413 the client reads, not a broken pipe (%s)', async (_, body) => {
    const response = await fetch(`${serviceProcess.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
    ).toBe('BAD_USER_INPUT');
  });
});

describe('configured services', () => {
  it('allows cross-origin calls only from CORS_ORIGINS', async () => {
    const service = await startTestApp({ CORS_ORIGINS: 'https://dashboard.example.org' });
    try {
      const preflight = (origin: string) =>
        fetch(`${service.baseUrl}/graphql`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,authorization',
          },
        });
      const allowed = await preflight('https://dashboard.example.org');
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect((await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await service.close();
    }
  });

  it('turns introspection off in production unless GRAPHQL_INTROSPECTION says otherwise', async () => {
    const introspect = JSON.stringify({ query: '{ __schema { queryType { name } } }' });
    const production = await startTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    try {
      const { body } = await post(production, {}, introspect);
      expect(body.data).toBeUndefined();
      expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect((await post(production)).body.data).toBeDefined();
    } finally {
      await production.close();
    }
    const opened = await startTestApp({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', LOG_LEVEL: 'silent' });
    try {
      expect((await post(opened, {}, introspect)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await opened.close();
    }
  });
});
