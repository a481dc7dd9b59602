import { bearer, createTestKeys } from './support/api-keys.js';
import { useTestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const app = useTestApp();

type Period = { start: string; end: string; total: number; byStatus: Array<{ status: string; count: number }> };

beforeAll(async () => {
  // Histories with every kind of move, so the timeline has more than growth to add up.
  const keys = await createTestKeys(app.current());
  const write = (query: string) => app.current().graphql(query, {}, bearer(keys.admin));
  const source = `source: { url: "https://example.org/timeline", title: "Timeline test" }`;
  for (const [code, date] of [
    ['NO', '2023-08-10'],
    ['SE', '2023-09-01'],
    ['FI', '2024-01-15'],
  ]) {
    await write(
      `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "${code}", invitedOn: "${date}" }) { version } }`,
    );
  }
  await write(
    `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "NO", status: COMMITTED, effectiveOn: "2023-10-01", expectedVersion: 1, ${source} }) { version } }`,
  );
  await write(
    `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "NO", status: WITHDRAWN, effectiveOn: "2024-06-30", expectedVersion: 2, ${source} }) { version } }`,
  );
  await write(
    `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "SE", status: DECLINED, effectiveOn: "2023-12-31", expectedVersion: 1, ${source} }) { version } }`,
  );
});

async function timeline(interval: string, from: string, to: string): Promise<Period[]> {
  const { data, errors } = await app.current().graphql(
    `query($i: TimelineInterval, $f: Date, $t: Date) { coalition(slug: "${SLUG}") { timeline(interval: $i, from: $f, to: $t) {
       start end total byStatus { status count } } } }`,
    { i: interval, f: from, t: to },
  );
  expect(errors).toBeUndefined();
  return data!.coalition.timeline;
}

async function statsAt(dates: string[]): Promise<Array<{ total: number; byStatus: Period['byStatus'] }>> {
  const fields = dates
    .map((date, index) => `s${index}: stats(asOf: "${date}") { total byStatus { status count } }`)
    .join(' ');
  const { data, errors } = await app.current().graphql(`{ coalition(slug: "${SLUG}") { ${fields} } }`);
  expect(errors).toBeUndefined();
  return dates.map((_, index) => data!.coalition[`s${index}`]);
}

/** A small deterministic generator, so a failure can be replayed. */
function randomDates(seed: number, count: number): Array<[string, string]> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const day = (offset: number) =>
    new Date(Date.UTC(2023, 0, 1) + Math.floor(offset) * 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: count }, () => {
    const a = next() * 900;
    const b = next() * 900;
    return [day(Math.min(a, b)), day(Math.max(a, b))];
  });
}

describe('Coalition.timeline', () => {
  it('counts by status at each month end, growing from the launch', async () => {
    const periods = await timeline('MONTH', '2023-07-01', '2024-12-31');
    expect(periods).toHaveLength(18);
    // Revision 2 adds ES, MA, JO and SA in July 2023 and moves NL's start from 2024-09-24 to 2023-07-07.
    expect(periods[0]).toMatchObject({ start: '2023-07-01', end: '2023-07-31', total: 15 });
    const september2024 = periods.find((period) => period.start === '2024-09-01')!;
    expect(september2024.byStatus.find((entry) => entry.status === 'COMMITTED')!.count).toBe(25);
    expect(periods.at(-1)!.byStatus).toEqual([
      { status: 'INVITED', count: 2 },
      { status: 'COMMITTED', count: 25 },
      { status: 'DECLINED', count: 1 },
      { status: 'WITHDRAWN', count: 1 },
    ]);
  });

  it.each(['MONTH', 'QUARTER', 'YEAR'])(
    'agrees with stats(asOf:) at every %s end, over random ranges',
    async (interval) => {
      for (const [from, to] of randomDates(interval.length * 7919, 6)) {
        const periods = await timeline(interval, from, to);
        expect(periods[0].start).toBe(from);
        expect(periods.at(-1)!.end).toBe(to);
        for (let offset = 0; offset < periods.length; offset += 25) {
          const chunk = periods.slice(offset, offset + 25);
          const stats = await statsAt(chunk.map((period) => period.end));
          chunk.forEach((period, index) => {
            expect({ at: period.end, total: period.total, byStatus: period.byStatus }).toEqual({
              at: period.end,
              ...stats[index],
            });
          });
        }
      }
    },
  );

  it('refuses from after to, and more than 600 periods', async () => {
    const reversed = await app
      .current()
      .graphql(`{ coalition(slug: "${SLUG}") { timeline(from: "2024-01-01", to: "2023-01-01") { end } } }`);
    expect(reversed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    const huge = await app
      .current()
      .graphql(
        `{ coalition(slug: "${SLUG}") { timeline(interval: MONTH, from: "1900-01-01", to: "2024-01-01") { end } } }`,
      );
    expect(huge.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
