import { startTestApp, type TestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
let service: TestApp;

beforeAll(async () => {
  service = await startTestApp();
});
afterAll(async () => {
  await service.close();
});

describe('coalitions', () => {
  it('lists the seeded coalition with its launch, convener and sources', async () => {
    const { data, errors } = await service.graphql(`{
      coalitions { slug name launchedOn foundingText convener { code name kind } sources { title url publisher } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.coalitions).toHaveLength(1);
    const [coalition] = data!.coalitions;
    expect(coalition).toMatchObject({
      slug: SLUG,
      name: 'Global Coalition to Address Synthetic Drug Threats',
      launchedOn: '2023-07-07',
      convener: { code: 'US', kind: 'COUNTRY' },
    });
    expect(coalition.sources.map((source: { publisher: string }) => source.publisher)).toEqual(
      expect.arrayContaining(['South China Morning Post', 'U.S. Department of State']),
    );
  });

  it('finds a coalition by slug in any case, and answers null for an unknown slug', async () => {
    const { data } = await service.graphql(
      `{ a: coalition(slug: "Synthetic-Drug-Threats") { slug } b: coalition(slug: "no-such") { slug } }`,
    );
    expect(data).toEqual({ a: { slug: SLUG }, b: null });
  });

  it('keeps the reported figures, oldest first, apart from the named roster', async () => {
    const { data } = await service.graphql(`{ coalition(slug: "${SLUG}") {
      rosterNote
      reportedFigures { reportedOn reportedOnPrecision countries countriesQualifier organizations organizationsQualifier combined wording sources { title } }
      stats { total committed reported { countries } }
      memberships { totalCount }
    } }`);
    const coalition = data!.coalition;
    expect(coalition.rosterNote).toMatch(/No public roster/);
    const figures = coalition.reportedFigures;
    expect(figures.map((figure: { reportedOn: string }) => figure.reportedOn)).toEqual([
      '2023-07-06',
      '2023-07-07',
      '2023-07-07',
      '2023-11-16',
      '2024-03-01',
      '2024-09-24',
      '2024-09-24',
      '2025-01-16',
    ]);
    expect(figures[0]).toMatchObject({ countries: 84, countriesQualifier: 'EXACT', organizations: null });
    expect(figures[0].sources.length).toBeGreaterThanOrEqual(1);
    expect(figures[1]).toMatchObject({
      countries: 80,
      countriesQualifier: 'MORE_THAN',
      organizations: 12,
      organizationsQualifier: 'MORE_THAN',
    });
    // Revision 2's figures: one combined count, and one dated only from the 2024 summit on.
    expect(figures[2]).toMatchObject({ combined: 97, countries: null, organizations: null });
    expect(figures[4]).toMatchObject({ countries: 149, organizations: 14, reportedOnPrecision: 'MONTH' });
    expect(figures[6]).toMatchObject({ countries: 163, organizations: 15, reportedOnPrecision: 'ON_OR_AFTER' });
    expect(figures[5]).toMatchObject({
      countries: 159,
      organizations: 15,
      wording: '159 countries and 15 international organizations',
    });
    // The roster names 28 countries (4 of them from revision 2), the EU and China, far fewer than the 160 reported.
    expect(coalition.memberships.totalCount).toBe(30);
    expect(coalition.stats).toMatchObject({ total: 30, committed: 29, reported: { countries: 160 } });
  });

  it('lists the lines of effort, events and engaged organisations with their sources', async () => {
    const { data } = await service.graphql(`{ coalition(slug: "${SLUG}") {
      linesOfEffort { key workingGroup name subGroups sources { title } }
      events { occurredOn title sources { title } }
      engagedNonMembers { participant { code name } note sources { url } }
    } }`);
    const coalition = data!.coalition;
    expect(coalition.linesOfEffort.map((line: { key: string }) => line.key)).toEqual([
      'PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING',
      'DETECT_EMERGING_THREATS',
      'PUBLIC_HEALTH_RESPONSE',
    ]);
    expect(coalition.events[0]).toMatchObject({ occurredOn: '2023-07-07' });
    expect(coalition.events.every((event: { sources: unknown[] }) => event.sources.length > 0)).toBe(true);
    const engaged = coalition.engagedNonMembers.map(
      (engagement: { participant: { code: string } }) => engagement.participant.code,
    );
    // Five organisations (revision 1) and KR, reported but unconfirmed (revision 2).
    expect(engaged.sort()).toEqual(['INCB', 'KR', 'OAS-CICAD', 'UNODC', 'UPU', 'WCO']);
  });
});

describe('participant lookup', () => {
  it('finds a country by alpha-2 or alpha-3 in any case, with aliases and region', async () => {
    const { data } = await service.graphql(`{
      a: participant(code: "tr") { code name aliases ... on Country { alpha2 alpha3 region subregion } }
      b: participant(code: "TUR") { code }
      c: participant(code: "Gb") { code name }
    }`);
    expect(data!.a).toMatchObject({ code: 'TR', name: 'Türkiye', alpha2: 'TR', alpha3: 'TUR', region: 'Asia' });
    expect(data!.a.aliases).toContain('Turkey');
    expect(data!.b.code).toBe('TR');
    expect(data!.c).toEqual({ code: 'GB', name: 'United Kingdom' });
  });

  it('finds an international organisation by acronym', async () => {
    const { data } = await service.graphql(
      `{ participant(code: "eu") { code kind name ... on InternationalOrganization { acronym } } }`,
    );
    expect(data!.participant).toEqual({
      code: 'EU',
      kind: 'INTERNATIONAL_ORGANIZATION',
      name: 'European Union',
      acronym: 'EU',
    });
  });

  it('knows every ISO 3166-1 country, member or not', async () => {
    const { data } = await service.graphql(
      `{ a: participant(code: "BT") { name } b: participant(code: "ZW") { name } }`,
    );
    expect(data).toEqual({ a: { name: 'Bhutan' }, b: { name: 'Zimbabwe' } });
  });

  it('answers null for a well-formed code it does not know', async () => {
    const { data, errors } = await service.graphql(`{ participant(code: "QQ") { code } }`);
    expect(errors).toBeUndefined();
    expect(data!.participant).toBeNull();
  });
});

describe('searchParticipants', () => {
  it('is accent- and case-insensitive and partial', async () => {
    const { data } = await service.graphql(`{
      a: searchParticipants(text: "turkiye") { code }
      b: searchParticipants(text: "TÜRK") { code }
      c: searchParticipants(text: "cote d'ivoire") { code }
    }`);
    expect(data!.a.map((p: { code: string }) => p.code)).toContain('TR');
    expect(data!.b.map((p: { code: string }) => p.code)).toContain('TR');
    expect(data!.c.map((p: { code: string }) => p.code)).toEqual(['CI']);
  });

  it('finds China by its aliases', async () => {
    const { data } = await service.graphql(`{
      a: searchParticipants(text: "People's Republic of China") { code }
      b: searchParticipants(text: "prc") { code }
    }`);
    expect(data!.a.map((p: { code: string }) => p.code)).toContain('CN');
    expect(data!.b[0].code).toBe('CN');
  });

  it('puts an exact code match first and honours first', async () => {
    const { data } = await service.graphql(
      `{ a: searchParticipants(text: "us") { code } b: searchParticipants(text: "an", first: 3) { code } }`,
    );
    expect(data!.a[0].code).toBe('US');
    expect(data!.b).toHaveLength(3);
  });
});

describe('membership', () => {
  it('shows China as invited, not participating, with its sources', async () => {
    const { data } = await service.graphql(`{ membership(coalition: "${SLUG}", participant: "cn") {
      status isParticipating invited invitedOn statusSince participant { name }
      history { status effectiveOn isAttested recordedBy note sources { publisher url } }
    } }`);
    const membership = data!.membership;
    expect(membership).toMatchObject({
      status: 'INVITED',
      isParticipating: false,
      invited: true,
      invitedOn: '2023-07-06',
      participant: { name: 'China' },
    });
    expect(membership.history).toHaveLength(1);
    expect(membership.history[0].note).toMatch(/No source shows China joining/);
    expect(membership.history[0].sources.map((source: { publisher: string }) => source.publisher)).toEqual(
      expect.arrayContaining(['South China Morning Post', 'The White House', 'U.S. Global Leadership Coalition']),
    );
  });

  it('answers "is Türkiye in?" with null: no source names it a member', async () => {
    const { data, errors } = await service.graphql(
      `{ membership(coalition: "${SLUG}", participant: "TUR") { status } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.membership).toBeNull();
  });

  it('gives a member its status, since-date, role, history and commitments', async () => {
    const { data } = await service.graphql(`{ membership(coalition: "${SLUG}", participant: "IND") {
      status statusSince role version coalition { slug }
      history { status effectiveOn sources { title } }
      commitments { title lineOfEffort status madeOn sources { title } }
    } }`);
    const membership = data!.membership;
    expect(membership).toMatchObject({
      status: 'COMMITTED',
      statusSince: '2024-09-24',
      role: 'co-chair of Working Group 1',
      version: 1,
    });
    expect(membership.coalition.slug).toBe(SLUG);
    expect(membership.history[0].sources).toHaveLength(2);
    expect(membership.commitments.map((c: { title: string }) => c.title).sort()).toEqual([
      'Coalition Pledge',
      'Summit initiative: supply disruption',
    ]);
  });

  it('travels in time with asOf', async () => {
    const { data } = await service.graphql(`{
      before: membership(coalition: "${SLUG}", participant: "GB", asOf: "2024-09-23") { status }
      on: membership(coalition: "${SLUG}", participant: "GB", asOf: "2024-09-24") { status statusSince asOf commitments { title } }
      early: membership(coalition: "${SLUG}", participant: "JP", asOf: "2023-07-07") { status }
    }`);
    expect(data!.before).toBeNull();
    expect(data!.on).toMatchObject({ status: 'COMMITTED', statusSince: '2024-09-24', asOf: '2024-09-24' });
    expect(data!.on.commitments.length).toBeGreaterThan(0);
    expect(data!.early.status).toBe('COMMITTED');
  });

  it('says NOT_FOUND for an unknown coalition', async () => {
    const { errors } = await service.graphql(`{ membership(coalition: "nothing-here", participant: "US") { status } }`);
    expect(errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});

describe('stats', () => {
  it('counts the named roster by status, kind and region, now and asOf', async () => {
    const { data } = await service.graphql(`{ coalition(slug: "${SLUG}") {
      now: stats { asOf total committed invitedNotParticipating byStatus { status count } byKind { kind total committed } byRegion { region total committed } }
      launch: stats(asOf: "2023-07-07") { total committed invitedNotParticipating reported { countries countriesQualifier } }
      beforeAll: stats(asOf: "2023-01-01") { total reported { countries } }
    } }`);
    const { now, launch, beforeAll: early } = data!.coalition;
    expect(now).toMatchObject({ total: 30, committed: 29, invitedNotParticipating: 1 });
    expect(now.byStatus).toEqual([
      { status: 'INVITED', count: 1 },
      { status: 'COMMITTED', count: 29 },
      { status: 'DECLINED', count: 0 },
      { status: 'WITHDRAWN', count: 0 },
    ]);
    expect(now.byKind).toEqual([
      { kind: 'COUNTRY', total: 29, committed: 28 },
      { kind: 'INTERNATIONAL_ORGANIZATION', total: 1, committed: 1 },
    ]);
    const europe = now.byRegion.find((region: { region: string }) => region.region === 'Europe');
    expect(europe).toEqual({ region: 'Europe', total: 7, committed: 7 });
    // At the launch: revision 1's nine members and China, and revision 2's ES, MA, JO, SA and NL (corrected).
    expect(launch).toMatchObject({
      total: 15,
      committed: 14,
      invitedNotParticipating: 1,
      reported: { countries: 80, countriesQualifier: 'MORE_THAN' },
    });
    expect(early).toEqual({ total: 0, reported: null });
  });
});
