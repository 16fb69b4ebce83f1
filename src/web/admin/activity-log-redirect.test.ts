import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { adminGet, type Member } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';

// The activity log was served at /admin/audit until it was renamed; the admin guard test covers
// a visitor without a session, as for every admin route.
for (const dialect of testDialects()) {
  describe(`the activity log's old address (${dialect.name})`, () => {
    let t: TestApp;
    let manager: Member;
    let staff: Member;

    before(async () => {
      t = await buildTestApp(dialect);
      ({ manager, staff } = await signInMembers(t, await makeTwoVenues(t), ['manager', 'staff']));
    });
    after(() => t.close());

    test('sends a reader of the log on to /admin/activity for good, the query kept', async () => {
      const filtered = await adminGet(t, manager, '/admin/audit?action=auth.login&email=anna%40venue.test');
      assert.equal(filtered.statusCode, 308);
      assert.equal(filtered.headers.location, '/admin/activity?action=auth.login&email=anna%40venue.test');
      assert.equal(filtered.headers['cache-control'], 'no-store');
      const bare = await adminGet(t, manager, '/admin/audit');
      assert.equal(bare.statusCode, 308);
      assert.equal(bare.headers.location, '/admin/activity');
      assert.equal((await adminGet(t, manager, bare.headers.location)).statusCode, 200);
    });

    test('refuses those who may not read the log, as the log itself does', async () => {
      assert.equal((await adminGet(t, staff, '/admin/audit')).statusCode, 403);
      assert.equal((await adminGet(t, staff, '/admin/activity')).statusCode, 403);
    });
  });
}
