import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * GraphiQL's docs are the manual API users read, so every part of the schema must say what it means.
 * Only what graphql-js itself defines (introspection types, String/Int/..., @deprecated...) is exempt.
 */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (text: string | null | undefined) => !text?.trim();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (blank(type.description)) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`field ${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (blank(arg.description)) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (blank(value.description)) missing.push(`enum value ${type.name}.${value.name}`);
      }
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    if (blank(directive.description)) missing.push(`directive @${directive.name}`);
    for (const arg of directive.args) {
      if (blank(arg.description)) missing.push(`argument @${directive.name}(${arg.name})`);
    }
  }
  return missing;
}

let service: TestApp;

beforeAll(async () => {
  service = await startTestApp();
});
afterAll(async () => {
  await service.close();
});

it('every type, field, argument, input field and enum value of the schema has a description', () => {
  expect(undocumented(service.app.get(GraphQLSchemaHost).schema)).toEqual([]);
});
