import { readFileSync } from 'node:fs';
import pg from 'pg';
import { fingerprintOfData } from './support/registry-data.js';
import { postGraphql, startServiceProcess, type ServiceProcess } from './support/service-process.js';
import { createTestDatabase, useTestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const MEMBER = `status statusSince version history { status effectiveOn isAttested recordedBy note sources { url title } }`;
const NATIONAL_0706 =
  'https://www.thenationalnews.com/world/us-news/2023/07/06/us-rallies-international-effort-to-combat-synthetic-drug-trade/';
/**
 * A registry as the landed code before revisions left it, with an admin's writes on top: ES invited
 * (revision 2 names ES a member), citing The National's 6 July article under the curator's own title
 * (revision 2 cites it too), and China declined (revision 2 does not touch it). The fixture is a dump
 * of a database that code really made (its header says how), so the upgrade meets its real rows.
 */
async function registryFromBeforeRevisions(url: string): Promise<void> {
  const dump = readFileSync(new URL('./fixtures/registry-before-revisions.sql', import.meta.url), 'utf8');
  // Its own connection: the dump empties search_path for the session it runs in.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(dump);
  } finally {
    await client.end();
  }
}

async function counts(url: string): Promise<{ events: number; audit: number; revisions: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT (SELECT count(*) FROM membership_event)::int AS events,
      (SELECT count(*) FROM audit_entry)::int AS audit, (SELECT count(*) FROM dataset_revision)::int AS revisions`);
    return rows[0];
  } finally {
    await client.end();
  }
}

/** The service's JSON log lines that say a revision skipped an item. */
function skippedItems(service: ServiceProcess): Array<Record<string, unknown>> {
  return service
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'dataset revision item skipped');
}

describe('a registry created before dataset revisions, started with this code', () => {
  it('receives revision 2, keeps the admin’s writes, logs the skipped item, and a second start changes nothing', async () => {
    const database = await createTestDatabase();
    try {
      await registryFromBeforeRevisions(database.url);
      const env = { DATABASE_URL: database.url };

      const first = await startServiceProcess(env);
      let afterFirst: Awaited<ReturnType<typeof counts>>;
      try {
        const { data } = await postGraphql(
          first.baseUrl,
          `{ datasetRevision
             es: membership(coalition: "${SLUG}", participant: "ES") { ${MEMBER} }
             cn: membership(coalition: "${SLUG}", participant: "CN") { ${MEMBER} }
             ma: membership(coalition: "${SLUG}", participant: "MA") { ${MEMBER} }
             jo: membership(coalition: "${SLUG}", participant: "JO") { ${MEMBER} }
             sa: membership(coalition: "${SLUG}", participant: "SA") { ${MEMBER} }
             nl: membership(coalition: "${SLUG}", participant: "NL") { ${MEMBER} }
             coalition(slug: "${SLUG}") { stats { total committed } } }`,
        );
        expect(data!.datasetRevision).toBe(2);
        // The admin's writes stand untouched: ES stays invited on the curator's word alone.
        expect(data!.es).toMatchObject({ status: 'INVITED', statusSince: '2023-06-30', version: 1 });
        expect(data!.es.history).toEqual([
          expect.objectContaining({
            status: 'INVITED',
            recordedBy: 'curator',
            note: 'the curator recorded an invitation',
          }),
        ]);
        expect(data!.cn).toMatchObject({ status: 'DECLINED', version: 2 });
        expect(data!.cn.history.map((event: { recordedBy: string }) => event.recordedBy)).toEqual(['seed', 'curator']);
        // Revision 2's other members land, attested, written as the revision, with their sources.
        for (const member of [data!.ma, data!.jo, data!.sa]) {
          expect(member).toMatchObject({ status: 'COMMITTED', version: 1 });
          expect(member.history).toEqual([
            expect.objectContaining({ status: 'COMMITTED', isAttested: true, recordedBy: 'dataset:r2' }),
          ]);
        }
        expect(data!.ma.history[0].sources.map((source: { url: string }) => source.url)).toEqual([
          'https://www.diplomatie.ma/en/mfa-nasser-bourita-takes-part-virtual-ministerial-meeting-launch-global-coalition-address-synthetic-drug-threats',
          'https://moroccolatestnews.com/a-global-coalition-against-synthetic-drug-threats-is-formed/',
          NATIONAL_0706,
        ]);
        // The source the curator recorded first is cited as the curator recorded it, not rewritten.
        expect(data!.sa.history[0].sources).toEqual([
          { url: NATIONAL_0706, title: "The curator's note of The National, 6 July" },
        ]);
        // NL was the dataset's alone: revision 2's correction reaches it.
        expect(data!.nl).toMatchObject({ status: 'COMMITTED', statusSince: '2023-07-07' });
        // 26 of revision 1 and the curator's ES, then MA, JO and SA; CN declined, no longer counted committed.
        expect(data!.coalition.stats).toEqual({ total: 30, committed: 28 });

        const skipped = skippedItems(first);
        expect(skipped).toContainEqual(
          expect.objectContaining({
            level: 'warn',
            revision: 2,
            item: `membership ES of ${SLUG}`,
            isConflict: true,
            reason: expect.stringContaining('curator'),
          }),
        );
        expect(skipped).toContainEqual(
          expect.objectContaining({ level: 'warn', revision: 2, item: `source ${NATIONAL_0706}`, isConflict: true }),
        );
        // Revision 1 finds its coalition there already: not a conflict, but recorded as received.
        expect(skipped).toContainEqual(
          expect.objectContaining({ revision: 1, item: `coalition ${SLUG}`, isConflict: false }),
        );
        afterFirst = await counts(database.url);
        expect(afterFirst.revisions).toBe(2);
      } finally {
        expect(await first.stop()).toBe(0);
      }
      const fingerprint = await fingerprintOfData(database.url);

      const second = await startServiceProcess(env);
      try {
        expect((await postGraphql(second.baseUrl, `{ datasetRevision }`)).data).toEqual({ datasetRevision: 2 });
        expect(skippedItems(second)).toEqual([]);
      } finally {
        expect(await second.stop()).toBe(0);
      }
      expect(await counts(database.url)).toEqual(afterFirst);
      expect(await fingerprintOfData(database.url)).toEqual(fingerprint);
    } finally {
      await database.drop();
    }
  }, 120_000);
});

describe('a fresh registry', () => {
  const app = useTestApp();

  it('holds every revision: the four members of revision 2 with their sources, datasetRevision 2', async () => {
    const { data } = await app.current().graphql(`{ datasetRevision
      es: membership(coalition: "${SLUG}", participant: "ES") { ${MEMBER} }
      ma: membership(coalition: "${SLUG}", participant: "MA") { ${MEMBER} }
      jo: membership(coalition: "${SLUG}", participant: "JO") { ${MEMBER} }
      sa: membership(coalition: "${SLUG}", participant: "SA") { ${MEMBER} }
      us: membership(coalition: "${SLUG}", participant: "US") { ${MEMBER} } }`);
    expect(data!.datasetRevision).toBe(2);
    const expected: Record<string, { since: string; urls: string[] }> = {
      es: {
        since: '2023-07-07',
        urls: [
          'https://thediplomatinspain.com/en/2023/07/08/albares-attends-launch-of-global-coalition-against-synthetic-drugs/',
        ],
      },
      ma: {
        since: '2023-07-07',
        urls: [
          'https://www.diplomatie.ma/en/mfa-nasser-bourita-takes-part-virtual-ministerial-meeting-launch-global-coalition-address-synthetic-drug-threats',
          'https://moroccolatestnews.com/a-global-coalition-against-synthetic-drug-threats-is-formed/',
          NATIONAL_0706,
        ],
      },
      jo: {
        since: '2023-07-07',
        urls: [
          'https://bahrainwire.com/safadi-jordan-taking-all-necessary-steps-to-combat-drug-smuggling-across-syrian-border',
          NATIONAL_0706,
        ],
      },
      sa: { since: '2023-07-06', urls: [NATIONAL_0706] },
    };
    for (const [key, { since, urls }] of Object.entries(expected)) {
      expect(data![key]).toMatchObject({ status: 'COMMITTED', statusSince: since });
      expect(data![key].history).toHaveLength(1);
      expect(data![key].history[0]).toMatchObject({ isAttested: true, recordedBy: 'dataset:r2' });
      expect(data![key].history[0].sources.map((source: { url: string }) => source.url)).toEqual(urls);
    }
    // Revision 1's facts are written as revision 1.
    expect(data!.us.history[0].recordedBy).toBe('dataset:r1');
  });

  it('shows NL committed since 2023-07-07: a sourced correction of its first event, the old one kept retracted', async () => {
    const { data } = await app.current().graphql(`{
      membership(coalition: "${SLUG}", participant: "NL") {
        status statusSince
        history { effectiveOn recordedBy sources { url } }
        all: history(includeRetracted: true) {
          effectiveOn recordedBy correctionOf { effectiveOn } retraction { by reason }
        }
      } }`);
    expect(data!.membership).toMatchObject({ status: 'COMMITTED', statusSince: '2023-07-07' });
    expect(data!.membership.history).toEqual([
      {
        effectiveOn: '2023-07-07',
        recordedBy: 'dataset:r2',
        sources: [
          {
            url: 'https://www.government.nl/ministries/ministry-of-foreign-affairs/documents/speeches/2023/07/07/statement-by-wopke-hoekstra-at-the-launch-of-the-global-coalition-to-address-synthetic-drug-threats',
          },
        ],
      },
    ]);
    expect(data!.membership.all).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          effectiveOn: '2024-09-24',
          recordedBy: 'dataset:r1',
          retraction: { by: 'dataset:r2', reason: expect.stringContaining('earlier source') },
        }),
        expect.objectContaining({ effectiveOn: '2023-07-07', correctionOf: { effectiveOn: '2024-09-24' } }),
      ]),
    );
  });

  it('lists both new headcounts with their sources, and KR as engaged, not a member', async () => {
    const { data } = await app.current().graphql(`{ coalition(slug: "${SLUG}") {
      reportedFigures { reportedOn reportedOnPrecision countries organizations combined combinedQualifier wording sources { url } }
      engagedNonMembers { participant { code } note sources { url } }
    } kr: membership(coalition: "${SLUG}", participant: "KR") { status } }`);
    const figures = data!.coalition.reportedFigures;
    expect(figures).toContainEqual({
      reportedOn: '2023-07-07',
      reportedOnPrecision: 'DAY',
      countries: null,
      organizations: null,
      combined: 97,
      combinedQualifier: 'EXACT',
      wording: '97 countries and international organisations',
      sources: [
        {
          url: 'https://www.thenationalnews.com/world/us-news/2023/07/07/nearly-100-countries-and-organisations-join-forces-to-combat-synthetic-drugs/',
        },
      ],
    });
    expect(figures).toContainEqual(
      expect.objectContaining({
        reportedOn: '2024-09-24',
        reportedOnPrecision: 'ON_OR_AFTER',
        countries: 163,
        organizations: 15,
        sources: [{ url: 'https://www.globalcoalition.us/' }],
      }),
    );
    expect(data!.coalition.engagedNonMembers).toContainEqual({
      participant: { code: 'KR' },
      note: "reported as going to participate ('South Korea will reportedly participate'); no source confirms it",
      sources: [{ url: 'https://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=178964' }],
    });
    expect(data!.kr).toBeNull();
  });

  it('records each revision in the audit log as dataset:r<N>, with what it applied and skipped', async () => {
    const client = new pg.Client({ connectionString: app.current().databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT actor, role, count(*)::int AS entries,
                max(after->>'appliedItems') FILTER (WHERE after ? 'datasetRevision') AS applied
           FROM audit_entry WHERE actor LIKE 'dataset:%' GROUP BY actor, role ORDER BY actor`,
      );
      expect(rows).toEqual([
        // Revision 1: 26 memberships, 24 commitments and the revision itself; revision 2: 4 members and itself.
        expect.objectContaining({ actor: 'dataset:r1', role: 'SYSTEM', applied: '1' }),
        // Revision 2: four members, NL's correction, two figures, KR's engagement, and the revision itself.
        { actor: 'dataset:r2', role: 'SYSTEM', entries: 9, applied: '8' },
      ]);
    } finally {
      await client.end();
    }
  });
});
