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
});
