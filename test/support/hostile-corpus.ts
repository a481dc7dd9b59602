/**
 * Hostile and malformed requests, generated as tables: every string argument of every operation
 * × a list of hostile values, and structural attacks on the HTTP and GraphQL layers. Mutations are
 * built to fail whatever the hostile value (a closed transition, a stale version, a taken code), so
 * the data must be byte-for-byte unchanged afterwards.
 */

export const SLUG = 'synthetic-drug-threats';

export const HOSTILE_STRINGS: Record<string, string> = {
  'SQL tautology': `' OR '1'='1`,
  'SQL drop': `'; DROP TABLE participant; --`,
  'SQL union': `x') UNION SELECT key_hash FROM api_key --`,
  'SQL sleep': `%' AND pg_sleep(10) IS NULL --`,
  'LIKE wildcards': '%_%\\',
  'path traversal': '../../../../etc/passwd',
  'windows path': '..\\..\\windows\\system32\\config',
  'NUL byte': 'abc\u0000def',
  'CRLF header injection': 'line\r\nX-Injected: yes',
  'ANSI escape': '\u001b[31mred\u001b[0m\u0007',
  'lone high surrogate': 'a\ud800b',
  'reversed surrogates': '\udfff\ud800',
  'RTL override and zero-width': 'US\u202e\u200bA',
  'template and script': '${jndi:ldap://127.0.0.1/a}{{7*7}}<script>alert(1)</script>',
  'huge string': 'A'.repeat(100_000),
  'whitespace only': ' \t\n ',
};

export interface Operation {
  name: string;
  query: string;
  /** Values that fail on their own (or are harmless reads), so only the hostile value varies. */
  variables: Record<string, unknown>;
  /** Paths of string arguments, e.g. 'input.source.url'. */
  slots: string[];
  /** Filters: a hostile value there may be answered, but must then match no row. */
  filterSlots?: string[];
  needsAdmin?: boolean;
  isWrite?: boolean;
}

const SOURCE = {
  url: 'https://example.org/hostile',
  title: 'Hostile test',
  publisher: 'Test',
  publishedOn: '2024-01-01',
};

export function operations(commitmentId: string): Operation[] {
  return [
    {
      name: 'participant',
      query: 'query($code: String!) { participant(code: $code) { code } }',
      variables: { code: 'US' },
      slots: ['code'],
    },
    {
      name: 'membership',
      query:
        'query($c: String!, $p: String!, $d: Date) { membership(coalition: $c, participant: $p, asOf: $d) { status } }',
      variables: { c: SLUG, p: 'US', d: '2024-01-01' },
      slots: ['c', 'p', 'd'],
    },
    {
      name: 'memberships page',
      query:
        'query($s: String!, $r: String, $a: String, $d: Date) { coalition(slug: $s) { memberships(region: $r, after: $a, asOf: $d) { totalCount } } }',
      variables: { s: SLUG, r: 'Europe', a: null, d: null },
      slots: ['s', 'r', 'a', 'd'],
      filterSlots: ['r'],
    },
    {
      name: 'search',
      query: 'query($t: String!) { searchParticipants(text: $t) { code } }',
      variables: { t: 'united' },
      slots: ['t'],
    },
    {
      name: 'audit log',
      query:
        'query($actor: String, $after: String, $since: DateTimeISO) { auditLog(actor: $actor, after: $after, since: $since) { totalCount } }',
      variables: { actor: null, after: null, since: null },
      slots: ['actor', 'after', 'since'],
      filterSlots: ['actor'],
      needsAdmin: true,
    },
    {
      name: 'recordInvitation (US is committed: no re-invitation)',
      query: 'mutation($input: RecordInvitationInput!) { recordInvitation(input: $input) { status } }',
      variables: { input: { coalition: SLUG, participant: 'US', invitedOn: '2024-01-01', note: 'n', source: SOURCE } },
      slots: [
        'input.coalition',
        'input.participant',
        'input.invitedOn',
        'input.note',
        'input.source.url',
        'input.source.title',
        'input.source.publisher',
        'input.source.publishedOn',
      ],
      needsAdmin: true,
      isWrite: true,
    },
    {
      name: 'changeMembershipStatus (stale version)',
      query: 'mutation($input: ChangeMembershipStatusInput!) { changeMembershipStatus(input: $input) { status } }',
      variables: {
        input: {
          coalition: SLUG,
          participant: 'US',
          status: 'WITHDRAWN',
          effectiveOn: '2024-06-01',
          expectedVersion: 999,
          note: 'n',
          source: SOURCE,
        },
      },
      slots: [
        'input.coalition',
        'input.participant',
        'input.effectiveOn',
        'input.note',
        'input.source.url',
        'input.source.title',
      ],
      needsAdmin: true,
      isWrite: true,
    },
    {
      name: 'recordCommitment (China is not committed)',
      query: 'mutation($input: RecordCommitmentInput!) { recordCommitment(input: $input) { id } }',
      variables: {
        input: {
          coalition: SLUG,
          participant: 'CN',
          title: 't',
          description: 'd',
          madeOn: '2024-01-01',
          source: SOURCE,
        },
      },
      slots: [
        'input.coalition',
        'input.participant',
        'input.title',
        'input.description',
        'input.madeOn',
        'input.source.url',
        'input.source.title',
      ],
      needsAdmin: true,
      isWrite: true,
    },
    {
      name: 'updateCommitmentStatus (stale version)',
      query: 'mutation($input: UpdateCommitmentStatusInput!) { updateCommitmentStatus(input: $input) { status } }',
      variables: { input: { id: commitmentId, status: 'FULFILLED', expectedVersion: 999, note: 'n', source: SOURCE } },
      slots: ['input.id', 'input.note', 'input.source.url', 'input.source.title'],
      needsAdmin: true,
      isWrite: true,
    },
    {
      name: 'addParticipant (US is taken)',
      query: 'mutation($input: AddParticipantInput!) { addParticipant(input: $input) { code } }',
      variables: {
        input: {
          kind: 'INTERNATIONAL_ORGANIZATION',
          code: 'US',
          name: 'n',
          website: 'https://example.org',
          aliases: ['a'],
        },
      },
      slots: ['input.code', 'input.name', 'input.website', 'input.aliases.0'],
      needsAdmin: true,
      isWrite: true,
    },
  ];
}

/** A copy of `variables` with the value at `slot` replaced. */
export function withValueAt(variables: Record<string, unknown>, slot: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(variables);
  const keys = slot.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys[keys.length - 1]] = value;
  return copy;
}

/** One request at the HTTP level: a raw body, headers and a method, or a raw socket payload. */
export interface RawCase {
  name: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Bytes written straight to a socket, for what fetch refuses to send. */
  socket?: string | Buffer;
  admin?: boolean;
  /**
   * Odd but valid, or a bomb the lead's query limits (depth, aliases, cost, tokens) will refuse:
   * until then a correct answer is acceptable, a 500 or a crash is not.
   */
  mayBeAnswered?: boolean;
}

const json = (value: unknown) => JSON.stringify(value);
const query = (text: string, variables?: unknown) => json({ query: text, variables });
const b64 = (text: string) => Buffer.from(text).toString('base64');
const nested = (depth: number, open: string, close: string, core: string) =>
  open.repeat(depth) + core + close.repeat(depth);

export function structuralCases(): RawCase[] {
  const cases: RawCase[] = [];
  const add = (name: string, body: string | Buffer, extra: Partial<RawCase> = {}) =>
    cases.push({ name, body, ...extra });

  // Invalid JSON and odd JSON shapes.
  for (const [name, body] of Object.entries({
    'truncated JSON': '{"query": ',
    'a lone brace': '{',
    'JSON null': 'null',
    'an empty array': '[]',
    'a JSON string': '"{ coalitions { slug } }"',
    'a JSON number': '42',
    'an empty body': '',
    'query is a number': json({ query: 42 }),
    'query is null': json({ query: null }),
    'query is an object': json({ query: { a: 1 } }),
    'variables are a string': json({ query: '{ coalitions { slug } }', variables: 'x' }),
    'variables are an array': json({ query: '{ coalitions { slug } }', variables: [1, 2] }),
    'operationName is a number': json({ query: '{ coalitions { slug } }', operationName: 7 }),
    'an unknown operationName': json({ query: 'query A { coalitions { slug } }', operationName: 'B' }),
    'two operations, no name': json({ query: 'query A { coalitions { slug } } query B { coalitions { name } }' }),
    'prototype pollution': '{"__proto__": {"isAdmin": true}, "query": "{ coalitions { slug } }"}',
    'constructor pollution': '{"constructor": {"prototype": {"isAdmin": true}}, "query": "{ coalitions { slug } }"}',
    'a byte-order mark': '\ufeff' + query('{ coalitions { slug } }x'),
    'trailing garbage': query('{ coalitions { slug } }') + 'garbage',
    'deeply nested JSON': `{"query": "query($v: String!) { participant(code: $v) { code } }", "variables": {"v": ${nested(5000, '[', ']', '1')}}}`,
    'JSON nested past the parser': nested(100_000, '[', ']', ''),
    'invalid UTF-8': Buffer.concat([
      Buffer.from('{"query":"{ participant(code: \\"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('\\") { code } }"}'),
    ]),
    'a persisted-query hash': json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    'an empty query': json({ query: '' }),
    'a mutation named like a query': json({ query: 'query { addParticipant(input: {}) { code } }' }),
  }))
    add(name, body);

  // Wrong content types and methods.
  for (const type of [
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/graphql',
    'image/png',
  ]) {
    add(`content type ${type}`, query('{ coalitions { slug } }'), { headers: { 'content-type': type } });
  }
  add('a UTF-16 body', Buffer.from(query('{ coalitions { slug } }'), 'utf16le'), {
    headers: { 'content-type': 'application/json; charset=utf-16' },
  });
  add('no content type', query('{ coalitions { slug } }'), { headers: { 'content-type': '' } });
  add('XML under a JSON content type', '<query>{ coalitions { slug } }</query>');
  for (const method of ['PUT', 'DELETE', 'PATCH'])
    add(`method ${method}`, query('{ coalitions { slug } }'), { method });
  cases.push({ name: 'GET without a query', method: 'GET', headers: { 'apollo-require-preflight': '1' } });
  cases.push({
    name: 'a mutation over GET',
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent('mutation { addParticipant(input: {kind: INTERNATIONAL_ORGANIZATION, code: "GETX", name: "x"}) { code } }')}`,
    headers: { 'apollo-require-preflight': '1' },
    admin: true,
  });
  cases.push({ name: 'an unknown path', method: 'GET', path: '/../../etc/passwd' });
  cases.push({ name: 'an encoded traversal path', method: 'GET', path: '/%2e%2e/%2e%2e/etc/passwd' });

  // Batching is off.
  add('a batch of two', json([{ query: '{ coalitions { slug } }' }, { query: '{ coalitions { name } }' }]));
  add('a batch of one', json([{ query: '{ coalitions { slug } }' }]));
  add('a batch of 500', json(Array.from({ length: 500 }, () => ({ query: '{ coalitions { slug } }' }))));
  add('a batch of garbage', json([1, 'x', null]));

  // Wrong types, missing and unknown arguments and fields.
  for (const [name, text, variables] of [
    ['a missing required argument', '{ participant { code } }'],
    ['an Int where a String goes', '{ participant(code: 42) { code } }'],
    ['a variable of the wrong type', 'query($c: String!) { participant(code: $c) { code } }', { c: 42 }],
    ['an object variable for a String', 'query($c: String!) { participant(code: $c) { code } }', { c: { $ne: null } }],
    ['a list variable for a String', 'query($c: String!) { participant(code: $c) { code } }', { c: ['US'] }],
    ['null for a required variable', 'query($c: String!) { participant(code: $c) { code } }', { c: null }],
    ['an undeclared variable', '{ participant(code: $c) { code } }', { c: 'US' }],
    ['a missing variable', 'query($c: String!) { participant(code: $c) { code } }', {}],
    ['an unknown field', '{ coalitions { slug secretField } }'],
    ['an unknown argument', '{ coalitions(where: "1=1") { slug } }'],
    ['an unknown type in a fragment', '{ coalitions { ... on Secret { x } } }'],
    ['an unknown directive', '{ coalitions @evil { slug } }'],
    ['@include without if', '{ coalitions @include { slug } }'],
    ['a field on a scalar', '{ coalitions { slug { x } } }'],
    ['a subscription', 'subscription { coalitions { slug } }'],
    ['an unknown enum value', `{ coalition(slug: "${SLUG}") { memberships(status: [DROP_TABLE]) { totalCount } } }`],
    ['a float page size', `{ coalition(slug: "${SLUG}") { memberships(first: 1.5) { totalCount } } }`],
    ['a string page size', `{ coalition(slug: "${SLUG}") { memberships(first: "10") { totalCount } } }`],
    ['an Int past 32 bits', `{ coalition(slug: "${SLUG}") { memberships(first: 2147483648) { totalCount } } }`],
    [
      'a huge page size variable',
      `query($f: Int!) { coalition(slug: "${SLUG}") { memberships(first: $f) { totalCount } } }`,
      { f: 1e12 },
    ],
    ['a negative page size', `{ coalition(slug: "${SLUG}") { memberships(first: -1) { totalCount } } }`],
    ['a zero page size', `{ coalition(slug: "${SLUG}") { memberships(first: 0) { totalCount } } }`],
    ['the largest Int page size', `{ searchParticipants(text: "a", first: 2147483647) { code } }`],
    ['an audit page of a million', `{ auditLog(first: 1000000) { totalCount } }`],
    ['an unterminated string', '{ participant(code: "US) { code } }'],
    ['a string with a raw newline', '{ participant(code: "U\nS") { code } }'],
    ['an invalid escape', '{ participant(code: "\\uZZZZ") { code } }'],
    ['an escaped lone surrogate', '{ participant(code: "\\uD800") { code } }'],
    ['a NUL in the query', '{ coalitions { slug } }\u0000'],
    ['a query of only comments', '# nothing here'],
  ] as Array<[string, string, Record<string, unknown>?]>)
    add(name, query(text, variables));

  // Huge inputs, deep nesting, alias and fragment bombs.
  const statuses = (last: string) => [...Array.from({ length: 15_000 }, () => 'COMMITTED'), last];
  const byStatus = `query($s: [MembershipStatus!]) { coalition(slug: "${SLUG}") { memberships(status: $s) { totalCount } } }`;
  add('a huge enum list ending in a bad value', query(byStatus, { s: statuses('MEMBER') }));
  add('a huge valid enum list', query(byStatus, { s: statuses('INVITED') }), { mayBeAnswered: true });
  const bomb = { mayBeAnswered: true };
  add('10,000 aliases', query(`{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`), bomb);
  add(
    '300 aliased stats',
    query(
      `{ ${Array.from({ length: 300 }, (_, i) => `s${i}: coalition(slug: "${SLUG}") { stats { total } }`).join(' ')} }`,
    ),
    bomb,
  );
  add('3,000 repeated fields', query(`{ coalitions { ${'slug '.repeat(3000)} } }`), bomb);
  add('100 KB of whitespace', query(`{ coalitions { slug } } ${'\n'.repeat(100_000)}`), { mayBeAnswered: true });
  add('selection sets nested 20,000 deep', query(nested(20_000, '{ a ', '}', '')));
  add(
    'a list literal nested 20,000 deep',
    query(`{ participant(code: ${nested(20_000, '[', ']', '"US"')}) { code } }`),
  );
  add('a recursive fragment', query('query { ...A } fragment A on Query { coalitions { slug } ...A }'));
  add(
    'mutually recursive fragments',
    query('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
  );
  const doubling = Array.from({ length: 30 }, (_, i) => `fragment F${i + 1} on Coalition { ...F${i} ...F${i} }`).join(
    ' ',
  );
  add(
    'a doubling fragment chain (2^30 spreads)',
    query(`{ coalitions { ...F30 } } fragment F0 on Coalition { slug name } ${doubling}`),
    bomb,
  );
  add(
    '1,000 unused fragments',
    query(
      `{ coalitions { slug } } ${Array.from({ length: 1000 }, (_, i) => `fragment U${i} on Coalition { slug }`).join(' ')}`,
    ),
  );
  add('500 directives on one field', query(`{ coalitions ${'@include(if: true) '.repeat(500)} { slug } }`));
  add('an operation name of 100 KB', query(`query ${'Q'.repeat(100_000)} { coalitions { slug } }`), {
    mayBeAnswered: true,
  });
  // first: 1 keeps it a depth bomb; with first: 2 it doubles per level, which only a cost limit stops.
  add(
    'memberships nested 40 levels',
    query(
      `{ coalition(slug: "${SLUG}") { ${nested(40, 'memberships(first: 1) { nodes { coalition { ', '} } }', 'slug')} } }`,
    ),
    bomb,
  );

  // Absurd dates, forged cursors.
  for (const date of [
    '0000-00-00',
    '9999-12-31',
    '+275760-09-13',
    '-2023-01-01',
    '2023-1-1',
    '20230101',
    '2023-01-01T00:00:00Z',
    '2024-02-30',
    'today',
    'NaN',
    '',
  ]) {
    add(
      `the date "${date}"`,
      query(`query($d: Date) { coalition(slug: "${SLUG}") { stats(asOf: $d) { total } } }`, { d: date }),
    );
  }
  for (const since of ['not a time', '9999-99-99T99:99:99Z', '1970-01-01T25:00:00Z']) {
    add(
      `the audit time "${since}"`,
      query('query($s: DateTimeISO) { auditLog(since: $s) { totalCount } }', { s: since }),
      { admin: true },
    );
  }
  for (const [name, cursor] of Object.entries({
    'base64 JSON': b64('{"id": "1 OR 1=1"}'),
    'SQL in a cursor': b64(`membership:' OR 1=1 --`),
    'an audit cursor on memberships': b64('audit:1'),
    'a cursor past bigint': b64('audit:99999999999999999999999999'),
    'a negative cursor': b64('audit:-1'),
    'a NUL cursor': b64('\u0000'),
    'a 50 KB cursor': 'A'.repeat(50_000),
  })) {
    add(
      `memberships after ${name}`,
      query(`query($a: String) { coalition(slug: "${SLUG}") { memberships(after: $a) { totalCount } } }`, {
        a: cursor,
      }),
    );
    add(`audit log after ${name}`, query('query($a: String) { auditLog(after: $a) { totalCount } }', { a: cursor }), {
      admin: true,
    });
  }

  // Forged, malformed and misused keys.
  const write = query(
    `mutation { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: "FORGED", name: "Forged" }) { code } }`,
  );
  for (const [name, authorization] of Object.entries({
    'an empty bearer': 'Bearer ',
    'a bare scheme': 'Bearer',
    'Basic credentials': 'Basic YWRtaW46YWRtaW4=',
    'a well-formed unknown key': `Bearer crk_abcdefghijkl_${'A'.repeat(43)}`,
    'a key of 8 KB': `Bearer ${'k'.repeat(8000)}`,
    'a key with SQL': `Bearer crk_' OR 1=1 --`,
    'two bearer tokens': `Bearer crk_abcdefghijkl_${'A'.repeat(43)} crk_x`,
  }))
    cases.push({ name: `a write with ${name}`, body: write, headers: { authorization } });
  for (const key of ['{viewer}', '{revoked}'])
    cases.push({ name: `a write with the ${key} key`, body: write, headers: { authorization: `Bearer ${key}` } });
  for (const idempotencyKey of ['x'.repeat(201), 'has space', '\u00e9t\u00e9']) {
    cases.push({
      name: `an Idempotency-Key "${idempotencyKey.slice(0, 12)}"`,
      body: write,
      admin: true,
      headers: { 'idempotency-key': idempotencyKey },
    });
  }
  cases.push({
    name: 'a huge alias list to addParticipant',
    admin: true,
    body: query('mutation($i: AddParticipantInput!) { addParticipant(input: $i) { code } }', {
      i: {
        kind: 'INTERNATIONAL_ORGANIZATION',
        code: 'MANYALIAS',
        name: 'Many',
        aliases: Array.from({ length: 20_000 }, (_, i) => `alias ${i}`),
      },
    }),
  });

  // What fetch will not send: raw bytes on a socket.
  for (const [name, socket] of Object.entries({
    'a garbage request line': 'GARBAGE\r\n\r\n',
    'a header of 64 KB': `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(65_536)}\r\n\r\n`,
    'both Content-Length and chunked':
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'a bad chunk size':
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n',
    'a control character in a header': 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Evil: a\u0001b\r\n\r\n',
    'a NUL in the path': 'GET /graph\u0000ql HTTP/1.1\r\nHost: x\r\n\r\n',
    'HTTP/0.9': 'GET /graphql\r\n\r\n',
    'HTTP/1.0 POST without Host': `POST /graphql HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 34\r\n\r\n{"query":"{ coalitions { slug }}"}`,
  }))
    cases.push({ name, socket });

  return cases;
}
