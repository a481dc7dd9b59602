import { isReadOnlyRequest } from './read-consistency.http.js';

const post = (body: unknown) => ({ method: 'POST', body });

describe('isReadOnlyRequest (who may skip the read-your-writes store)', () => {
  it.each([
    ['a GET', { method: 'GET', body: undefined }],
    ['a HEAD', { method: 'HEAD', body: undefined }],
    ['a query', post({ query: '{ coalitions { slug } }' })],
    ['a named query with variables', post({ query: 'query Q($s: String!) { coalition(slug: $s) { name } }' })],
    ['a batch of queries', post([{ query: '{ a: coalitions { slug } }' }, { query: '{ b: coalitions { slug } }' }])],
  ])('lets %s run without it', (_what, request) => {
    expect(isReadOnlyRequest(request)).toBe(true);
  });

  it.each([
    ['a mutation', post({ query: 'mutation { recordInvitation(input: {}) { version } }' })],
    ['a document that names a mutation among queries', post({ query: '{ a } mutation M { b }', operationName: 'M' })],
    ['a batch with one mutation', post([{ query: '{ a }' }, { query: 'mutation { b }' }])],
    ['a persisted query sent by its hash alone', post({ extensions: { persistedQuery: { sha256Hash: 'abc' } } })],
    ['a body that is not an operation', post('mutation { b }')],
    ['an empty batch', post([])],
    ['a POST to another route', post(undefined)],
    ['a DELETE', { method: 'DELETE', body: undefined }],
  ])('keeps %s in it', (_what, request) => {
    expect(isReadOnlyRequest(request)).toBe(false);
  });
});
