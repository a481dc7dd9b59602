import { bearer, createTestKeys } from './support/api-keys.js';
import { useTestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const app = useTestApp();

function expectRefused(
  response: { status: number; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> },
  pattern: RegExp,
) {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(response.errors![0].message).toMatch(pattern);
}

describe('query limits', () => {
  it('refuses a query nested deeper than QUERY_MAX_DEPTH (10)', async () => {
    let selection = 'slug';
    for (let level = 0; level < 4; level += 1)
      selection = `memberships(first: 1) { nodes { coalition { ${selection} } } }`;
    expectRefused(await app.current().graphql(`{ coalition(slug: "${SLUG}") { ${selection} } }`), /depth/i);
  });

  it('accepts the nested page a dashboard asks for', async () => {
    const { errors } = await app.current().graphql(`{ coalition(slug: "${SLUG}") { memberships(first: 50) { nodes {
      participant { code } history { status sources { title } } commitments { title sources { url } } } } } }`);
    expect(errors).toBeUndefined();
  });

  it('refuses a query whose cost, with lists weighted by first, is over QUERY_MAX_COST', async () => {
    const response = await app.current().graphql(`{ coalition(slug: "${SLUG}") { memberships(first: 100) { nodes {
      history { sources { title url publisher } } commitments { title sources { url } }
      coalition { memberships(first: 100) { nodes { status participant { name } } } } } } } }`);
    expectRefused(response, /costs \d+, over the limit of 20000/);
  });

  it('costs one document again for each page size its variables ask for (the cost is cached per shape)', async () => {
    const query = `query Nested($first: Int!, $inner: Int!, $withCoalition: Boolean!) {
      coalition(slug: "${SLUG}") { memberships(first: $first) { nodes {
        history { sources { title url publisher } } commitments { title sources { url } }
        coalition @include(if: $withCoalition) { memberships(first: $inner) { nodes { status participant { name } } } } } } } }`;
    const ask = (first: number, inner: number, withCoalition: boolean) =>
      app.current().graphql(query, { first, inner, withCoalition });
    expect((await ask(2, 2, true)).errors).toBeUndefined();
    expect((await ask(2, 2, true)).errors).toBeUndefined();
    expectRefused(await ask(60, 100, true), /costs \d+, over the limit of 20000/);
    // The costly branch left out by @include: cheap again, though the page sizes are the same.
    expect((await ask(60, 100, false)).errors).toBeUndefined();
    expectRefused(await ask(60, 100, true), /over the limit/);
  });

  it('refuses more aliases than QUERY_MAX_ALIASES (30)', async () => {
    const aliases = Array.from({ length: 40 }, (_, index) => `a${index}: coalitions { slug }`).join(' ');
    expectRefused(await app.current().graphql(`{ ${aliases} }`), /alias/i);
  });

  it('refuses a document of more than QUERY_MAX_TOKENS (2000) tokens', async () => {
    const fields = Array.from({ length: 2500 }, () => '__typename').join(' ');
    expectRefused(await app.current().graphql(`{ a: coalitions { ${fields} } }`), /tokens/i);
  });

  it('refuses batched operations (QUERY_MAX_BATCH is 1)', async () => {
    const response = await fetch(`${app.current().baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ coalitions { slug } }' }, { query: '{ coalitions { name } }' }]),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('costs a variable left out (it takes its default) apart from the same variable sent as null', async () => {
    const query = `query Commitments($each: Int = 100) { coalition(slug: "${SLUG}") { memberships(first: 100) { nodes {
      commitments(first: $each) { title sources { url } } } } } }`;
    expect((await app.current().graphql(query, { each: null })).errors).toBeUndefined();
    expectRefused(await app.current().graphql(query, {}), /costs \d+, over the limit of 20000/);
  });

  it("caps a membership's commitments without first at 25, and costs them at 25", async () => {
    const keys = await createTestKeys(app.current(), 'limits');
    for (let index = 0; index < 26; index += 1) {
      const { errors } = await app.current().graphql(
        `mutation { recordCommitment(input: { coalition: "${SLUG}", participant: "DE", title: "Cap test ${index}", madeOn: "2024-10-01",
           source: { url: "https://example.org/cap", title: "Cap test" } }) { id } }`,
        {},
        bearer(keys.admin),
      );
      expect(errors).toBeUndefined();
    }
    const { data } = await app
      .current()
      .graphql(
        `{ membership(coalition: "${SLUG}", participant: "DE") { all: commitments { id } some: commitments(first: 30) { id } } }`,
      );
    expect(data!.membership.all).toHaveLength(25);
    expect(data!.membership.some.length).toBeGreaterThan(25);
    expectRefused(
      await app.current().graphql(`{ coalition(slug: "${SLUG}") { memberships(first: 100) { nodes {
        commitments { title sources { url title publisher } } } } } }`),
      /costs \d+, over the limit/,
    );
  });

  it('costs a timeline by its periods: a bounded one is cheap, 30 from the launch are refused', async () => {
    const bounded = Array.from(
      { length: 30 },
      (_, index) => `t${index}: timeline(interval: YEAR, from: "2023-01-01", to: "2025-12-31") { end total }`,
    ).join(' ');
    expect((await app.current().graphql(`{ coalition(slug: "${SLUG}") { ${bounded} } }`)).errors).toBeUndefined();
    const fromLaunch = Array.from(
      { length: 30 },
      (_, index) => `t${index}: timeline(interval: MONTH) { end total byStatus { status count } }`,
    ).join(' ');
    expectRefused(
      await app.current().graphql(`{ coalition(slug: "${SLUG}") { ${fromLaunch} } }`),
      /costs \d+, over the limit/,
    );
  });
});

describe('batches (QUERY_MAX_BATCH=3)', () => {
  const batched = useTestApp({ QUERY_MAX_BATCH: '3' });
  const send = async (operations: Array<{ query: string }>) => {
    const response = await fetch(`${batched.current().baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(operations),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  // About 6,700 each: one is well under the limit of 20000, three together are over it.
  const costly = {
    query: `{ coalition(slug: "${SLUG}") { memberships(first: 100) { nodes { history { status note sources { url title } } } } } }`,
  };

  it('answers up to QUERY_MAX_BATCH operations and refuses a larger batch whole', async () => {
    const small = await send([{ query: '{ coalitions { slug } }' }, { query: '{ coalitions { name } }' }]);
    expect(small.status).toBe(200);
    expect(small.body).toHaveLength(2);
    const large = await send(Array.from({ length: 4 }, () => ({ query: '{ coalitions { slug } }' })));
    expect(large.status).toBe(400);
    expect(large.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(large.body.errors[0].message).toMatch(/at most 3 operations/);
  });

  it("gives a batch's operations one cost budget between them", async () => {
    const alone = await send([costly]);
    expect(alone.body[0].errors).toBeUndefined();
    const three = await send([costly, costly, costly]);
    const refused = three.body.filter((answer: any) => answer.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0].errors[0].message).toMatch(/with the batch's other operations/);
  });
});
