import { parse } from 'csv-parse/sync';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { startTestApp, useTestApp, type TestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const app = useTestApp();
let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys(app.current(), 'downloads');
});

const ROSTER = `query($slug: String!, $after: String, $asOf: Date) { coalition(slug: $slug) {
  memberships(first: 100, after: $after, asOf: $asOf) { pageInfo { hasNextPage endCursor } nodes {
    status statusSince statusSincePrecision
    participant { code name kind ... on Country { region } }
    history { sources { url } } } } } }`;

interface ApiRow {
  status: string;
  statusSince: string;
  statusSincePrecision: string;
  participant: { code: string; name: string; kind: string; region?: string | null };
  history: Array<{ sources: Array<{ url: string | null }> }>;
}

/** The roster as the GraphQL API gives it, in the columns of the download. */
async function apiRoster(service: TestApp, asOf?: string): Promise<string[][]> {
  const rows: ApiRow[] = [];
  let after: string | null = null;
  do {
    const { data } = await service.graphql(ROSTER, { slug: SLUG, after, asOf });
    const page: { nodes: ApiRow[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
      data!.coalition.memberships;
    rows.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return rows.map((row) => [
    row.participant.code,
    row.participant.name,
    row.participant.kind,
    row.participant.region ?? '',
    row.status,
    row.statusSince,
    row.statusSincePrecision,
    [...new Set(row.history.flatMap((event) => event.sources.map((source) => source.url)).filter(Boolean))].join(' '),
  ]);
}

async function download(path: string, headers: Record<string, string> = {}) {
  return fetch(`${app.current().baseUrl}${path}`, { headers });
}

describe('GET /coalitions/:slug/roster.csv and roster.json', () => {
  it('gives a CSV with a BOM, every field quoted, whose rows equal the API roster', async () => {
    const response = await download(`/coalitions/${SLUG}/roster.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}-roster.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the byte-order mark checked above.
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe(
      '"participant_code","name","kind","region","status","status_since","status_since_precision","sources"',
    );
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header[0]).toBe('participant_code');
    expect(rows.length).toBeGreaterThanOrEqual(26);
    expect(rows).toEqual(await apiRoster(app.current()));
    const china = rows.find((row) => row[0] === 'CN')!;
    expect(china[4]).toBe('INVITED');
    expect(china[7]).toMatch(/^https?:\/\//);
  });

  it('gives the same roster as JSON, and both as they stood on ?asOf=', async () => {
    const json = await download(`/coalitions/${SLUG}/roster.json?asOf=2023-07-07`);
    expect(json.status).toBe(200);
    const body = (await json.json()) as { coalition: string; asOf: string; entries: Array<Record<string, unknown>> };
    expect(body).toMatchObject({ coalition: SLUG, asOf: '2023-07-07' });
    const expected = await apiRoster(app.current(), '2023-07-07');
    expect(
      body.entries.map((entry) => [
        entry.participantCode,
        entry.name,
        entry.kind,
        entry.region ?? '',
        entry.status,
        entry.statusSince,
        entry.statusSincePrecision,
        (entry.sources as string[]).join(' '),
      ]),
    ).toEqual(expected);
    const csv = parse(await (await download(`/coalitions/${SLUG}/roster.csv?asOf=2023-07-07`)).text(), {
      bom: true,
    }) as string[][];
    expect(csv.slice(1)).toEqual(expected);
    const now = await apiRoster(app.current());
    expect(expected.length).toBeLessThanOrEqual(now.length);
  });

  it('neutralises a name a spreadsheet would run as a formula', async () => {
    const added = await app
      .current()
      .graphql(
        `mutation { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: "CMDX", name: "=cmd|' /C calc'!A0" }) { code } }`,
        {},
        bearer(keys.admin),
      );
    expect(added.errors).toBeUndefined();
    const invited = await app.current().graphql(
      `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "CMDX", invitedOn: "2024-02-01",
        source: { title: "Test", url: "https://example.org/cmdx" } }) { status } }`,
      {},
      bearer(keys.admin),
    );
    expect(invited.errors).toBeUndefined();
    const rows = parse(await (await download(`/coalitions/${SLUG}/roster.csv`)).text(), { bom: true }) as string[][];
    const row = rows.find((cells) => cells[0] === 'CMDX')!;
    expect(row[1]).toBe("'=cmd|' /C calc'!A0");
    const json = (await (await download(`/coalitions/${SLUG}/roster.json`)).json()) as {
      entries: Array<{ participantCode: string; name: string }>;
    };
    // JSON is data, not a spreadsheet: the name is given as the registry holds it.
    expect(json.entries.find((entry) => entry.participantCode === 'CMDX')!.name).toBe("=cmd|' /C calc'!A0");
  });

  it('refuses a bad date, an unknown coalition and a key that is not live', async () => {
    const badDate = await download(`/coalitions/${SLUG}/roster.csv?asOf=2023-13-01`);
    expect(badDate.status).toBe(400);
    expect(((await badDate.json()) as any).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'asOf',
    });
    expect((await download('/coalitions/no-such-coalition/roster.json')).status).toBe(404);
    expect((await download(`/coalitions/${SLUG}/roster.csv`, bearer(keys.revoked))).status).toBe(401);
    expect((await download(`/coalitions/${SLUG}/roster.csv`, bearer(keys.viewer))).status).toBe(200);
  });
});

describe('roster downloads where reads are private', () => {
  it('need a key, as GraphQL reads do', async () => {
    const service = await startTestApp({ REQUIRE_AUTH_FOR_READS: 'true' });
    try {
      const privateKeys = await createTestKeys(service, 'private');
      const anonymous = await fetch(`${service.baseUrl}/coalitions/${SLUG}/roster.csv`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const signedIn = await fetch(`${service.baseUrl}/coalitions/${SLUG}/roster.json`, {
        headers: bearer(privateKeys.viewer),
      });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
      expect(((await signedIn.json()) as any).entries.length).toBeGreaterThanOrEqual(26);
    } finally {
      await service.close();
    }
  });
});
