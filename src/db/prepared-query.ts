import {
  type Compilable,
  type CompiledQuery,
  createQueryId,
  type DialectAdapter,
  type Insertable,
  type Kysely,
  type OperationNode,
  type OperationNodeSource,
  PostgresAdapter,
  type QueryResult,
  type RawBuilder,
  type RootOperationNode,
} from 'kysely';
import { registerNamedStatement } from './pg-named-statements.js';
import type { Database, Executor } from './schema.js';

/** An INSERT built and not yet run, for insertTogether: a Kysely insert query builder, or a prepared one. */
export interface PendingInsert {
  execute(): Promise<unknown>;
  toOperationNode(): OperationNode;
  /** A prepared query's: the query and its values. */
  prepared?: PreparedPart;
}

/** A query builder of Kysely's: compiled to SQL alone, or taken into a larger statement as a node. */
type Buildable<O> = Compilable<O> & OperationNodeSource;

/** Where a named parameter stands in a query while it is compiled. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** A query compiled for one dialect: its SQL, its parameters with the placeholders' places. */
interface Compiled {
  query: RootOperationNode;
  sql: string;
  parameters: readonly unknown[];
  /** [index in parameters, parameter name] of each placeholder. */
  slots: readonly (readonly [number, string])[];
}

/**
 * A query built and compiled once per dialect instead of on every call. Kysely builds a tree of
 * frozen nodes for every query and compiles it to SQL again on every call, which on a booking's
 * dozen statements costs as much CPU as SQLite running them (docs/performance.md). A prepared query
 * is built once with placeholders for its named parameters, and each call only puts the values in
 * their places.
 *
 * `build` gets stand-ins for the parameters: each may only stand where Kysely takes a value (a
 * comparison's right-hand side, but not that of `is`; an inserted or updated value; a limit), never
 * decide the query's shape (an `if`, a list for `in`, a spread), as the query is built once for all
 * values. A query whose shape depends on a value is built per call as usual.
 *
 * On PostgreSQL the compiled SQL also runs as a named prepared statement, parsed once per connection
 * and planned once when PostgreSQL keeps a generic plan (src/db/pg-named-statements.ts).
 *
 * On an executor with plugins (which may rewrite every query, such as the tests' statement counter)
 * the query is built and compiled per call, so each plugin sees it as usual (its SQL, when the same
 * as the registered one, still runs as the named statement).
 */
export class PreparedQuery<P extends object, O> {
  readonly #build: (db: Executor, params: P) => Buildable<O>;
  readonly #compiled = new WeakMap<DialectAdapter, Compiled>();

  constructor(build: (db: Executor, params: P) => Buildable<O>) {
    this.#build = build;
  }

  async execute(db: Executor, params: P): Promise<QueryResult<O>> {
    const executor = db.getExecutor();
    if (executor.plugins.length > 0) return db.executeQuery(this.#build(db, params));
    const compiled = this.compiledFor(db);
    const parameters = [...compiled.parameters];
    for (const [index, name] of compiled.slots) parameters[index] = valueOf(params, name);
    const query: CompiledQuery<O> = { query: compiled.query, queryId: createQueryId(), sql: compiled.sql, parameters };
    return db.executeQuery(query);
  }

  /** The query compiled for `db`'s dialect (compiled on the first call); `db` has no plugins. */
  compiledFor(db: Executor): Compiled {
    const { adapter } = db.getExecutor();
    let compiled = this.#compiled.get(adapter);
    if (!compiled) {
      compiled = this.#compile(db);
      this.#compiled.set(adapter, compiled);
      if (adapter instanceof PostgresAdapter) registerNamedStatement(compiled.sql);
    }
    return compiled;
  }

  /** The rows the query returns. */
  async rows(db: Executor, params: P): Promise<O[]> {
    return (await this.execute(db, params)).rows;
  }

  /** The first row the query returns, or undefined (Kysely's executeTakeFirst). */
  async first(db: Executor, params: P): Promise<O | undefined> {
    return (await this.execute(db, params)).rows[0];
  }

  /**
   * The query with these values, not yet run: for insertTogether, which runs it alone (compiled
   * once, as execute) or as part of one statement with others (built as usual).
   */
  pending(db: Executor, params: P): PendingInsert {
    return {
      execute: () => this.execute(db, params),
      toOperationNode: () => this.#build(db, params).toOperationNode(),
      prepared: { query: this as unknown as PreparedQuery<object, unknown>, params },
    };
  }

  /** How many rows an INSERT, UPDATE or DELETE changed. */
  async changes(db: Executor, params: P): Promise<number> {
    return Number((await this.execute(db, params)).numAffectedRows ?? 0);
  }

  #compile(db: Executor): Compiled {
    const placeholders = new Map<string, Placeholder>();
    const stand = new Proxy({} as P, {
      get(_target, name) {
        if (typeof name !== 'string') return undefined;
        let placeholder = placeholders.get(name);
        if (!placeholder) placeholders.set(name, (placeholder = new Placeholder(name)));
        return placeholder;
      },
    });
    const { query, sql, parameters } = this.#build(db, stand).compile();
    const slots: [number, string][] = [];
    parameters.forEach((value, index) => {
      if (value instanceof Placeholder) slots.push([index, value.name]);
    });
    const bound = new Set(slots.map(([, name]) => name));
    // After `is` Kysely writes the value into the SQL (`is null`): a stand-in there became `is ?`,
    // which SQLite compares and PostgreSQL refuses. Such a value shapes the query too.
    for (const name of isOperands(query)) bound.delete(name);
    for (const name of placeholders.keys()) {
      if (!bound.has(name)) throw new Error(`prepared query: parameter ${name} is not where a value goes`);
    }
    return { query, sql, parameters: parameters.map((value) => (value instanceof Placeholder ? null : value)), slots };
  }
}

function valueOf(params: object, name: string): unknown {
  const value = (params as Record<string, unknown>)[name];
  // Kysely leaves out an inserted column whose value is undefined, which a compiled query cannot.
  if (value === undefined) throw new Error(`prepared query: parameter ${name} is undefined`);
  return value;
}

/** A prepared query with its values, as part of a larger statement (see combinedStatement). */
export interface PreparedPart {
  query: PreparedQuery<object, unknown>;
  params: object;
}

/** A statement made of prepared queries: its SQL, and where each part's parameters go. */
interface Combined {
  query: RootOperationNode;
  sql: string;
  parameters: readonly unknown[];
  /** [index in parameters, index of the part, parameter name] of each placeholder. */
  slots: readonly (readonly [number, number, string])[];
}

type MakeStatement = (nodes: readonly OperationNodeSource[]) => RawBuilder<unknown>;
/** Per dialect and way of making them, the statements made so far, by the parts' queries. */
const combinedStatements = new WeakMap<DialectAdapter, WeakMap<MakeStatement, Map<string, Combined>>>();
const partIds = new WeakMap<PreparedQuery<object, unknown>, number>();
let nextPartId = 0;

/**
 * Runs one statement made of prepared queries, each given as a node to `make` (insertTogether's
 * data-modifying `WITH`), compiled once for each sequence of queries and run with the parts'
 * values (on PostgreSQL as a named statement too). On an executor with plugins, made per call as
 * usual. The sequences a process meets are few: each part's query is fixed, and insertTogether's
 * callers join a handful of them.
 */
export async function executeCombined(db: Executor, parts: readonly PreparedPart[], make: MakeStatement): Promise<QueryResult<unknown>> {
  const executor = db.getExecutor();
  if (executor.plugins.length > 0) return make(parts.map(({ query, params }) => query.pending(db, params))).execute(db);
  let byMake = combinedStatements.get(executor.adapter);
  if (!byMake) combinedStatements.set(executor.adapter, (byMake = new WeakMap()));
  let byParts = byMake.get(make);
  if (!byParts) byMake.set(make, (byParts = new Map()));
  const key = parts.map(({ query }) => partIds.get(query) ?? partIds.set(query, nextPartId++).get(query)).join();
  let combined = byParts.get(key);
  if (!combined) {
    const compiledParts = parts.map(({ query }) => query.compiledFor(db));
    const { query, sql, parameters } = make(compiledParts.map((part) => fixed(part.query))).compile(db);
    // The parts' parameters, in their order: a part may be the same query as another, with the same
    // placeholders, so each is told by its place.
    const slots: [number, number, string][] = [];
    let offset = 0;
    compiledParts.forEach((part, index) => {
      for (const [at, name] of part.slots) slots.push([offset + at, index, name]);
      offset += part.parameters.length;
    });
    if (offset !== parameters.length || slots.some(([at]) => !(parameters[at] instanceof Placeholder))) {
      throw new Error("prepared query: the combined statement does not hold its parts' parameters in order");
    }
    combined = { query, sql, parameters: parameters.map((value) => (value instanceof Placeholder ? null : value)), slots };
    byParts.set(key, combined);
    if (executor.adapter instanceof PostgresAdapter) registerNamedStatement(sql);
  }
  const parameters = [...combined.parameters];
  for (const [index, part, name] of combined.slots) parameters[index] = valueOf(parts[part]!.params, name);
  return db.executeQuery({ query: combined.query, queryId: createQueryId(), sql: combined.sql, parameters });
}

/** A node already built, as the source Kysely's `sql` takes. */
function fixed(node: RootOperationNode): OperationNodeSource {
  return { toOperationNode: () => node };
}

/** The parameters that stand right of an `is` or `is not` anywhere in `node`. */
function isOperands(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(isOperands);
  if (!node || typeof node !== 'object' || node instanceof Placeholder) return [];
  const { kind, operator, rightOperand } = node as { kind?: string; operator?: { operator?: string }; rightOperand?: { value?: unknown } };
  const own =
    kind === 'BinaryOperationNode' &&
    (operator?.operator === 'is' || operator?.operator === 'is not') &&
    rightOperand?.value instanceof Placeholder
      ? [rightOperand.value.name]
      : [];
  return [...own, ...Object.values(node).flatMap(isOperands)];
}

/** A query compiled once per dialect, with named parameters: see PreparedQuery. */
export function prepared<P extends object, O>(build: (db: Executor, params: P) => Buildable<O>): PreparedQuery<P, O> {
  return new PreparedQuery(build);
}

/**
 * An INSERT of one row into `table`, not yet run (see PreparedQuery.pending), compiled once per set
 * of columns it is given: those whose value is not undefined, as Kysely leaves the others out (so
 * they take their default).
 */
export function preparedInsert<T extends keyof Database & string>(table: T): (db: Executor, row: Insertable<Database[T]>) => PendingInsert {
  const byColumns = new Map<string, PreparedQuery<Record<string, unknown>, unknown>>();
  return (db, row) => {
    const given = row as Record<string, unknown>;
    const columns = Object.keys(given).filter((column) => given[column] !== undefined);
    const key = columns.join();
    let query = byColumns.get(key);
    if (!query) {
      query = prepared((db, p: Record<string, unknown>) =>
        (db as unknown as Kysely<Record<T, Record<string, unknown>>>)
          .insertInto(table)
          .values(Object.fromEntries(columns.map((column) => [column, p[column]])) as never),
      );
      byColumns.set(key, query);
    }
    // The values as they are now, as Kysely's builder takes them: the columns were chosen from them.
    return query.pending(db, { ...given });
  };
}
