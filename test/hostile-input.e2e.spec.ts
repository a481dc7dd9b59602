import net from 'node:net';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import {
  HOSTILE_STRINGS,
  operations,
  SLUG,
  structuralCases,
  withValueAt,
  type RawCase,
} from './support/hostile-corpus.js';
import { fingerprintOfData } from './support/registry-data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Hundreds of hostile or malformed requests (see support/hostile-corpus.ts). Each must get a 4xx or
 * a GraphQL error with a code, never a 500 or a leak of internals; the process stays up; and the
 * data, audit and idempotency records included, is byte-for-byte what it was.
 */
let service: TestApp;
let keys: TestKeys;
let commitmentId: string;
let dataBefore: Record<string, string>;
let requestsSent = 0;

beforeAll(async () => {
  service = await startTestApp({ RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_KEY: '0' });
  keys = await createTestKeys(service);
  const { data } = await service.graphql(
    `{ coalition(slug: "${SLUG}") { memberships(first: 100) { nodes { commitments { id } } } } }`,
  );
  commitmentId =
    data!.coalition.memberships.nodes.flatMap((node: { commitments: Array<{ id: string }> }) => node.commitments)[0]
      ?.id ?? '1';
  const us = await service.graphql(
    `{ membership(coalition: "${SLUG}", participant: "US") { status } cn: membership(coalition: "${SLUG}", participant: "CN") { status } }`,
  );
  expect(us.data).toEqual({ membership: { status: 'COMMITTED' }, cn: { status: 'INVITED' } });
  dataBefore = await fingerprintOfData(service.databaseUrl);
});
afterAll(() => service.close());

/** Signs of internals or of SQL reaching PostgreSQL as code: none may reach a client. */
const LEAKS =
  /QueryFailedError|node_modules|\.js:\d+|stacktrace|"stack"|at async |syntax error at or near|relation "|column "/i;

interface Outcome {
  status: number;
  body: string;
  code?: string;
  hasData: boolean;
}

function outcomeOf(status: number, body: string): Outcome {
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    return {
      status,
      body,
      code: parsed.errors?.[0]?.extensions?.code,
      hasData: parsed.data !== undefined && parsed.data !== null && !parsed.errors,
    };
  } catch {
    return { status, body, hasData: false };
  }
}

async function postJson(
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = 'POST',
  path = '/graphql',
): Promise<Outcome> {
  requestsSent++;
  const merged: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (merged['content-type'] === '') delete merged['content-type'];
  const response = await fetch(`${service.baseUrl}${path}`, {
    method,
    headers: merged,
    body: method === 'GET' ? undefined : body,
  });
  return outcomeOf(response.status, await response.text());
}

/** Writes raw bytes and reads the status line of whatever comes back. */
function sendRaw(payload: string | Buffer): Promise<Outcome> {
  requestsSent++;
  const { port } = new URL(service.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer in 5 s')));
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, body: received, hasData: false });
    });
    socket.end(payload);
  });
}

/** What is wrong with an outcome, or undefined when it is a clear refusal. */
function problemWith(outcome: Outcome, mustBeRefused: boolean): string | undefined {
  if (outcome.status >= 500 || outcome.status === 0) return `status ${outcome.status}`;
  if (outcome.code === 'INTERNAL_SERVER_ERROR' || outcome.code === 'SERVICE_UNAVAILABLE')
    return `${outcome.code}: ${outcome.body.slice(0, 200)}`;
  if (LEAKS.test(outcome.body)) return `leaks internals: ${outcome.body.slice(0, 300)}`;
  const isRefused = outcome.status >= 400 || outcome.code !== undefined;
  if (outcome.status < 400 && outcome.code === undefined && !outcome.hasData)
    return `neither data nor an error code: ${outcome.body.slice(0, 200)}`;
  if (mustBeRefused && !isRefused) return `was not refused: ${outcome.body.slice(0, 200)}`;
  return undefined;
}

const adminHeaders = () => bearer(keys.admin);

describe.each(operations('placeholder').map((operation) => [operation.name, operation] as const))(
  'hostile strings in %s',
  (_name, template) => {
    it.each(template.slots)('every hostile value in %s is refused or answered harmlessly', async (slot) => {
      const operation = operations(commitmentId).find((candidate) => candidate.name === template.name)!;
      const problems: string[] = [];
      for (const [label, value] of Object.entries(HOSTILE_STRINGS)) {
        const variables = withValueAt(operation.variables, slot, value);
        const outcome = await postJson(
          JSON.stringify({ query: operation.query, variables }),
          operation.needsAdmin ? adminHeaders() : {},
        );
        const problem = problemWith(outcome, operation.isWrite === true);
        // A hostile filter value that is answered must match nothing: it was compared, not executed.
        if (
          !problem &&
          outcome.hasData &&
          operation.filterSlots?.includes(slot) &&
          !outcome.body.includes('"totalCount":0')
        ) {
          problems.push(`${label}: a filter matched rows: ${outcome.body.slice(0, 200)}`);
        }
        if (problem) problems.push(`${label}: ${problem}`);
      }
      expect(problems).toEqual([]);
    });
  },
);

describe('malformed and hostile requests', () => {
  const cases = structuralCases();

  it.each(cases.map((rawCase) => [rawCase.name, rawCase] as const))(
    '%s gets a 4xx or an error code',
    async (_name, rawCase: RawCase) => {
      if (rawCase.socket !== undefined) {
        const outcome = await sendRaw(rawCase.socket);
        expect(outcome.status).toBeGreaterThanOrEqual(400);
        expect(outcome.status).toBeLessThan(500);
        return;
      }
      const headers: Record<string, string> = { ...(rawCase.admin ? adminHeaders() : {}), ...rawCase.headers };
      if (headers.authorization)
        headers.authorization = headers.authorization
          .replace('{viewer}', keys.viewer)
          .replace('{revoked}', keys.revoked);
      const outcome = await postJson(rawCase.body ?? '', headers, rawCase.method, rawCase.path);
      expect(problemWith(outcome, !rawCase.mayBeAnswered)).toBeUndefined();
    },
  );
});

describe('afterwards', () => {
  it('sent at least 200 hostile requests, is still up, and changed no data', async () => {
    expect(requestsSent).toBeGreaterThanOrEqual(200);
    expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
    expect((await service.graphql('{ coalitions { slug } }')).data).toEqual({ coalitions: [{ slug: SLUG }] });
    expect(await fingerprintOfData(service.databaseUrl)).toEqual(dataBefore);
  });
});
