import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CompiledQuery } from 'kysely';
import { testDialects } from '../../../test/databases.js';
import type { Db } from '../../db/schema.js';
import { bookingEventsQuery, countBookingEvents } from './calendar.repository.js';

let ids = 0;
async function logEntry(db: Db, venueId: string, target: string, action: string): Promise<void> {
  await db
    .insertInto('activity_log')
    .values({ id: `entry-${++ids}`, at: '2026-12-07T08:00:00.000Z', venue_id: venueId, action, target, detail: '{}' })
    .execute();
}

for (const dialect of testDialects()) {
  describe(`a booking's history count on ${dialect.name}`, () => {
    test("counts the booking's own entries only, by its reference and venue", async () => {
      const { db, close } = await dialect.create();
      try {
        await logEntry(db, 'venue-a', 'GZ-AAAA', 'booking.created');
        await logEntry(db, 'venue-a', 'GZ-AAAA', 'booking.changed');
        await logEntry(db, 'venue-a', 'GZ-AAAA', 'invoice.issued');
        await logEntry(db, 'venue-a', 'GZ-BBBB', 'booking.created');
        await logEntry(db, 'venue-b', 'GZ-AAAA', 'booking.created');
        assert.equal(await countBookingEvents(db, 'venue-a', 'GZ-AAAA'), 2);
        assert.equal(await countBookingEvents(db, 'venue-a', 'GZ-CCCC'), 0);
      } finally {
        await close();
      }
    });

    if (dialect.name === 'sqlite')
      test("reads by the reference's index, not through the venue's whole history", async () => {
        const { db, close } = await dialect.create();
        try {
          const { sql: text, parameters } = bookingEventsQuery(db, 'venue-a', 'GZ-AAAA').compile();
          const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
          const details = plan.rows.map((row) => row.detail).join('\n');
          assert.match(details, /USING INDEX activity_log_target \(target=\? AND venue_id=\?\)/, details);
        } finally {
          await close();
        }
      });
  });
}
