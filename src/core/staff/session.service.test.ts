import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withoutActivityLog } from '../../../test/activity-log-outage.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { hashToken } from '../shared/ids.js';
import { endOwnSessions, logOut, resolveSession, startSession, sweepExpiredSessions } from './session.service.js';
import { addStaff } from './staff.service.js';
import type { StaffMember } from './staff.js';

const SETTINGS = { idleTimeoutSeconds: 3600, absoluteTimeoutSeconds: 12 * 3600 };
const CLIENT = '192.0.2.0/24';

for (const dialect of testDialects()) {
  describe(`sessions ended with their activity log entry, both or neither (${dialect.name})`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    let count = 0;

    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    async function member(): Promise<StaffMember> {
      count += 1;
      const email = `member${count}@venue.test`;
      return (await addStaff(database.db, clock, { email, name: `Member ${count}`, role: 'admin' }, null)).member;
    }
    const signIn = (of: StaffMember) => startSession(database.db, clock, of.id, { verified: true, userAgent: 'test' });
    const sessionsOf = async (of: StaffMember) =>
      (await database.db.selectFrom('staff_sessions').select('token_hash').where('staff_id', '=', of.id).execute())
        .map((row) => row.token_hash)
        .sort();
    const entries = (action: string, target: string) =>
      database.db
        .selectFrom('activity_log')
        .select(['actor_email', 'detail', 'client'])
        .where('action', '=', action)
        .where('target', '=', target)
        .execute();

    test("a member's own sessions end with one activity log entry saying how many", async () => {
      const me = await member();
      const other = await member();
      const [current, second, third] = [await signIn(me), await signIn(me), await signIn(me)];
      const theirs = await signIn(other);

      assert.equal(
        await endOwnSessions(database.db, clock, me, { one: hashToken(theirs) }, CLIENT),
        0,
        "another member's session is not found",
      );
      assert.equal(await endOwnSessions(database.db, clock, me, { one: hashToken(second) }, CLIENT), 1);
      assert.deepEqual(await sessionsOf(me), [hashToken(current), hashToken(third)].sort());
      assert.equal(await endOwnSessions(database.db, clock, me, { allBut: hashToken(current) }, CLIENT), 1);
      assert.deepEqual(await sessionsOf(me), [hashToken(current)]);
      assert.deepEqual(await sessionsOf(other), [hashToken(theirs)]);
      assert.deepEqual(
        (await entries('auth.sessions_ended', me.email)).map((entry) => [entry.actor_email, JSON.parse(entry.detail), entry.client]),
        [0, 1, 1].map((ended) => [me.email, { ended }, CLIENT]),
      );
    });

    test('when the activity log entry cannot be written, no session ends', async () => {
      const me = await member();
      const current = await signIn(me);
      await signIn(me);
      const before = await sessionsOf(me);
      await withoutActivityLog(database.db, async () => {
        await assert.rejects(endOwnSessions(database.db, clock, me, { allBut: hashToken(current) }, CLIENT));
        await assert.rejects(logOut(database.db, clock, current, { member: me, client: CLIENT }));
      });
      assert.deepEqual(await sessionsOf(me), before);
      assert.deepEqual(await entries('auth.sessions_ended', me.email), []);
      assert.deepEqual(await entries('auth.logout', me.email), []);
    });

    test("a signed-in member's logout ends the session with its entry; a stale cookie just ends", async () => {
      const me = await member();
      const [token, stale] = [await signIn(me), await signIn(me)];
      await logOut(database.db, clock, token, { member: me, client: CLIENT });
      await logOut(database.db, clock, stale);
      assert.deepEqual(await sessionsOf(me), []);
      assert.deepEqual(
        (await entries('auth.logout', me.email)).map((entry) => [entry.actor_email, entry.client]),
        [[me.email, CLIENT]],
      );
    });

    test('an expired session stays until its timeout can be recorded, by its next request or the sweep', async () => {
      const me = await member();
      const token = await signIn(me);
      clock.advance((SETTINGS.idleTimeoutSeconds + 1) * 1000);
      await withoutActivityLog(database.db, async () => {
        await assert.rejects(resolveSession(database.db, clock, SETTINGS, token));
        await assert.rejects(sweepExpiredSessions(database.db, clock, SETTINGS));
      });
      assert.deepEqual(await sessionsOf(me), [hashToken(token)]);
      assert.deepEqual(await entries('auth.timeout', me.email), []);

      assert.equal((await resolveSession(database.db, clock, SETTINGS, token)).state, 'expired');
      assert.deepEqual(await sessionsOf(me), []);
      assert.equal((await entries('auth.timeout', me.email)).length, 1);
    });
  });
}
