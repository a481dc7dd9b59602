import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher.js';

/**
 * `npm run soak -- --minutes N [--connections C]`: the built service on a throwaway embedded
 * PostgreSQL under mixed reads and writes (autocannon, loopback only) for N minutes; then prints
 * the errors, the latency percentiles and the service's memory at start and end, so a leak shows.
 */
const SLUG = 'synthetic-drug-threats';
const log = (message: string) => process.stderr.write(`[soak] ${message}\n`);

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

/** The built service; its warnings and errors go to our stderr. */
async function startService(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-10_000);
      if (output.includes('coalition-registry serving')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the service exited with ${code}:\n${output}`)));
  });
  child.stdout!.resume();
  return child;
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

async function heapMiB(baseUrl: string): Promise<number> {
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  return Math.round(Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(metrics)?.[1] ?? 0) / 1024 / 1024);
}

function mixedRequests(adminKey: string): autocannon.Request[] {
  let written = 0;
  const gql = (query: string, admin = false): autocannon.Request => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(admin ? { authorization: `Bearer ${adminKey}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const write = (build: (n: number) => string): autocannon.Request => ({
    ...gql('', true),
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: build(++written) }) }),
  });
  return [
    gql(`{ coalition(slug: "${SLUG}") { stats { total committed byRegion { region total } } } }`),
    gql(
      `{ coalition(slug: "${SLUG}") { memberships(first: 25) { totalCount nodes { status participant { code name } history { status sources { url } } } } } }`,
    ),
    gql(`{ searchParticipants(text: "republic", first: 10) { code name } }`),
    write(
      (n) =>
        `mutation { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: "SOAK-${process.pid}-${n}", name: "Soak ${n}" }) { code } }`,
    ),
    gql(`{ membership(coalition: "${SLUG}", participant: "CN") { status history { status effectiveOn } } }`),
    write(
      (n) =>
        `mutation { recordCommitment(input: { coalition: "${SLUG}", participant: "US", title: "Soak pledge ${n}", madeOn: "2024-01-01", source: { url: "https://example.org/soak", title: "Soak" } }) { id } }`,
    ),
  ];
}

async function main(): Promise<void> {
  const minutes = option('minutes', 1);
  const connections = option('connections', 8);
  const dataDir = path.resolve('.data', `soak-${process.pid}`);
  const database = await startEmbeddedPostgres({ dataDir, isDataDirExplicit: false, isThrowaway: true, log });
  let service: ChildProcess | undefined;
  try {
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_KEY: '0',
    };
    service = await startService(env);
    const baseUrl = `http://127.0.0.1:${port}`;
    const created = await run(
      ['dist/src/auth/apikey.cli.js', 'create', '--role', 'admin', '--name', `soak-${Date.now()}`],
      env,
    );
    const adminKey = created.trim().split('\n').at(-1)!;

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
    const pid = service.pid!;
    const start = { rss: rssMiB(pid), heap: await heapMiB(baseUrl) };
    const samples = [start.rss];
    const sampler = setInterval(() => samples.push(rssMiB(pid)), 30_000);
    log(`soaking for ${minutes} min with ${connections} connections (RSS ${start.rss} MiB, heap ${start.heap} MiB)`);
    const result = await autocannon({
      url: baseUrl,
      connections,
      duration: Math.round(minutes * 60),
      requests,
      timeout: 10,
    });
    clearInterval(sampler);
    const end = { rss: rssMiB(pid), heap: await heapMiB(baseUrl) };

    const lines = [
      `soak: ${minutes} min, ${connections} connections, mixed reads and writes (4 reads : 2 writes)`,
      `requests: ${result.requests.total} (${Math.round(result.requests.average)}/s), 2xx ${result['2xx']}, non-2xx ${result.non2xx}, ` +
        `GraphQL errors ${graphqlErrors}, errors ${result.errors}, timeouts ${result.timeouts}`,
      `latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`,
      `service RSS MiB: start ${start.rss}, end ${end.rss}, max ${Math.max(...samples, end.rss)}; heap used MiB: start ${start.heap}, end ${end.heap}`,
      `RSS every 30 s (MiB): ${samples.join(' ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    service.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => service!.on('exit', resolve));
    process.stdout.write(`service stopped with exit code ${code}\n`);
    service = undefined;
  } finally {
    service?.kill('SIGKILL');
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
