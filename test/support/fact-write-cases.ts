import type { GraphqlResponse } from './test-app.js';

/**
 * The "every fact writable" mutations as a table for test/fact-writes.e2e.spec.ts: for each, how to
 * build a fresh valid input (reading the current version when it has one), what the write and a
 * public read show afterwards, and inputs spoiled in one field each.
 */

export const SLUG = 'synthetic-drug-threats';

export type Send = (query: string, variables?: Record<string, unknown>) => Promise<GraphqlResponse>;
type Input = Record<string, unknown>;

export interface FactWrite {
  mutation: string;
  /** The mutation with `$input`, selecting `id` and what the checks below read. */
  document: string;
  /** Has `expectedVersion` (and an audit entry with a `before`). */
  isUpdate: boolean;
  valid(send: Send): Promise<{ input: Input }>;
  expectWritten(result: any, input: Input): void;
  /** Fields the audit entry's `after` must hold. */
  auditedAfter(result: any): Record<string, unknown>;
  /** [field, spoil]: the input made bad in that one field. */
  badInputs: Array<[string, (input: Input) => Input]>;
  /** What `registryChanged` says of the write: the kind of the record (`id` in the result) and its coalition. */
  change(input: Input): { kind: string; coalition: string | null };
  /** A public read whose answer the write changes. */
  read: string;
  expectRead(data: any, result: any, input: Input): void;
}

let counter = 0;
const next = () => ++counter;
const SOURCE = { url: 'https://example.org/fact-writes', title: 'Fact writes test source' };
const FUTURE = '2999-01-01';
const with_ = (patch: Input) => (input: Input) => ({ ...input, ...patch });

async function read(send: Send, query: string): Promise<any> {
  const { data, errors } = await send(query);
  if (errors) throw new Error(JSON.stringify(errors));
  return data;
}

const FIGURE_FIELDS = `id version reportedOn reportedOnPrecision countries countriesQualifier organizations
  organizationsQualifier combined combinedQualifier wording sources { url }`;

async function recordFigure(send: Send, input: Input): Promise<{ id: string; version: number }> {
  const { data, errors } = await send(
    `mutation($input: RecordReportedFigureInput!) { recordReportedFigure(input: $input) { id version } }`,
    { input },
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.recordReportedFigure;
}

const figureInput = (n: number): Input => ({
  coalition: SLUG,
  reportedOn: `2023-08-${String((n % 28) + 1).padStart(2, '0')}`,
  combined: 90 + n,
  combinedQualifier: 'ABOUT',
  wording: `about ${90 + n} countries and organisations (test ${n})`,
  source: SOURCE,
});

const wordings = (data: any): string[] => data.coalition.reportedFigures.map((f: { wording: string }) => f.wording);

/** Countries no dataset fact engages with (revision 2 engages KR), one per engagement the table records. */
let engaged = 0;
const ENGAGED = ['TH', 'BR', 'ZA', 'NG', 'ID', 'VN', 'KE', 'PE', 'CO', 'AR', 'CL', 'GH'];

export const FACT_WRITES: FactWrite[] = [
  {
    mutation: 'createCoalition',
    document: `mutation($input: CreateCoalitionInput!) { createCoalition(input: $input) {
      id slug name version description launchedOn rosterNote convener { code } sources { url } } }`,
    isUpdate: false,
    async valid() {
      const n = next();
      return {
        input: {
          slug: `test-coalition-${n}`,
          name: `Test coalition ${n}`,
          description: 'A coalition for the tests',
          launchedOn: '2024-05-01',
          convener: 'US',
          rosterNote: 'No public roster',
          source: SOURCE,
        },
      };
    },
    expectWritten(result, input) {
      expect(result).toMatchObject({
        slug: input.slug,
        name: input.name,
        version: 1,
        launchedOn: '2024-05-01',
        convener: { code: 'US' },
        sources: [{ url: SOURCE.url }],
      });
    },
    auditedAfter: (result) => ({ id: result.id, slug: result.slug }),
    badInputs: [
      ['slug', with_({ slug: 'Not A Slug' })],
      ['name', with_({ name: '   ' })],
      ['launchedOn', with_({ launchedOn: FUTURE })],
      ['convener', with_({ convener: '!!' })],
      ['source.url', with_({ source: { url: 'ftp://example.org', title: 'x' } })],
    ],
    change: (input) => ({ kind: 'COALITION', coalition: String(input.slug) }),
    read: `{ coalitions { slug } }`,
    expectRead(data, result) {
      expect(data.coalitions.map((c: { slug: string }) => c.slug)).toContain(result.slug);
    },
  },
  {
    mutation: 'updateCoalition',
    document: `mutation($input: UpdateCoalitionInput!) { updateCoalition(input: $input) { id slug name version description } }`,
    isUpdate: true,
    async valid(send) {
      const data = await read(send, `{ coalition(slug: "${SLUG}") { version } }`);
      return {
        input: { slug: SLUG, expectedVersion: data.coalition.version, name: `Renamed coalition ${next()}` },
      };
    },
    expectWritten(result, input) {
      expect(result).toMatchObject({ slug: SLUG, name: input.name, version: Number(input.expectedVersion) + 1 });
      expect(result.description).toMatch(/\w/);
    },
    auditedAfter: (result) => ({ id: result.id, name: result.name, version: result.version }),
    badInputs: [
      ['slug', with_({ slug: 'Not A Slug' })],
      ['name', with_({ name: '  ' })],
      ['launchedOn', with_({ launchedOn: FUTURE })],
    ],
    change: () => ({ kind: 'COALITION', coalition: SLUG }),
    read: `{ coalition(slug: "${SLUG}") { name version } }`,
    expectRead(data, result) {
      expect(data.coalition).toEqual({ name: result.name, version: result.version });
    },
  },
  {
    mutation: 'recordReportedFigure',
    document: `mutation($input: RecordReportedFigureInput!) { recordReportedFigure(input: $input) { ${FIGURE_FIELDS} } }`,
    isUpdate: false,
    async valid() {
      return { input: figureInput(next()) };
    },
    expectWritten(result, input) {
      expect(result).toMatchObject({
        version: 1,
        reportedOn: input.reportedOn,
        reportedOnPrecision: 'DAY',
        countries: null,
        countriesQualifier: null,
        organizations: null,
        combined: input.combined,
        combinedQualifier: 'ABOUT',
        wording: input.wording,
        sources: [{ url: SOURCE.url }],
      });
    },
    auditedAfter: (result) => ({ id: result.id, combined: result.combined, wording: result.wording }),
    badInputs: [
      ['countries', with_({ countries: -1 })],
      ['countries', with_({ combined: null, combinedQualifier: null })],
      ['organizationsQualifier', with_({ organizationsQualifier: 'NEARLY' })],
      ['wording', with_({ wording: ' ' })],
      ['reportedOn', with_({ reportedOn: FUTURE })],
      ['coalition', with_({ coalition: 'No Such Slug' })],
    ],
    change: () => ({ kind: 'REPORTED_FIGURE', coalition: SLUG }),
    read: `{ coalition(slug: "${SLUG}") { reportedFigures { wording } } }`,
    expectRead(data, result) {
      expect(wordings(data)).toContain(result.wording);
    },
  },
  {
    mutation: 'retractReportedFigure',
    document: `mutation($input: RetractReportedFigureInput!) { retractReportedFigure(input: $input) {
      ${FIGURE_FIELDS} retraction { by reason sources { url } } } }`,
    isUpdate: true,
    async valid(send) {
      const figure = await recordFigure(send, figureInput(next()));
      return {
        input: {
          id: figure.id,
          reason: 'The source corrected itself',
          expectedVersion: figure.version,
          source: { url: 'https://example.org/correction', title: 'The correction' },
        },
      };
    },
    expectWritten(result, input) {
      expect(result).toMatchObject({
        id: input.id,
        version: Number(input.expectedVersion) + 1,
        retraction: {
          by: 'facts-admin',
          reason: 'The source corrected itself',
          sources: [{ url: 'https://example.org/correction' }],
        },
      });
    },
    auditedAfter: (result) => ({
      id: result.id,
      retractionReason: 'The source corrected itself',
      retractedBy: 'facts-admin',
    }),
    badInputs: [
      ['reason', with_({ reason: '  ' })],
      ['id', with_({ id: 'not-an-id' })],
      ['source.url', with_({ source: { url: 'mailto:x@example.org', title: 'x' } })],
    ],
    change: () => ({ kind: 'REPORTED_FIGURE', coalition: SLUG }),
    read: `{ coalition(slug: "${SLUG}") { reportedFigures { wording } } }`,
    expectRead(data, result) {
      expect(wordings(data)).not.toContain(result.wording);
    },
  },
  {
    mutation: 'recordCoalitionEvent',
    document: `mutation($input: RecordCoalitionEventInput!) { recordCoalitionEvent(input: $input) {
      id title occurredOn sources { url } } }`,
    isUpdate: false,
    async valid() {
      return {
        input: { coalition: SLUG, title: `Working group meeting ${next()}`, occurredOn: '2024-06-12', source: SOURCE },
      };
    },
    expectWritten(result, input) {
      expect(result).toMatchObject({ title: input.title, occurredOn: '2024-06-12', sources: [{ url: SOURCE.url }] });
    },
    auditedAfter: (result) => ({ id: result.id, title: result.title }),
    badInputs: [
      ['title', with_({ title: '' })],
      ['occurredOn', with_({ occurredOn: FUTURE })],
      ['source.title', with_({ source: { url: 'https://example.org/x', title: ' ' } })],
    ],
    change: () => ({ kind: 'COALITION_EVENT', coalition: SLUG }),
    read: `{ coalition(slug: "${SLUG}") { events { title } } }`,
    expectRead(data, result) {
      expect(data.coalition.events.map((e: { title: string }) => e.title)).toContain(result.title);
    },
  },
  {
    mutation: 'recordEngagement',
    document: `mutation($input: RecordEngagementInput!) { recordEngagement(input: $input) {
      id note participant { code kind } sources { url } } }`,
    isUpdate: false,
    async valid() {
      const participant = ENGAGED[engaged++ % ENGAGED.length];
      return {
        input: { coalition: SLUG, participant, note: `reported as going to participate`, source: SOURCE },
      };
    },
    expectWritten(result, input) {
      expect(result).toMatchObject({
        note: input.note,
        participant: { code: input.participant, kind: 'COUNTRY' },
        sources: [{ url: SOURCE.url }],
      });
    },
    auditedAfter: (result) => ({ id: result.id, note: result.note }),
    badInputs: [
      ['participant', with_({ participant: '!!' })],
      ['note', with_({ note: '' })],
    ],
    change: () => ({ kind: 'ENGAGEMENT', coalition: SLUG }),
    read: `{ coalition(slug: "${SLUG}") { engagedNonMembers { participant { code } } } }`,
    expectRead(data, _result, input) {
      expect(data.coalition.engagedNonMembers.map((e: any) => e.participant.code)).toContain(input.participant);
    },
  },
  {
    mutation: 'updateSource',
    document: `mutation($input: UpdateSourceInput!) { updateSource(input: $input) {
      id version url title publisher archivedUrl } }`,
    isUpdate: true,
    async valid(send) {
      const data = await read(send, `{ coalition(slug: "${SLUG}") { sources { id version } } }`);
      const [source] = data.coalition.sources;
      const n = next();
      return {
        input: {
          id: source.id,
          expectedVersion: source.version,
          title: `Launch remarks (as retitled ${n})`,
          archivedUrl: `https://web.archive.org/web/2024/${n}`,
        },
      };
    },
    expectWritten(result, input) {
      expect(result).toMatchObject({
        id: input.id,
        version: Number(input.expectedVersion) + 1,
        title: input.title,
        archivedUrl: input.archivedUrl,
      });
    },
    auditedAfter: (result) => ({ id: result.id, title: result.title, archivedUrl: result.archivedUrl }),
    badInputs: [
      ['id', with_({ id: 'not-an-id' })],
      ['url', with_({ url: 'not a url' })],
      ['archivedUrl', with_({ archivedUrl: 'javascript:alert(1)' })],
      ['title', with_({ title: '  ' })],
      ['publishedOn', with_({ publishedOn: FUTURE })],
      ['publishedOnPrecision', with_({ publishedOnPrecision: 'ON_OR_AFTER' })],
    ],
    change: () => ({ kind: 'SOURCE', coalition: null }),
    read: `{ coalition(slug: "${SLUG}") { sources { id title archivedUrl version } } }`,
    expectRead(data, result) {
      expect(data.coalition.sources).toContainEqual({
        id: result.id,
        title: result.title,
        archivedUrl: result.archivedUrl,
        version: result.version,
      });
    },
  },
  {
    mutation: 'updateParticipant',
    document: `mutation($input: UpdateParticipantInput!) { updateParticipant(input: $input) { id code name aliases version } }`,
    isUpdate: true,
    async valid(send) {
      const data = await read(send, `{ participant(code: "EU") { version } }`);
      return {
        input: { code: 'EU', expectedVersion: data.participant.version, aliases: ['Union européenne', `EU ${next()}`] },
      };
    },
    expectWritten(result, input) {
      expect(result).toMatchObject({
        code: 'EU',
        name: 'European Union',
        aliases: input.aliases,
        version: Number(input.expectedVersion) + 1,
      });
    },
    auditedAfter: (result) => ({ id: result.id, aliases: result.aliases, version: result.version }),
    badInputs: [
      ['code', with_({ code: '!!' })],
      ['name', with_({ name: ' ' })],
      ['aliases[1]', with_({ aliases: ['fine', '  '] })],
    ],
    change: () => ({ kind: 'PARTICIPANT', coalition: null }),
    read: `{ participant(code: "EU") { aliases version } }`,
    expectRead(data, result) {
      expect(data.participant).toEqual({ aliases: result.aliases, version: result.version });
    },
  },
];
