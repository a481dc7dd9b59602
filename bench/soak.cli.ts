import { rmSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher.js';
import { positiveNumberOption } from './cli-arguments.js';
import { startRegistryForLoad } from './registry-service.js';
import type { ServerProcess } from './server-process.js';
import { heapUsedBytes } from './service-heap.js';

/**
 * `npm run soak -- --minutes N [--connections C]`: the built service on a throwaway embedded
 * PostgreSQL under mixed reads and writes (autocannon, loopback only) for N minutes; then prints
 * the errors, the latency percentiles and the service's memory at start and end, so a leak shows.
 */
const SLUG = 'synthetic-drug-threats';
const log = (message: string) => process.stderr.write(`[soak] ${message}\n`);

const heapMiB = async (baseUrl: string) => Math.round((await heapUsedBytes(baseUrl)) / 1024 / 1024);

/**
 * The mix a busy registry sees. Writes send their values as variables, as real clients do: an
 * inlined value would make every write a new document for the server to parse and keep.
 */
function mixedRequests(adminKey: string): autocannon.Request[] {
  let written = 0;
  const gql = (query: string, admin = false): autocannon.Request => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(admin ? { authorization: `Bearer ${adminKey}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const write = (query: string, variables: (n: number) => Record<string, unknown>): autocannon.Request => ({
    ...gql('', true),
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ query, variables: variables(++written) }) }),
  });
  return [
    gql(`{ coalition(slug: "${SLUG}") { stats { total committed byRegion { region total } } } }`),
    gql(
      `{ coalition(slug: "${SLUG}") { memberships(first: 25) { totalCount nodes { status participant { code name } history { status sources { url } } } } } }`,
    ),
    gql(`{ searchParticipants(text: "republic", first: 10) { code name } }`),
    write(
      'mutation ($code: String!, $name: String!) { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: $code, name: $name }) { code } }',
      (n) => ({
        code: `SOAK-${process.pid}-${n}`,
        name: `Soak ${n}`,
      }),
    ),
    gql(`{ membership(coalition: "${SLUG}", participant: "CN") { status history { status effectiveOn } } }`),
    write(
      `mutation ($title: String!) { recordCommitment(input: { coalition: "${SLUG}", participant: "US", title: $title, madeOn: "2024-01-01", source: { url: "https://example.org/soak", title: "Soak" } }) { id } }`,
      (n) => ({ title: `Soak pledge ${n}` }),
    ),
  ];
}

async function main(): Promise<void> {
  const minutes = positiveNumberOption('minutes', 1);
  const connections = positiveNumberOption('connections', 8);
  const dataDir = path.resolve('.data', `soak-${process.pid}`);
  const database = await startEmbeddedPostgres({ dataDir, isDataDirExplicit: false, isThrowaway: true, log });
  let service: ServerProcess | undefined;
  try {
    const running = await startRegistryForLoad(database.url, 'soak');
    service = running.service;
    const { baseUrl, adminKey } = running;

    let graphqlErrors = 0;
    const requests = mixedRequests(adminKey).map((request) => ({
      ...request,
      onResponse: (status: number, body: string) => {
        if (status === 200 && body.includes('"errors"')) graphqlErrors++;
      },
    }));
    log('warming up for 15 s');
    await autocannon({ url: baseUrl, connections, duration: 15, requests });
    graphqlErrors = 0;
    const rssMiB = () => service?.memory()?.rssMb ?? NaN;
    const start = { rss: rssMiB(), heap: await heapMiB(baseUrl) };
    const samples = [start.rss];
    const sampler = setInterval(() => samples.push(rssMiB()), 30_000);
    log(`soaking for ${minutes} min with ${connections} connections (RSS ${start.rss} MiB, heap ${start.heap} MiB)`);
    const result = await autocannon({
      url: baseUrl,
      connections,
      duration: Math.round(minutes * 60),
      requests,
      timeout: 10,
    });
    clearInterval(sampler);
    const end = { rss: rssMiB(), heap: await heapMiB(baseUrl) };

    const lines = [
      `soak: ${minutes} min, ${connections} connections, mixed reads and writes (4 reads : 2 writes)`,
      `requests: ${result.requests.total} (${Math.round(result.requests.average)}/s), 2xx ${result['2xx']}, non-2xx ${result.non2xx}, ` +
        `GraphQL errors ${graphqlErrors}, errors ${result.errors}, timeouts ${result.timeouts}`,
      `latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`,
      `service RSS MiB: start ${start.rss}, end ${end.rss}, max ${Math.max(...samples, end.rss)}; heap used MiB: start ${start.heap}, end ${end.heap}`,
      `RSS every 30 s (MiB): ${samples.join(' ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const code = await service.stop();
    process.stdout.write(`service stopped with exit code ${code}\n`);
    service = undefined;
  } finally {
    await service?.stop();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
