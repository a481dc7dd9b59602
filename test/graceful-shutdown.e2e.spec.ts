import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startServiceProcess, testDataDir } from './support/service-process.js';

/**
 * SIGTERM while requests are in flight: the service stops taking new ones, answers every one it had
 * (200, full data), closes the pool, stops its embedded PostgreSQL and exits 0.
 */
const dataDir = testDataDir('shutdown');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// A large page: every membership with its participant, history, sources and commitments.
const LARGE_PAGE = `{ coalition(slug: "synthetic-drug-threats") { memberships(first: 100) { totalCount nodes {
  status statusSince participant { code name aliases }
  history { status effectiveOn sources { url title publisher } }
  commitments { title status sources { url } } } } stats { total byRegion { region total } } } }`;

it('finishes the requests in flight with 200, refuses new ones, and exits 0 on SIGTERM', async () => {
  // A long grace period: on a loaded machine the drain may take seconds, and cutting it short is another test's subject.
  // No response cache, so each page is real work still going on when the signal lands.
  const service = await startServiceProcess({
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_IP: '0',
    SHUTDOWN_GRACE_MS: '60000',
    RESPONSE_CACHE: 'false',
  });
  const clusterDir = service.output().match(/lives in (\S+)\./)?.[1] ?? path.join(dataDir, 'pg');
  const ask = async () => {
    const response = await fetch(`${service.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LARGE_PAGE }),
    });
    const body = (await response.json()) as {
      data?: { coalition: { memberships: { totalCount: number } } };
      errors?: unknown;
    };
    return { status: response.status, body, answeredAt: Date.now() };
  };

  const inFlight = Array.from({ length: 60 }, ask);
  // Long enough for every request to be accepted, even on a loaded machine; the pool of 10 keeps most waiting.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const signalledAt = Date.now();
  const exited = service.stop();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const late = await fetch(`${service.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ coalitions { slug } }' }),
  }).then(
    (response) => response.status,
    () => 'refused',
  );

  const answers = await Promise.all(inFlight);
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.coalition.memberships.totalCount).toBe(26);
  }
  // Some were still being worked on when the signal came: the drain waited for them.
  expect(answers.filter((answer) => answer.answeredAt > signalledAt).length).toBeGreaterThan(0);
  expect(late === 'refused' || late === 503).toBe(true);
  expect(await exited).toBe(0);
  expect(service.output()).toMatch(/SIGTERM received/);
  expect(service.output()).toMatch(/"msg":"Stopped"/);
  expect(existsSync(path.join(clusterDir, 'postmaster.pid'))).toBe(false);
}, 120_000);
