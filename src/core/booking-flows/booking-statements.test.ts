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

/** A statement as `select bookings`: its kind and the table it reads or writes first. */
function labelOf(node: RootOperationNode): string {
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
 */
const BUDGET = 12;

for (const dialect of testDialects()) {
  describe(`statements per booking on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test(`a simple booking runs ${BUDGET} statements`, async (t) => {
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
      assert.equal(statements.length, BUDGET, `the budget is ${BUDGET} statements: ${statements.join(', ')}`);
    });
  });
}
