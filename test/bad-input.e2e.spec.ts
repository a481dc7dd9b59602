import { startTestApp, type TestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
let service: TestApp;

beforeAll(async () => {
  service = await startTestApp();
});
afterAll(async () => {
  await service.close();
});

/** Every bad input gets BAD_USER_INPUT (or the code named), a message that names the argument, and no internals. */
const CASES: Array<{
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  argument?: string;
  code?: string;
}> = [
  { name: 'a malformed participant code', query: `{ participant(code: "T R!") { code } }`, argument: 'code' },
  { name: 'an empty participant code', query: `{ participant(code: "") { code } }`, argument: 'code' },
  {
    name: 'a malformed membership participant',
    query: `{ membership(coalition: "${SLUG}", participant: "'; DROP TABLE membership;--") { status } }`,
    argument: 'participant',
  },
  { name: 'a malformed slug', query: `{ coalition(slug: "Not A Slug!") { slug } }`, argument: 'slug' },
  {
    name: 'an impossible date',
    query: `{ coalition(slug: "${SLUG}") { stats(asOf: "2023-02-30") { total } } }`,
    argument: 'asOf',
  },
  {
    name: 'a date in another format',
    query: `{ membership(coalition: "${SLUG}", participant: "US", asOf: "07/07/2023") { status } }`,
    argument: 'asOf',
  },
  {
    name: 'an absurd year',
    query: `{ coalition(slug: "${SLUG}") { stats(asOf: "0001-01-01") { total } } }`,
    argument: 'asOf',
  },
  {
    name: 'a date variable of the wrong shape',
    query: `query($d: Date) { coalition(slug: "${SLUG}") { stats(asOf: $d) { total } } }`,
    variables: { d: 20230707 },
  },
  {
    name: 'an unknown enum value',
    query: `{ coalition(slug: "${SLUG}") { memberships(status: [MEMBER]) { totalCount } } }`,
    argument: 'status',
  },
  {
    name: 'an unknown enum value in a variable',
    query: `query($k: ParticipantKind) { coalition(slug: "${SLUG}") { memberships(kind: $k) { totalCount } } }`,
    variables: { k: 'PLANET' },
  },
  {
    name: 'a page size of zero',
    query: `{ coalition(slug: "${SLUG}") { memberships(first: 0) { totalCount } } }`,
    argument: 'first',
  },
  {
    name: 'a page size over 100',
    query: `{ coalition(slug: "${SLUG}") { memberships(first: 101) { totalCount } } }`,
    argument: 'first',
  },
  { name: 'a negative search size', query: `{ searchParticipants(text: "a", first: -1) { code } }`, argument: 'first' },
  {
    name: 'a forged cursor',
    query: `{ coalition(slug: "${SLUG}") { memberships(after: "bm90LWEtY3Vyc29y") { totalCount } } }`,
    argument: 'after',
  },
  {
    name: 'a cursor that is not base64',
    query: `{ coalition(slug: "${SLUG}") { memberships(after: "%%%") { totalCount } } }`,
    argument: 'after',
  },
  { name: 'an empty search', query: `{ searchParticipants(text: "  ") { code } }`, argument: 'text' },
  { name: 'a search of only punctuation', query: `{ searchParticipants(text: "%_%") { code } }`, argument: 'text' },
  { name: 'a huge search', query: `{ searchParticipants(text: "${'a'.repeat(5000)}") { code } }`, argument: 'text' },
  {
    name: 'a string where an int goes',
    query: `{ searchParticipants(text: "x", first: "ten") { code } }`,
    argument: 'first',
  },
  { name: 'a missing required argument', query: `{ participant { code } }` },
  { name: 'an unknown field', query: `{ coalitions { slug secretField } }` },
  { name: 'a syntax error', query: `{ coalitions { slug ` },
];

describe('bad input', () => {
  it.each(CASES)('$name is a clear client error', async ({ query, variables, argument, code }) => {
    const response = await service.graphql(query, variables);
    expect(response.status).toBeLessThan(500);
    expect(response.errors).toBeDefined();
    const [error] = response.errors!;
    expect(error.extensions!.code).toBe(code ?? 'BAD_USER_INPUT');
    if (argument) {
      expect(error.extensions!.argument).toBe(argument);
      expect(error.message).toContain(argument);
    }
    const text = JSON.stringify(response);
    expect(text).not.toMatch(/stacktrace|at .*\.js:\d+|node_modules|SELECT |QueryFailedError/i);
  });

  it('never suggests field names to strangers', async () => {
    const { errors } = await service.graphql(`{ coalitons { slug } }`);
    expect(errors![0].message).not.toMatch(/Did you mean/);
  });

  it('answers a request that is not JSON with a 4xx', async () => {
    const response = await fetch(`${service.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
