import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { InvalidInput } from './domain-errors.js';

export const MAX_PAGE_SIZE = 100;

/** One place for the page-size rule: 1..100, anything else is a clear BAD_USER_INPUT. */
export function checkPageSize(first: number | undefined, fallback: number, argument = 'first'): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new InvalidInput(argument, `${argument} must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${size}`);
  }
  return size;
}

/**
 * Cursors are opaque to clients: base64url of the sort key of the last row seen (keyset pagination,
 * so a page stays stable while rows are added elsewhere). `kind` binds a cursor to the ordering it
 * came from, so a cursor from another ordering is rejected instead of silently skipping rows.
 */
export function encodeCursor(kind: string, key: ReadonlyArray<string | number | null>): string {
  return Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, kind: string, length: number, argument = 'after'): Array<string | null> {
  const invalid = () => new InvalidInput(argument, `${argument} is not a cursor this list handed out`);
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== length + 1 || parsed[0] !== kind) throw invalid();
  const key = parsed.slice(1);
  if (!key.every((part) => part === null || typeof part === 'string')) throw invalid();
  return key as Array<string | null>;
}

@ObjectType({ description: 'Where a page sits in its list, and the cursors to move on.' })
export class PageInfo {
  @Field({ description: 'True when more items follow; pass endCursor as `after` to get them.' })
  hasNextPage: boolean;

  @Field({ description: 'True when this page was asked with `after`, so items come before it.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "The first item's cursor; null on an empty page." })
  startCursor: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The last item's cursor, to pass as `after` for the next page; null on an empty page.",
  })
  endCursor: string | null;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Connection<Node> {
  edges: Edge<Node>[];
  nodes: Node[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for `Node` (edges with cursors, nodes, pageInfo, totalCount). */
export function Paginated<Node>(node: Type<Node>, name: string): Type<Connection<Node>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'An opaque position in the list: pass it as `after` to continue after this item.' })
    cursor: string;

    @Field(() => node, { description: `The ${name} itself.` })
    node: Node;
  }

  @ObjectType(`${name}Connection`, {
    isAbstract: false,
    description: `One page of ${name} items (a Relay connection): ask for the next with after: pageInfo.endCursor.`,
  })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page with their cursors.' })
    edges: Edge<Node>[];

    @Field(() => [node], { description: 'The items of this page, without cursors.' })
    nodes: Node[];

    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursors.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds, across all pages, under the same filters.' })
    totalCount: number;
  }
  return ConnectionType as Type<Connection<Node>>;
}

/** An edge whose cursor is encoded only when read: most pages are asked for their nodes alone. */
class LazyCursorEdge<Row, Node> {
  constructor(
    private readonly row: Row,
    private readonly cursorOf: (row: Row) => string,
    readonly node: Node,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.row);
  }
}

/** Builds a connection from `size + 1` fetched rows: the extra row only tells that a next page exists. */
export function toConnection<Row, Node>(
  rows: Row[],
  size: number,
  totalCount: number,
  hasPrevious: boolean,
  cursorOf: (row: Row) => string,
  nodeOf: (row: Row) => Node,
): Connection<Node> {
  const pageRows = rows.slice(0, size);
  const edges = pageRows.map((row) => new LazyCursorEdge(row, cursorOf, nodeOf(row)));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
