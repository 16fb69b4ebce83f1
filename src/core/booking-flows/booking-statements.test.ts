import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KyselyPlugin, OperationNode, QueryId, RootOperationNode } from 'kysely';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import type { Db } from '../../db/schema.js';
import { findSlot } from '../availability/slot.repository.js';
import { createBooking } from './booking.service.js';

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
 * without a table whose columns read those).
 */
function labelOf(node: RootOperationNode): string {
  const inserted = insertedInto(node);
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
 * The statements placing one simple booking runs: an activity without resources in a venue without
 * billing details, no options, extras, discount or voucher, paid at the venue. Each one is a round
 * trip on PostgreSQL and a query built and compiled on both, so one more is a cost on every
 * booking: a change that adds one raises this budget on purpose (docs/performance.md, statements per booking).
 * PostgreSQL writes the booking's row, its history entry and its mail in one statement
 * (insertTogether); SQLite, which has no data-modifying WITH and no round trips, one by one.
 */
const BUDGET = { sqlite: 6, postgres: 4 };

/**
 * Of those, the statements run after the slot's UPDATE, while the slot's row is locked (PostgreSQL)
 * or the database is (SQLite), until the commit: every booking of a full or popular slot waits for
 * them. One read (the resources the slot uses, the address's other bookings of the slot and the
 * venue's terms again: readUnderSlotLock), then the writes.
 */
const UNDER_LOCK = { sqlite: 4, postgres: 2 };

for (const dialect of testDialects()) {
  describe(`statements per booking on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    const budget = BUDGET[dialect.name];
    const underLock = UNDER_LOCK[dialect.name];
    test(`a simple booking runs ${budget} statements, ${underLock} of them after the slot's UPDATE`, async (t) => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 10 });
      // A query is transformed when it is built (a subquery built on its own too) and its result
      // once it has run: the statements run are the results, each labelled as its query was built.
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
      const counted = db.withPlugin(counter) as Db;
      const { booking } = await createBooking(counted, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 4 }));
      assert.equal(booking.status, 'confirmed');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4);
      const perTable = new Map<string, number>();
      for (const statement of statements) perTable.set(statement, (perTable.get(statement) ?? 0) + 1);
      t.diagnostic(`${statements.length} statements: ${[...perTable].map(([label, n]) => `${label} ${n}`).join(', ')}`);
      // Exactly the budget: one more is a cost to justify, one fewer lowers the budget (and the docs' figure).
      assert.equal(statements.length, budget, `the budget is ${budget} statements: ${statements.join(', ')}`);
      const locked = statements.slice(statements.indexOf('update slots') + 1);
      assert.equal(locked.length, underLock, `${underLock} statements after the slot's UPDATE: ${locked.join(', ')}`);
    });
  });
}
