import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createHttpServer } from '../../src/http-server.js';
import { RegistryChangesService } from '../../src/response-cache/registry-changes.service.js';
import { testServerUrl } from './test-server.js';

export interface GraphqlResponse<Data = Record<string, any>> {
  status: number;
  data?: Data;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }>;
}

/** A database of its own on the test server, so each suite starts from the seed alone. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = testServerUrl();
  const name = `registry_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  databaseUrl: string;
  config: AppConfig;
  graphql<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphqlResponse<Data>>;
  close(): Promise<void>;
}

/** The real service over HTTP on a fresh, migrated and seeded database. */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: { url: string; drop(): Promise<void> },
): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const config = loadConfig({ NODE_ENV: 'test', ...env, DATABASE_URL: db.url });
  const app = await createHttpServer(config, db.url);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    databaseUrl: db.url,
    config,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphqlResponse;
      return { ...body, status: response.status } as GraphqlResponse<any>;
    },
    async close() {
      await app.close();
      if (!database) await db.drop();
    },
  };
}

/**
 * The usual suite set-up: one service for the whole file, closed after it. Read `current()` inside
 * tests (the service exists only once beforeAll has run).
 */
export function useTestApp(env: Record<string, string> = {}): { current(): TestApp } {
  let service: TestApp | undefined;
  beforeAll(async () => {
    service = await startTestApp(env);
  });
  afterAll(async () => {
    await service?.close();
  });
  return {
    current() {
      if (!service) throw new Error('the test app starts in beforeAll');
      return service;
    },
  };
}

/** How many change notices `service` has heard so far (pass it to `untilHeardBy`). */
export const noticesHeardBy = (service: TestApp): number => service.app.get(RegistryChangesService).generation;

/**
 * Resolves once `service` has heard a change notice after the `heard`-th (2 s at most). PostgreSQL has
 * sent a write's notice to every instance by the time the write is answered; another instance's process
 * may read it off its socket a moment later, and only then forgets its cached answers.
 */
export async function untilHeardBy(service: TestApp, heard: number): Promise<void> {
  for (const deadline = Date.now() + 2000; noticesHeardBy(service) === heard && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (noticesHeardBy(service) === heard) throw new Error('the instance heard no change notice within 2 s');
}
