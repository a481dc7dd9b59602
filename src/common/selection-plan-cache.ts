import { visit, type ASTNode, type FieldNode, type GraphQLResolveInfo } from 'graphql';

interface Kept<Plan> {
  fieldNodes: readonly FieldNode[];
  /** Absent when a variable reaches into the selection: the plan is then made for each request. */
  plan?: Plan;
}

/**
 * Look-ahead plans (what a root field's statement reads for the selection below it) kept per query
 * document. A plan depends on the field's nodes, the document's fragments and the variables used in
 * the selection; Apollo keeps one parsed document per query text and the compiled executor hands
 * every request of it the same nodes, so the same question is planned once, not on every request
 * (PostGraphile plans once per document too). Selections that read a variable are planned each time;
 * the field's own arguments are not part of a plan. Kept as long as the document is (a WeakMap).
 */
export class SelectionPlanCache<Plan> {
  private readonly kept = new WeakMap<FieldNode, Kept<Plan>>();

  planOf(info: GraphQLResolveInfo, plan: () => Plan): Plan {
    const first = info.fieldNodes[0];
    if (first === undefined) return plan();
    const kept = this.kept.get(first);
    if (kept !== undefined && isSameNodes(kept.fieldNodes, info.fieldNodes)) {
      return kept.plan !== undefined ? kept.plan : plan();
    }
    const made = plan();
    if (kept === undefined) {
      const fieldNodes = [...info.fieldNodes];
      this.kept.set(first, selectionReadsVariables(info) ? { fieldNodes } : { fieldNodes, plan: made });
    }
    return made;
  }
}

function isSameNodes(a: readonly FieldNode[], b: readonly FieldNode[]): boolean {
  return a.length === b.length && a.every((node, index) => node === b[index]);
}

/** Whether a variable appears anywhere below the field (arguments, @skip/@include), fragments followed. */
export function selectionReadsVariables(info: GraphQLResolveInfo): boolean {
  const pending: ASTNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const seenFragments = new Set<string>();
  let readsVariable = false;
  while (pending.length > 0 && !readsVariable) {
    visit(pending.pop()!, {
      Variable() {
        readsVariable = true;
      },
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = info.fragments[name];
        if (!seenFragments.has(name) && fragment) {
          seenFragments.add(name);
          pending.push(fragment);
        }
      },
    });
  }
  return readsVariable;
}
