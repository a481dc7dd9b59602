import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { SelectionPlanCache, selectionReadsVariables } from './selection-plan-cache.js';

const schema = buildSchema(`
  type Query { item(id: Int): Item }
  type Item { name: String, parts(first: Int): [String] }
`);

/** Runs `query` twice on one parsed document (as Apollo does), counting how often the plan is made. */
async function plansMade(query: string, variables: Array<Record<string, unknown>>) {
  const cache = new SelectionPlanCache<string>();
  const document = parse(query);
  let made = 0;
  const plans: string[] = [];
  let readsVariables: boolean | undefined;
  const rootValue = {
    item: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      readsVariables = selectionReadsVariables(info);
      plans.push(cache.planOf(info, () => `plan ${++made} ${JSON.stringify(info.variableValues)}`));
      return { name: 'x', parts: [] };
    },
  };
  for (const variableValues of variables) {
    const result = await execute({ schema, document, rootValue, variableValues });
    expect(result.errors).toBeUndefined();
  }
  return { made, plans, readsVariables };
}

describe('SelectionPlanCache', () => {
  it('plans a document once when no variable reaches into the selection (the field’s own arguments do not count)', async () => {
    const { made, plans, readsVariables } = await plansMade(
      'query Q($id: Int) { item(id: $id) { name parts(first: 2) } }',
      [{ id: 1 }, { id: 2 }, { id: 3 }],
    );
    expect(readsVariables).toBe(false);
    expect(made).toBe(1);
    expect(new Set(plans).size).toBe(1);
  });

  it.each([
    ['an argument', 'query Q($n: Int) { item(id: 1) { parts(first: $n) } }'],
    ['a directive', 'query Q($n: Boolean!) { item(id: 1) { name @include(if: $n) } }'],
    ['a fragment', 'query Q($n: Int) { item(id: 1) { ...F } } fragment F on Item { parts(first: $n) }'],
  ])('plans each request when a variable reaches into the selection through %s', async (_how, query) => {
    const variables = query.includes('Boolean') ? [{ n: true }, { n: false }] : [{ n: 1 }, { n: 2 }];
    const { made, plans, readsVariables } = await plansMade(query, variables);
    expect(readsVariables).toBe(true);
    expect(made).toBe(2);
    expect(plans[0]).not.toEqual(plans[1]);
  });

  it('does not share a plan between documents', async () => {
    const cache = new SelectionPlanCache<number>();
    let made = 0;
    const rootValue = {
      item: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        cache.planOf(info, () => ++made);
        return { name: 'x' };
      },
    };
    for (const query of ['{ item(id: 1) { name } }', '{ item(id: 1) { name } }']) {
      await execute({ schema, document: parse(query), rootValue });
    }
    expect(made).toBe(2);
  });
});
