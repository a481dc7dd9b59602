import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isObjectType } from 'graphql';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Queries run on graphql-jit, which compiles each document into JavaScript (src/common/compiled-executor.ts).
 * What a client writes in a document must stay data: these literals, aliases and defaults would break
 * out of a string or a template if the compiler pasted them into its code.
 */
const SLUG = 'synthetic-drug-threats';
const ESCAPES = [
  '"); globalThis.__escaped = 1; ("',
  "'); globalThis.__escaped = 1; ('",
  '`${globalThis.__escaped = 1}`',
];

let service: TestApp;
beforeAll(async () => {
  service = await startTestApp();
});
afterAll(async () => {
  await service.close();
});

it.each(ESCAPES)('keeps code-like text in a document as data: %s', async (text) => {
  const literal = JSON.stringify(text);
  const documents = [
    `{ membership(coalition: ${literal}, participant: "US") { status } }`,
    `{ coalition(slug: "${SLUG}") { memberships(first: 2, region: ${literal}) { totalCount } } }`,
    `query Q($slug: String = ${literal}) { membership(coalition: $slug, participant: "US") { status } }`,
    `{ a__proto__: coalition(slug: "${SLUG}") { constructor: name } }`,
  ];
  for (const document of documents) {
    const { data, errors } = await service.graphql(document);
    // Refused as input, or answered: never run.
    expect(
      errors?.every((error) => error.extensions?.code === 'BAD_USER_INPUT' || error.extensions?.code === 'NOT_FOUND') ??
        true,
    ).toBe(true);
    expect(data === null || typeof data === 'object').toBe(true);
  }
  expect((globalThis as { __escaped?: unknown }).__escaped).toBeUndefined();
  const { data } = await service.graphql(
    `{ coalition(slug: "${SLUG}") { memberships(first: 2, region: ${literal}) { totalCount } } }`,
  );
  expect(data!.coalition.memberships.totalCount).toBe(0);
});

it('answers an alias named like an object property as any other', async () => {
  const { data, errors } = await service.graphql(`{ a__proto__: coalition(slug: "${SLUG}") { constructor: name } }`);
  expect(errors).toBeUndefined();
  expect(data!.a__proto__.constructor).toEqual(expect.any(String));
});

it('reads plain fields as properties, and keeps every resolver that does more (src/common/plain-field-reads.ts)', async () => {
  const { schema } = service.app.get(GraphQLSchemaHost);
  const resolverOf = (type: string, field: string) => {
    const found = schema.getType(type);
    if (!isObjectType(found)) throw new Error(`${type} is not an object type`);
    return found.getFields()[field]!.resolve;
  };
  // The nested page's leaves: no resolver call per field per object.
  for (const [type, field] of [
    ['Membership', 'status'],
    ['Membership', 'statusSince'],
    ['MembershipEvent', 'effectiveOn'],
    ['Commitment', 'title'],
    ['Country', 'code'],
    ['InternationalOrganization', 'name'],
  ]) {
    expect({ type, field, resolve: resolverOf(type, field) }).toEqual({ type, field, resolve: undefined });
  }
  // Fields that read something else keep their resolvers.
  for (const [type, field] of [
    ['Membership', 'history'],
    ['Membership', 'participant'],
    ['Membership', 'commitments'],
    ['MembershipEvent', 'sources'],
    ['Coalition', 'memberships'],
    ['Query', 'membership'],
  ]) {
    expect({ type, field, resolve: typeof resolverOf(type, field) }).toEqual({ type, field, resolve: 'function' });
  }
  // And the answers are the same: a membership's plain fields and its resolved ones, side by side.
  const { data, errors } = await service.graphql(
    `{ membership(coalition: "${SLUG}", participant: "US") { status statusSince participant { code name } history { status effectiveOn } } }`,
  );
  expect(errors).toBeUndefined();
  expect(data!.membership).toEqual({
    status: expect.stringMatching(/^[A-Z]+$/),
    statusSince: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    participant: { code: 'US', name: expect.any(String) },
    history: expect.arrayContaining([{ status: expect.any(String), effectiveOn: expect.any(String) }]),
  });
});
