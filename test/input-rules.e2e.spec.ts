import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { INPUT_LIMITS } from '../src/common/input-rules.js';
import { RosterImportService } from '../src/roster-import/roster-import.service.js';
import { bearer, createTestKeys, TEST_SETUP, type TestKeys } from './support/api-keys.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The input rules of common/input-rules.ts, at the edge of the API and of the roster import alike:
 * an upper-case scheme is stored lower-case (what the database CHECK accepts), an address without
 * `//` or a field over its limit is BAD_USER_INPUT naming the field, never a 500.
 */
const SLUG = 'synthetic-drug-threats';
let service: TestApp;
let keys: TestKeys;
let spare: string[];

beforeAll(async () => {
  service = await startTestApp();
  keys = await createTestKeys(service);
  await service.app.get(ApiKeysService).create('rules-importer', 'admin', TEST_SETUP);
  const rows: Array<{ code: string }> = await service.app.get(DataSource).query(
    `SELECT code FROM participant p WHERE kind = 'COUNTRY'
          AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.participant_id = p.id) ORDER BY code DESC LIMIT 5`,
  );
  spare = rows.map((row) => row.code);
});
afterAll(() => service.close());

const INVITE = `mutation($input: RecordInvitationInput!) { recordInvitation(input: $input) {
  version history { sources { url title publisher } } } }`;
const invitation = (
  participant: string,
  overrides: Record<string, unknown> = {},
  source: Record<string, unknown> = {},
) => ({
  input: {
    coalition: SLUG,
    participant,
    invitedOn: '2024-05-01',
    note: 'invited',
    source: { url: 'https://example.org/rules', title: 'Rules', ...source },
    ...overrides,
  },
});

async function refusal(query: string, variables: Record<string, unknown>) {
  const response = await service.graphql(query, variables, bearer(keys.admin));
  expect(response.status).toBeLessThan(500);
  expect(response.errors).toHaveLength(1);
  return response.errors![0];
}

describe('input rules in the API', () => {
  it('stores an upper-case HTTPS:// address with a lower-case scheme, and reads it back so', async () => {
    const { data, errors } = await service.graphql(
      INVITE,
      invitation(spare[0], {}, { url: 'HTTPS://EXAMPLE.ORG/Upper-Case' }),
      bearer(keys.admin),
    );
    expect(errors).toBeUndefined();
    expect(data!.recordInvitation.history[0].sources).toEqual([
      { url: 'https://EXAMPLE.ORG/Upper-Case', title: 'Rules', publisher: null },
    ]);
  });

  it.each([
    ['an address without //', {}, { url: 'https:example.org/no-slashes' }, 'source.url'],
    ['an address without a host', {}, { url: 'https://' }, 'source.url'],
    ['an overlong address', {}, { url: `https://example.org/${'a'.repeat(INPUT_LIMITS.url)}` }, 'source.url'],
    ['an overlong source title', {}, { title: 't'.repeat(INPUT_LIMITS.sourceTitle + 1) }, 'source.title'],
    ['a blank source title', {}, { title: '   ' }, 'source.title'],
    ['an overlong publisher', {}, { publisher: 'p'.repeat(INPUT_LIMITS.sourcePublisher + 1) }, 'source.publisher'],
    ['an overlong note', { note: 'n'.repeat(INPUT_LIMITS.note + 1) }, {}, 'note'],
    ['a note with a control character', { note: 'a\u0007b' }, {}, 'note'],
  ])(
    'refuses %s on an invitation: BAD_USER_INPUT naming the field, and writes nothing',
    async (_case, input, source, field) => {
      const code = spare[1];
      const error = await refusal(INVITE, invitation(code, input, source));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: field });
      expect(error.message).toMatch(new RegExp(`^${field.replace('.', '[.]')} must `));
      const { data } = await service.graphql(`{ membership(coalition: "${SLUG}", participant: "${code}") { id } }`);
      expect(data!.membership).toBeNull();
    },
  );

  it('refuses an overlong commitment title and description by name', async () => {
    const record = `mutation($input: RecordCommitmentInput!) { recordCommitment(input: $input) { id } }`;
    const input = {
      coalition: SLUG,
      participant: 'US',
      title: 'A pledge',
      madeOn: '2024-09-24',
      source: { url: 'https://example.org/pledge', title: 'Pledge' },
    };
    const longTitle = await refusal(record, {
      input: { ...input, title: 'x'.repeat(INPUT_LIMITS.commitmentTitle + 1) },
    });
    expect(longTitle.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'title' });
    const longDescription = await refusal(record, {
      input: { ...input, description: 'd'.repeat(INPUT_LIMITS.commitmentDescription + 1) },
    });
    expect(longDescription.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'description' });
  });

  it('applies the same URL rule to an organisation website, and names list items by index', async () => {
    const add = `mutation($input: AddParticipantInput!) { addParticipant(input: $input) { code ... on InternationalOrganization { website } } }`;
    const organisation = { kind: 'INTERNATIONAL_ORGANIZATION', code: 'RULESORG', name: 'Rules Org' };
    const noSlashes = await refusal(add, { input: { ...organisation, website: 'http:rules.example.org' } });
    expect(noSlashes.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'website' });
    const longAlias = await refusal(add, {
      input: { ...organisation, aliases: ['ok', 'a'.repeat(INPUT_LIMITS.alias + 1)] },
    });
    expect(longAlias.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'aliases[1]' });
    expect(longAlias.message).toBe(`aliases[1] must be at most ${INPUT_LIMITS.alias} characters`);
    const { data, errors } = await service.graphql(
      add,
      { input: { ...organisation, website: 'HTTP://RULES.EXAMPLE.ORG' } },
      bearer(keys.admin),
    );
    expect(errors).toBeUndefined();
    expect(data!.addParticipant).toEqual({ code: 'RULESORG', website: 'http://RULES.EXAMPLE.ORG' });
  });

  it.each([
    ['a source', `mutation($input: UpdateSourceInput!) { updateSource(input: $input) { id } }`, { title: 'Renamed' }],
    [
      'a reported figure',
      `mutation($input: RetractReportedFigureInput!) { retractReportedFigure(input: $input) { id } }`,
      { reason: 'Withdrawn' },
    ],
  ])('refuses an id that is not a UUID for %s, naming id, by the one id rule', async (what, mutation, fields) => {
    const error = await refusal(mutation, { input: { id: 'not-a-uuid', expectedVersion: 1, ...fields } });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(error.message).toBe(`id must be ${what} id (a UUID)`);
  });
});

describe('commitment dates', () => {
  it('refuses a madeOn before the member became COMMITTED, naming madeOn', async () => {
    const { data } = await service.graphql(
      `{ membership(coalition: "${SLUG}", participant: "US") { status statusSince } }`,
    );
    expect(data!.membership).toEqual({ status: 'COMMITTED', statusSince: '2023-07-07' });
    const error = await refusal(`mutation($input: RecordCommitmentInput!) { recordCommitment(input: $input) { id } }`, {
      input: {
        coalition: SLUG,
        participant: 'US',
        title: 'Before its time',
        madeOn: '2023-07-06',
        source: { url: 'https://example.org/early', title: 'Early' },
      },
    });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'madeOn' });
    expect(error.message).toBe('madeOn (2023-07-06) cannot precede the date US became COMMITTED (2023-07-07)');
  });

  it('holds for every seeded commitment: none was made before its member became COMMITTED', async () => {
    const early = await service.app.get(DataSource).query(
      `SELECT p.code, c.title FROM commitment c JOIN membership m ON m.id = c.membership_id
         JOIN participant p ON p.id = m.participant_id
        WHERE m.status <> 'COMMITTED' OR c.made_on < m.status_since`,
    );
    expect(early).toEqual([]);
  });
});

describe('input rules in the roster import', () => {
  const importRows = (rows: Array<Record<string, string>>, isDryRun = false) =>
    service.app.get(RosterImportService).importRoster({
      coalition: SLUG,
      keyName: 'rules-importer',
      isDryRun,
      rows: rows.map((row, index) => ({
        line: index + 2,
        participant: spare[2],
        status: 'INVITED',
        date: '2024-05-01',
        sourceUrl: 'https://example.org/roster',
        sourceTitle: 'Roster',
        note: '',
        ...row,
      })),
    });

  it('refuses, by line and field, what the API refuses: no //, overlong fields', async () => {
    const report = await importRows([
      { participant: spare[2], sourceUrl: 'https:example.org/no-slashes' },
      { participant: spare[3], sourceTitle: 's'.repeat(INPUT_LIMITS.sourceTitle + 1) },
      { participant: spare[4], note: 'n'.repeat(INPUT_LIMITS.note + 1) },
    ]);
    expect(report.isApplied).toBe(false);
    expect(report.problems).toEqual([
      { line: 2, message: expect.stringMatching(/^source url must be an http or https address/) },
      { line: 3, message: `source title must be at most ${INPUT_LIMITS.sourceTitle} characters` },
      { line: 4, message: `note must be at most ${INPUT_LIMITS.note} characters` },
    ]);
  });

  it('stores an upper-case scheme lower-case, as the API does', async () => {
    const report = await importRows([{ sourceUrl: 'HTTPS://EXAMPLE.ORG/ROSTER-UPPER' }]);
    expect(report).toMatchObject({ isApplied: true, created: 1, problems: [] });
    const { data } = await service.graphql(
      `{ membership(coalition: "${SLUG}", participant: "${spare[2]}") { history { sources { url } } } }`,
    );
    expect(data!.membership.history[0].sources).toEqual([{ url: 'https://EXAMPLE.ORG/ROSTER-UPPER' }]);
  });
});
