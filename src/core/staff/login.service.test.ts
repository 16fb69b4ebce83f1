import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { withoutActivityLog } from '../../../test/activity-log-outage.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { base32Decode, rfc6238 } from '../../../test/staff.js';
import { completeLogin, loginWithPassword } from './login.service.js';
import { resolveSession } from './session.service.js';
import { addStaff, confirmTotpEnrolment, findSetupAccount, pendingTotpSecret, setSetupPassword } from './staff.service.js';

const SETTINGS = { idleTimeoutSeconds: 3600, absoluteTimeoutSeconds: 12 * 3600 };
const CLIENT = { network: '192.0.2.0/24', userAgent: 'test' };
const PASSWORD = 'correct horse battery staple';

for (const dialect of testDialects()) {
  describe(`the second login step and its activity log entry, both or neither (${dialect.name})`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    const key = randomBytes(32);

    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('when the login cannot be recorded, the half-signed-in session stays and no signed-in one starts', async () => {
      const { db } = database;
      const email = 'admin@venue.test';
      const { member, setupToken } = await addStaff(db, clock, { email, name: 'Admin', role: 'admin' }, null);
      await setSetupPassword(db, clock, key, setupToken, PASSWORD);
      const row = await findSetupAccount(db, clock, setupToken);
      const secret = base32Decode(pendingTotpSecret(key, row)!);
      const code = () => rfc6238(secret, Math.floor(clock.now().getTime() / 1000));
      await confirmTotpEnrolment(db, clock, key, row, code(), { actor: member });

      const sessions = () =>
        db.selectFrom('staff_sessions').select(['token_hash', 'two_factor_verified']).where('staff_id', '=', member.id).execute();
      const logins = () =>
        db.selectFrom('activity_log').select('action').where('action', '=', 'auth.login').where('target', '=', email).execute();
      const pendingOf = async (token: string) => {
        const lookup = await resolveSession(db, clock, SETTINGS, token);
        assert.equal(lookup.state, 'valid');
        return lookup.session;
      };

      clock.advance(30_000);
      const token = await loginWithPassword(db, clock, email, PASSWORD, CLIENT);
      const pending = await pendingOf(token);
      const before = await sessions();
      assert.deepEqual(
        before.map((session) => session.two_factor_verified),
        [0],
      );
      await withoutActivityLog(db, () => assert.rejects(completeLogin(db, clock, key, pending, code(), CLIENT)));
      assert.deepEqual(await sessions(), before);
      assert.deepEqual(await logins(), []);

      // The code of that step is spent; the next one signs in, recorded.
      clock.advance(30_000);
      await completeLogin(db, clock, key, await pendingOf(token), code(), CLIENT);
      assert.deepEqual(
        (await sessions()).map((session) => session.two_factor_verified),
        [1],
      );
      assert.deepEqual(await logins(), [{ action: 'auth.login' }]);
    });
  });
}
