import { readFileSync, writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { startTestApp, type TestApp } from './support/test-app.js';

let service: TestApp;

beforeAll(async () => {
  service = await startTestApp();
});
afterAll(async () => {
  await service.close();
});

it('the committed schema.gql matches the schema the code builds (UPDATE_SCHEMA=1 rewrites it)', () => {
  const built = `${printSchema(service.app.get(GraphQLSchemaHost).schema)}\n`;
  if (process.env.UPDATE_SCHEMA === '1') writeFileSync('schema.gql', built);
  expect(readFileSync('schema.gql', 'utf8')).toBe(built);
});
