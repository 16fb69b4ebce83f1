import type { KyselyPlugin, OperationNode, QueryId, RawNode, RootOperationNode, SelectQueryNode } from 'kysely';
import type { Db } from '../src/db/schema.js';

/** The first table a node names, depth first. */
function firstTable(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = firstTable(item);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const op = node as OperationNode & { table?: { identifier?: { name?: string } } };
    if (op.kind === 'TableNode') return op.table?.identifier?.name;
    for (const value of Object.values(node)) {
      const found = firstTable(value);
      if (found) return found;
    }
  }
  return undefined;
}

/** The tables a node inserts into, depth first. */
function insertedInto(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(insertedInto);
  if (!node || typeof node !== 'object') return [];
  const op = node as OperationNode & { into?: unknown };
  const own = op.kind === 'InsertQueryNode' ? [firstTable(op.into) ?? '?'] : [];
  return [...own, ...Object.values(node).flatMap(insertedInto)];
}

/** The tables the queries within a node update (a data-modifying WITH's), depth first. */
function updatedWithin(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(updatedWithin);
  if (!node || typeof node !== 'object') return [];
  const op = node as OperationNode & { table?: unknown };
  const own = op.kind === 'UpdateQueryNode' ? [firstTable(op.table) ?? '?'] : [];
  return [...own, ...Object.values(node).flatMap(updatedWithin)];
}

/** The table the first query within a node reads (its FROM's first), depth first. */
function firstRead(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = firstRead(item);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const op = node as OperationNode & { from?: unknown };
    if (op.kind === 'SelectQueryNode' && op.from) return firstTable(op.from);
    for (const value of Object.values(node)) {
      const found = firstRead(value);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A statement as `select bookings`: its kind and the table it reads or writes first (`insert
 * bookings+activity_log` for several inserts in one, `select resources+bookings` for a select
 * without a table whose columns read those), after what its WITH queries write when it is a select
 * (`update slots with select ...`, `insert bookings+activity_log with select ...`).
 */
function labelOf(node: RootOperationNode): string {
  // insertTogether's statement: `with ... <its last query>`, the main one.
  const last = node.kind === 'RawNode' ? (node as RawNode).parameters.at(-1) : undefined;
  if (last?.kind === 'SelectQueryNode') return `insert ${insertedInto(node).join('+')} with ${labelOfMain(last as SelectQueryNode)}`;
  if (node.kind !== 'SelectQueryNode') return labelOfMain(node);
  const updated = updatedWithin(node);
  const inserted = insertedInto(node);
  const writes = [
    ...(updated.length > 0 ? [`update ${updated.join('+')}`] : []),
    ...(inserted.length > 0 ? [`insert ${inserted.join('+')}`] : []),
  ];
  return writes.length > 0 ? `${writes.join(', ')} with ${labelOfMain(node)}` : labelOfMain(node);
}

function labelOfMain(node: RootOperationNode): string {
  const inserted = node.kind === 'SelectQueryNode' ? [] : insertedInto(node);
  if (inserted.length > 1) return `insert ${inserted.join('+')}`;
  if (node.kind === 'SelectQueryNode' && !node.from)
    return `select ${(node.selections ?? []).map((column) => firstRead(column) ?? '?').join('+')}`;
  const verb = node.kind.replace(/QueryNode$|Node$/, '').toLowerCase();
  const target =
    node.kind === 'SelectQueryNode' || node.kind === 'DeleteQueryNode'
      ? firstTable(node.from)
      : node.kind === 'InsertQueryNode'
        ? firstTable(node.into)
        : node.kind === 'UpdateQueryNode'
          ? firstTable(node.table)
          : undefined;
  return `${verb} ${target ?? firstTable(node) ?? '?'}`;
}

/**
 * `db` telling the statements it runs, in order, each labelled as labelOf labels it (`select
 * bookings`, `insert bookings+activity_log`). A query is transformed when it is built (a subquery
 * built on its own too) and its result once it has run: the statements run are the results, each
 * labelled as its query was built.
 */
export function countingStatements(db: Db): { db: Db; statements: string[] } {
  const built = new Map<QueryId, string>();
  const statements: string[] = [];
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      built.set(args.queryId, labelOf(args.node));
      return args.node;
    },
    transformResult: async (args) => {
      statements.push(built.get(args.queryId) ?? '?');
      return args.result;
    },
  };
  return { db: db.withPlugin(counter) as Db, statements };
}

/**
 * How many round trips to PostgreSQL `work` takes: the messages that end an exchange pg sends (a
 * simple query, or an extended one's Sync), each answered by one ReadyForQuery, counted on pg's
 * own connections while `work` runs (all of the process's: run nothing else meanwhile).
 */
export async function countingRoundTrips(work: () => Promise<unknown>): Promise<number> {
  const { Connection } = (await import('pg')).default;
  const prototype = Connection.prototype as unknown as Record<'query' | 'sync', (...args: unknown[]) => unknown>;
  const { query, sync } = prototype;
  let trips = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    trips++;
    return query.apply(this, args);
  };
  prototype.sync = function (this: unknown, ...args: unknown[]) {
    trips++;
    return sync.apply(this, args);
  };
  try {
    await work();
  } finally {
    Object.assign(prototype, { query, sync });
  }
  return trips;
}
