import pg from 'pg';
import { DataSource } from 'typeorm';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { FACT_WRITES, SLUG, type FactWrite, type Send } from './support/fact-write-cases.js';
import { liveClient } from './support/live-client.js';
import { createTestDatabase, noticesHeardBy, startTestApp, untilHeardBy, type TestApp } from './support/test-app.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let first: TestApp;
let second: TestApp;
let keys: TestKeys;

/** Two instances on one database: a write through the first must clear the second's cache too. */
beforeAll(async () => {
  database = await createTestDatabase();
  first = await startTestApp({}, database);
  second = await startTestApp({}, database);
  keys = await createTestKeys(first, 'facts');
});
afterAll(async () => {
  await first.close();
  await second.close();
  await database.drop();
});

const asAdmin: Send = (query, variables) => first.graphql(query, variables, bearer(keys.admin));

/** A public read, with whether the instance's response cache answered it. */
async function publicRead(service: TestApp, query: string) {
  const response = await fetch(`${service.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data: Record<string, any>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return { cache: response.headers.get('x-cache'), data: body.data };
}

async function latestAudit() {
  const { data } = await asAdmin(`{ auditLog(first: 1, actor: "facts-admin") { nodes { operation before after } } }`);
  return data!.auditLog.nodes[0] as { operation: string; before: unknown; after: Record<string, unknown> | null };
}

describe.each(FACT_WRITES.map((write) => [write.mutation, write] as [string, FactWrite]))('%s', (mutation, write) => {
  it('writes for an admin key, and the write is audited with before and after', async () => {
    const request = await write.valid(asAdmin);
    const { data, errors } = await asAdmin(write.document, { input: request.input });
    expect(errors).toBeUndefined();
    write.expectWritten(data![mutation], request.input);
    const entry = await latestAudit();
    expect(entry.operation).toBe(mutation);
    expect(entry.after).toEqual(expect.objectContaining(write.auditedAfter(data![mutation])));
    if (write.isUpdate) {
      // The record as it stood: the version the caller saw, the one the write replaced.
      const seen = Number(request.input.expectedVersion);
      expect(entry.before).toEqual(expect.objectContaining({ id: data![mutation].id, version: seen }));
      expect(entry.after).toEqual(expect.objectContaining({ version: seen + 1 }));
      expect(entry.before).not.toEqual(entry.after);
    } else expect(entry.before).toBeNull();
  });

  it('is refused to a viewer key (FORBIDDEN) and to an anonymous caller (UNAUTHENTICATED), writing nothing', async () => {
    const request = await write.valid(asAdmin);
    const before = await latestAudit();
    const viewer = await first.graphql(write.document, { input: request.input }, bearer(keys.viewer));
    expect(viewer.errors![0].extensions!.code).toBe('FORBIDDEN');
    const anonymous = await first.graphql(write.document, { input: request.input });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(await latestAudit()).toEqual(before);
  });

  it.each(write.badInputs)('refuses bad input naming the field %s (BAD_USER_INPUT)', async (field, spoil) => {
    const request = await write.valid(asAdmin);
    const { errors } = await asAdmin(write.document, { input: spoil(request.input) });
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: field });
  });

  if (write.isUpdate) {
    it('is a CONFLICT with a stale expectedVersion', async () => {
      const request = await write.valid(asAdmin);
      const stale = { ...request.input, expectedVersion: Number(request.input.expectedVersion) - 1 };
      const { errors } = await asAdmin(write.document, { input: stale });
      expect(errors![0].extensions!.code).toBe('CONFLICT');
    });
  }

  it('tells a registryChanged subscriber on another instance what kind of record changed, its id and coalition', async () => {
    const request = await write.valid(asAdmin);
    const expected = write.change(request.input);
    const client = liveClient(second.baseUrl);
    try {
      // Filtered by the coalition where it exists already: the change must carry it to reach the subscriber.
      const changes = client.subscribe(
        `subscription($c: String) { registryChanged(coalition: $c) { coalition kind ids isTooManyToList } }`,
        { c: expected.coalition === SLUG ? SLUG : null },
      );
      await client.connected;
      const { data, errors } = await asAdmin(write.document, { input: request.input });
      expect(errors).toBeUndefined();
      const id = data![mutation].id as string;
      // Earlier writes (the one that made a figure to retract) may be heard first.
      let heard = (await changes.next(2000)).data!.registryChanged;
      while (!heard.ids?.includes(id)) heard = (await changes.next(2000)).data!.registryChanged;
      expect(heard).toEqual({ coalition: expected.coalition, kind: expected.kind, ids: [id], isTooManyToList: false });
    } finally {
      await client.dispose();
    }
  });

  it('clears the response cache of every instance', async () => {
    const request = await write.valid(asAdmin);
    await publicRead(second, write.read);
    const cached = await publicRead(second, write.read);
    expect(cached.cache).toBe('hit');
    const heard = noticesHeardBy(second);
    const { data, errors } = await asAdmin(write.document, { input: request.input });
    expect(errors).toBeUndefined();
    await untilHeardBy(second, heard);
    const after = await publicRead(second, write.read);
    expect(after.cache).toBe('miss');
    write.expectRead(after.data, data![mutation], request.input);
  });
});

describe('reported figures in stats(asOf:)', () => {
  const figures = `{ coalition(slug: "${SLUG}") { reportedFigures { wording reportedOn reportedOnPrecision combined }
    stats(asOf: "2026-01-01") { reported { wording } } } }`;

  async function record(input: Record<string, unknown>) {
    const { data, errors } = await asAdmin(
      `mutation($input: RecordReportedFigureInput!) { recordReportedFigure(input: $input) { id version } }`,
      {
        input: { coalition: SLUG, source: { url: 'https://example.org/bounds', title: 'Bounds' }, ...input },
      },
    );
    expect(errors).toBeUndefined();
    return data!.recordReportedFigure as { id: string; version: number };
  }

  it('lists a figure dated ON_OR_AFTER by its bound but never reports it, and a retracted one leaves both', async () => {
    const dated = await record({ reportedOn: '2025-06-01', countries: 170, wording: 'stats test: 170 countries' });
    await record({
      reportedOn: '2025-06-02',
      reportedOnPrecision: 'ON_OR_AFTER',
      countries: 171,
      organizations: 15,
      wording: 'stats test: 171 countries, undated',
    });
    let { data } = await first.graphql(figures);
    const listed = data!.coalition.reportedFigures.map((figure: { wording: string }) => figure.wording);
    expect(listed.indexOf('stats test: 171 countries, undated')).toBe(listed.indexOf('stats test: 170 countries') + 1);
    expect(data!.coalition.stats.reported.wording).toBe('stats test: 170 countries');

    const retracted = await asAdmin(
      `mutation($input: RetractReportedFigureInput!) { retractReportedFigure(input: $input) { id version } }`,
      { input: { id: dated.id, reason: 'the source withdrew it', expectedVersion: dated.version } },
    );
    expect(retracted.errors).toBeUndefined();
    ({ data } = await first.graphql(figures));
    expect(data!.coalition.reportedFigures.map((figure: { wording: string }) => figure.wording)).not.toContain(
      'stats test: 170 countries',
    );
    expect(data!.coalition.stats.reported.wording).not.toMatch(/^stats test/);
    const withRetracted = await first.graphql(
      `{ coalition(slug: "${SLUG}") { reportedFigures(includeRetracted: true) { id version retraction { reason } } } }`,
    );
    expect(withRetracted.data!.coalition.reportedFigures).toContainEqual({
      id: dated.id,
      version: 2,
      retraction: { reason: 'the source withdrew it' },
    });
  });
});

describe("an admin's changes to a country", () => {
  it('outlive the catalog refresh of the next start, and the participant is found by its new alias', async () => {
    const { data } = await first.graphql(`{ participant(code: "TR") { version } }`);
    const updated = await asAdmin(
      `mutation($input: UpdateParticipantInput!) { updateParticipant(input: $input) { name aliases } }`,
      { input: { code: 'TR', expectedVersion: data!.participant.version, aliases: ['Turkey', 'Anatolia test alias'] } },
    );
    expect(updated.errors).toBeUndefined();
    const third = await startTestApp({}, database);
    try {
      const after = await third.graphql(
        `{ participant(code: "TUR") { aliases } searchParticipants(text: "anatolia test") { code } }`,
      );
      expect(after.data!.participant.aliases).toEqual(['Turkey', 'Anatolia test alias']);
      expect(after.data!.searchParticipants).toEqual([{ code: 'TR' }]);
    } finally {
      await third.close();
    }
  });
});

describe('a coalition read that asks for a write (X-Registry-Min-Position)', () => {
  it('is read from the database, not from an instance’s copy made before that write', async () => {
    const query = `{ coalition(slug: "${SLUG}") { name } }`;
    const asRead = async (headers: Record<string, string> = {}) =>
      ((await second.graphql(query, {}, headers)).data!.coalition as { name: string }).name;
    const name = await asRead();
    // A write this instance has not heard of yet: the row changes with no change notice.
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    let position: string;
    try {
      await db.query(`UPDATE coalition SET name = name || ' (renamed)' WHERE slug = $1`, [SLUG]);
      position = (await db.query(`SELECT pg_current_wal_insert_lsn()::text AS position`)).rows[0].position;
    } finally {
      await db.end();
    }
    expect(await asRead({ 'x-registry-min-position': position })).toBe(`${name} (renamed)`);
  });
});

describe('the country catalog at start', () => {
  it('rewrites no country row that already is as the catalog has it (each row keeps its xmin)', async () => {
    const versions = () =>
      first.app
        .get(DataSource)
        .query(`SELECT code, xmin::text AS xmin FROM participant WHERE kind = 'COUNTRY' ORDER BY code`);
    const before: Array<{ code: string; xmin: string }> = await versions();
    expect(before.length).toBeGreaterThan(200);
    const third = await startTestApp({}, database);
    await third.close();
    expect(await versions()).toEqual(before);
  });
});
